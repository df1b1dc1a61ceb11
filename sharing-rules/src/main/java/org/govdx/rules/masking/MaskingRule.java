package org.govdx.rules.masking;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A masking strategy with its parameters (DOMAIN rule 3), as stored in a catalog field's default masking
 * and in an agreement's per-field masking.
 *
 * <p><b>Compact text form</b> ({@link #toText()} prints it, {@link #parse(String)} reads it; keywords are
 * case-insensitive and blanks around punctuation are ignored; the printed form is lower case without blanks):
 * <pre>
 *   none | redact | pseudonym | resident_id | mobile | uscc | chinese_name | address
 *   partial(first=F,last=L)              F, L in 0..{@value #MAX_KEEP}; either may be omitted (= 0)
 *   generalize(date:year) | generalize(date:month)
 *   generalize(division:city) | generalize(division:province)
 *   generalize(number:W)                 W = band width, a positive integer
 * </pre>
 * The record's components other than {@code strategy} must be zero / null unless the strategy uses them.
 *
 * @param strategy       the strategy
 * @param keepFirst      PARTIAL: leading characters kept
 * @param keepLast       PARTIAL: trailing characters kept
 * @param generalization GENERALIZE: the level, otherwise null
 * @param bandWidth      GENERALIZE with {@link Generalization#NUMBER_BAND}: the band width, otherwise 0
 */
public record MaskingRule(MaskingStrategy strategy, int keepFirst, int keepLast, Generalization generalization, long bandWidth) {

    /** Largest accepted {@code keepFirst} / {@code keepLast}. */
    public static final int MAX_KEEP = 32;

    public static final MaskingRule NONE = of(MaskingStrategy.NONE);
    public static final MaskingRule REDACT = of(MaskingStrategy.REDACT);
    public static final MaskingRule PSEUDONYM = of(MaskingStrategy.PSEUDONYM);

    private static final Pattern RULE = Pattern.compile("([a-z_]+)\\s*(?:\\(\\s*(.*?)\\s*\\))?");
    private static final Pattern KEEP_PARAMETER = Pattern.compile("(first|last)\\s*=\\s*(\\d{1,9})");
    private static final Pattern LEVEL_PARAMETER = Pattern.compile("([a-z]+)\\s*:\\s*([a-z]+|\\d{1,18})");

    public MaskingRule {
        Objects.requireNonNull(strategy, "strategy");
        if (strategy == MaskingStrategy.PARTIAL) {
            if (keepFirst < 0 || keepFirst > MAX_KEEP || keepLast < 0 || keepLast > MAX_KEEP) {
                throw new IllegalArgumentException("partial keeps 0.." + MAX_KEEP + " characters at each end");
            }
        } else if (keepFirst != 0 || keepLast != 0) {
            throw new IllegalArgumentException("only partial keeps characters");
        }
        if (strategy == MaskingStrategy.GENERALIZE) {
            Objects.requireNonNull(generalization, "generalize needs a level");
            if ((generalization == Generalization.NUMBER_BAND) != (bandWidth > 0)) {
                throw new IllegalArgumentException("a positive band width goes with, and only with, generalize(number:W)");
            }
        } else if (generalization != null || bandWidth != 0) {
            throw new IllegalArgumentException("only generalize has a level or band width");
        }
    }

    /** A strategy that takes no parameters (everything except PARTIAL and GENERALIZE). */
    public static MaskingRule of(MaskingStrategy strategy) {
        if (strategy.hasParameters()) {
            throw new IllegalArgumentException(strategy.ruleName() + " needs parameters");
        }
        return new MaskingRule(strategy, 0, 0, null, 0);
    }

    /** Keep {@code first} leading and {@code last} trailing characters. */
    public static MaskingRule partial(int first, int last) {
        return new MaskingRule(MaskingStrategy.PARTIAL, first, last, null, 0);
    }

    /** Generalise to a level other than {@link Generalization#NUMBER_BAND} (use {@link #numberBand(long)}). */
    public static MaskingRule generalize(Generalization level) {
        return new MaskingRule(MaskingStrategy.GENERALIZE, 0, 0, level, 0);
    }

    /** Generalise numbers to half-open bands of {@code width}. */
    public static MaskingRule numberBand(long width) {
        return new MaskingRule(MaskingStrategy.GENERALIZE, 0, 0, Generalization.NUMBER_BAND, width);
    }

    /** True when the rule delivers the value in clear. */
    public boolean isClear() {
        return strategy == MaskingStrategy.NONE;
    }

    /** The compact text form, e.g. {@code partial(first=1,last=4)}. */
    public String toText() {
        return switch (strategy) {
            case PARTIAL -> "partial(first=" + keepFirst + ",last=" + keepLast + ")";
            case GENERALIZE -> "generalize(" + generalization.token()
                    + (generalization == Generalization.NUMBER_BAND ? ":" + bandWidth : "") + ")";
            default -> strategy.ruleName();
        };
    }

    @Override
    public String toString() {
        return toText();
    }

    /** Reads the compact text form; {@link MaskingRuleSyntaxException} says what was expected. */
    public static MaskingRule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new MaskingRuleSyntaxException("expected a masking rule such as redact or partial(first=1,last=4)");
        }
        Matcher m = RULE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new MaskingRuleSyntaxException("expected name or name(parameters), e.g. partial(first=1,last=4)");
        }
        MaskingStrategy strategy = MaskingStrategy.fromRuleName(m.group(1));
        if (strategy == null) {
            throw new MaskingRuleSyntaxException("unknown masking strategy; expected one of none, redact, partial, "
                    + "pseudonym, generalize, resident_id, mobile, uscc, chinese_name, address");
        }
        String parameters = m.group(2);
        if (!strategy.hasParameters()) {
            if (parameters != null) {
                throw new MaskingRuleSyntaxException(strategy.ruleName() + " takes no parameters");
            }
            return of(strategy);
        }
        if (parameters == null) {
            throw new MaskingRuleSyntaxException(strategy == MaskingStrategy.PARTIAL
                    ? "expected partial(first=F,last=L)" : "expected generalize(level), e.g. generalize(date:year)");
        }
        return strategy == MaskingStrategy.PARTIAL ? parsePartial(parameters) : parseGeneralize(parameters);
    }

    private static MaskingRule parsePartial(String parameters) {
        Integer first = null;
        Integer last = null;
        for (String parameter : parameters.split(",", -1)) {
            Matcher p = KEEP_PARAMETER.matcher(parameter.strip());
            if (!p.matches()) {
                throw new MaskingRuleSyntaxException("expected first=N or last=N inside partial(...)");
            }
            int n = Integer.parseInt(p.group(2));
            if (n > MAX_KEEP) {
                throw new MaskingRuleSyntaxException("partial keeps at most " + MAX_KEEP + " characters at each end");
            }
            if (p.group(1).equals("first")) {
                if (first != null) {
                    throw new MaskingRuleSyntaxException("first given twice in partial(...)");
                }
                first = n;
            } else {
                if (last != null) {
                    throw new MaskingRuleSyntaxException("last given twice in partial(...)");
                }
                last = n;
            }
        }
        return partial(first == null ? 0 : first, last == null ? 0 : last);
    }

    private static MaskingRule parseGeneralize(String parameters) {
        Matcher p = LEVEL_PARAMETER.matcher(parameters);
        if (!p.matches()) {
            throw new MaskingRuleSyntaxException("expected generalize(date:year|date:month|division:city|division:province|number:W)");
        }
        String kind = p.group(1);
        String level = p.group(2);
        if (kind.equals("number")) {
            long width;
            try {
                width = Long.parseLong(level);
            } catch (NumberFormatException e) {
                throw new MaskingRuleSyntaxException("expected a band width in generalize(number:W)");
            }
            if (width <= 0) {
                throw new MaskingRuleSyntaxException("band width must be positive");
            }
            return numberBand(width);
        }
        String token = kind + ":" + level;
        for (Generalization g : Generalization.values()) {
            if (g != Generalization.NUMBER_BAND && g.token().equals(token)) {
                return generalize(g);
            }
        }
        throw new MaskingRuleSyntaxException("expected generalize(date:year|date:month|division:city|division:province|number:W)");
    }
}
