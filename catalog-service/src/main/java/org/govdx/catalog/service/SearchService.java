package org.govdx.catalog.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.catalog.domain.Frequency;
import org.govdx.catalog.domain.VersionStatus;
import org.govdx.catalog.repository.CatalogQueries;
import org.govdx.catalog.repository.SearchQuery;
import org.govdx.catalog.repository.SearchResult;
import org.govdx.common.identity.Caller;
import org.govdx.common.problem.ProblemException;
import org.govdx.rules.classification.SharingClass;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Catalog search for every authenticated caller (DOMAIN rules 1, 10, 11): trigram text matching over titles,
 * descriptions, keywords and field titles in Chinese and English, filters, facet counts, three sort orders and
 * opaque keyset cursors. Others see current published versions only (FORBIDDEN ones included: metadata only);
 * with {@code mine} a steward or CDO sees the latest version of each of their department's datasets, drafts
 * included.
 */
@ApplicationScoped
public class SearchService {

    public static final int MAX_TERMS = 8;
    public static final int MAX_TEXT = 200;

    @Inject
    CatalogQueries queries;

    /** A search as asked for. */
    public record Request(String text, String department, SharingClass classification, String category, String dataElement,
                          Frequency updateFrequency, VersionStatus status, boolean mine, String sort, String cursor, int limit, boolean facets) {
    }

    /** Hits, facet counts and total (on the first page), and the cursor of the next page. */
    public record Outcome(List<SearchResult.Hit> hits, Map<String, Map<String, Long>> facets, Long total, String nextCursor) {
    }

    public Uni<Outcome> search(Caller caller, Request r) {
        String text = r.text() == null ? "" : r.text().strip();
        if (text.length() > MAX_TEXT) {
            throw ProblemException.invalidField("q", "at most " + MAX_TEXT + " characters");
        }
        List<String> words = text.isEmpty() ? List.of() : Arrays.stream(text.split("\\s+")).distinct().toList();
        if (words.size() > MAX_TERMS) {
            throw ProblemException.invalidField("q", "at most " + MAX_TERMS + " words");
        }
        String mineDepartment = null;
        if (r.mine()) {
            if (!Access.isDepartmentRole(caller)) {
                throw ProblemException.forbidden("mine lists your department's datasets; it needs a steward or CDO of a department");
            }
            mineDepartment = caller.department();
        } else if (r.status() != null) {
            throw ProblemException.invalidField("status", "only with mine=true (others see published datasets only)");
        }
        SearchQuery.Sort sort = switch (r.sort() == null ? "" : r.sort()) {
            case "" -> words.isEmpty() ? SearchQuery.Sort.UPDATED : SearchQuery.Sort.RELEVANCE;
            case "relevance" -> SearchQuery.Sort.RELEVANCE;
            case "title" -> SearchQuery.Sort.TITLE;
            case "updated" -> SearchQuery.Sort.UPDATED;
            default -> throw ProblemException.invalidField("sort", "relevance, title or updated");
        };
        String fingerprint = fingerprint(words, r, mineDepartment, sort);
        SearchQuery.After after = after(r.cursor(), sort, fingerprint);
        List<String> terms = words.stream().map(SearchText::containsPattern).toList();
        SearchQuery query = new SearchQuery(terms, SearchText.normalise(text), mineDepartment, r.department(), r.classification(),
                r.category(), r.updateFrequency(), r.status(), r.dataElement(), sort, after, r.limit() + 1,
                r.facets() && after == null, LocalDate.now(DatasetService.CHINA));
        return queries.search(query).map(result -> {
            List<SearchResult.Hit> hits = result.hits();
            String next = null;
            if (hits.size() > r.limit()) {
                hits = hits.subList(0, r.limit());
                next = cursor(hits.get(hits.size() - 1), sort, fingerprint);
            }
            return new Outcome(hits, result.facets(), result.total(), next);
        });
    }

    private static String cursor(SearchResult.Hit last, SearchQuery.Sort sort, String fingerprint) {
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("f", fingerprint);
        position.put("id", last.datasetId().toString());
        switch (sort) {
            case RELEVANCE -> position.put("k", Double.toString(last.score()));
            case TITLE -> position.put("k", last.titleSort());
            default -> position.put("k", last.updatedAt().toString());
        }
        return Cursors.encode(position);
    }

    private static SearchQuery.After after(String cursor, SearchQuery.Sort sort, String fingerprint) {
        Map<String, Object> position = Cursors.decode(cursor);
        if (position == null) {
            return null;
        }
        if (!fingerprint.equals(position.get("f"))) {
            throw ProblemException.invalidField("cursor", "belongs to another search; start again without a cursor");
        }
        try {
            UUID id = UUID.fromString(Cursors.string(position, "id"));
            String key = Cursors.string(position, "k");
            return switch (sort) {
                case RELEVANCE -> new SearchQuery.After(Double.parseDouble(key), null, null, id);
                case TITLE -> new SearchQuery.After(null, key, null, id);
                case UPDATED -> new SearchQuery.After(null, null, OffsetDateTime.parse(key), id);
            };
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("cursor", "not a cursor this service issued");
        }
    }

    private static String fingerprint(List<String> words, Request r, String mine, SearchQuery.Sort sort) {
        List<String> parts = new ArrayList<>(words);
        parts.add("|" + r.department() + "|" + r.classification() + "|" + r.category() + "|" + r.dataElement() + "|"
                + r.updateFrequency() + "|" + r.status() + "|" + mine + "|" + sort);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
