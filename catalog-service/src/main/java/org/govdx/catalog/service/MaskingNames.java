package org.govdx.catalog.service;

import org.govdx.rules.masking.MaskingRule;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a field's default masking in sharing-rules' compact form ({@code resident_id},
 * {@code generalize(date:year)}, {@code partial(first=1,last=4)}) or in the hyphenated names of the demo
 * catalog ({@code resident-id}, {@code date-to-year}, {@code number-band(width=1000)}), and returns the
 * canonical compact form, which is what the catalog stores and publishes (so consumers can pass it straight
 * to {@link MaskingRule#parse(String)}).
 */
public final class MaskingNames {

    private static final Map<String, String> ALIASES = Map.of(
            "date-to-year", "generalize(date:year)",
            "date-to-month", "generalize(date:month)",
            "division-to-city", "generalize(division:city)",
            "division-to-province", "generalize(division:province)");
    private static final Pattern NUMBER_BAND = Pattern.compile("number-band\\s*\\(\\s*(?:width\\s*=\\s*)?(\\d{1,18})\\s*\\)");
    private static final Pattern HYPHENATED = Pattern.compile("[a-z]+(-[a-z]+)+");

    private MaskingNames() {
    }

    /** The canonical compact form; {@link org.govdx.rules.masking.MaskingRuleSyntaxException} when it does not parse. */
    public static String canonical(String text) {
        return parse(text).toText();
    }

    public static MaskingRule parse(String text) {
        if (text == null) {
            return MaskingRule.parse(null);
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        String alias = ALIASES.get(s);
        if (alias != null) {
            return MaskingRule.parse(alias);
        }
        Matcher band = NUMBER_BAND.matcher(s);
        if (band.matches()) {
            return MaskingRule.parse("generalize(number:" + band.group(1) + ")");
        }
        if (HYPHENATED.matcher(s).matches()) {
            s = s.replace('-', '_');
        }
        return MaskingRule.parse(s);
    }
}
