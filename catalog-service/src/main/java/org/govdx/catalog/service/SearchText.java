package org.govdx.catalog.service;

import org.govdx.catalog.domain.DatasetVersion;
import org.govdx.catalog.domain.FieldSpec;

import java.util.Locale;

/**
 * The text search matches, and the normalisation of query terms. The database normalises the stored text with
 * {@code catalog_search_text()} (lower case, every non-ASCII character doubled: see V1_3, V1_5 and decision 0004);
 * {@link #normalise(String)} does the same to a query term, so that a substring of the original text is a
 * substring of the normalised text and a two-character Chinese word still has trigrams.
 */
public final class SearchText {

    private SearchText() {
    }

    /**
     * Titles, code, keywords, description, and every field's Chinese and English title (not field names: the
     * text is kept short, since every match is re-checked against it).
     */
    public static String source(DatasetVersion version) {
        StringBuilder text = new StringBuilder(1024)
                .append(version.titleZh).append('\n').append(version.titleEn).append('\n').append(version.code).append('\n')
                .append(version.keywordsText).append('\n').append(version.description);
        for (FieldSpec field : version.fields) {
            text.append('\n').append(field.titleZh()).append('\n').append(field.titleEn());
        }
        return text.toString();
    }

    public static String keywords(java.util.List<String> keywords) {
        return String.join(" | ", keywords);
    }

    /** Lower case (as PostgreSQL's lower()) with every non-ASCII code point doubled. */
    public static String normalise(String term) {
        String lower = term.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length() * 2);
        lower.codePoints().forEach(cp -> {
            out.appendCodePoint(cp);
            if (cp > 0x7f) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** A LIKE pattern matching {@code term} anywhere, with LIKE's wildcards escaped. */
    public static String containsPattern(String term) {
        String normalised = normalise(term);
        return "%" + normalised.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
