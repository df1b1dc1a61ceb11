package org.govdx.rules.identifiers;

import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A six-digit GB/T 2260 administrative division code (DOMAIN rules 3 and 9), e.g. {@code 320505}.
 *
 * <p>Validity is structural, not a lookup in the (changing) national list: six ASCII digits, the first two
 * one of the province prefixes 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82, and a city part of
 * {@code 00} only together with a county part of {@code 00} (a province code). Codes of abolished or not yet
 * created divisions therefore pass as long as they have this shape.
 */
public final class DivisionCode {

    /** The province (first two digits) prefixes of GB/T 2260. */
    public static final Set<String> PROVINCE_PREFIXES = Set.of(
            "11", "12", "13", "14", "15",
            "21", "22", "23",
            "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46",
            "50", "51", "52", "53", "54",
            "61", "62", "63", "64", "65",
            "71", "81", "82");

    private static final String[] SORTED_PREFIXES = PROVINCE_PREFIXES.stream().sorted().toArray(String[]::new);

    private final String code;

    private DivisionCode(String code) {
        this.code = code;
    }

    /** Checks {@code text}; the normalised form is the code without surrounding whitespace. */
    public static ValidationResult validate(String text) {
        if (text == null || text.isBlank()) {
            return invalid(InvalidReason.EMPTY, "division code is empty");
        }
        String s = text.strip();
        if (s.length() != 6) {
            return invalid(InvalidReason.WRONG_LENGTH, "division code must have 6 digits");
        }
        for (int i = 0; i < 6; i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return invalid(InvalidReason.ILLEGAL_CHARACTER, "division code character " + (i + 1) + " is not a digit");
            }
        }
        if (!PROVINCE_PREFIXES.contains(s.substring(0, 2))) {
            return invalid(InvalidReason.UNKNOWN_PROVINCE, "division code does not start with a province prefix");
        }
        if (s.startsWith("00", 2) && !s.startsWith("00", 4)) {
            return invalid(InvalidReason.MALFORMED_DIVISION_CODE, "division code has a county part but no city part");
        }
        return ValidationResult.valid(IdentifierKind.DIVISION_CODE, s);
    }

    /** The division code, or {@link InvalidIdentifierException}. */
    public static DivisionCode parse(String text) {
        return new DivisionCode(InvalidIdentifierException.requireValid(validate(text)));
    }

    /** A structurally valid random code (city and county parts 01-20), for tests and seeds. */
    public static DivisionCode random(RandomGenerator random) {
        String province = SORTED_PREFIXES[random.nextInt(SORTED_PREFIXES.length)];
        return new DivisionCode(province + twoDigits(1 + random.nextInt(20)) + twoDigits(1 + random.nextInt(20)));
    }

    /** The six digits. */
    public String code() {
        return code;
    }

    /** The two-digit province prefix. */
    public String provincePrefix() {
        return code.substring(0, 2);
    }

    /** The level this code denotes. */
    public DivisionLevel level() {
        if (code.endsWith("0000")) {
            return DivisionLevel.PROVINCE;
        }
        return code.endsWith("00") ? DivisionLevel.CITY : DivisionLevel.COUNTY;
    }

    public boolean isProvince() {
        return level() == DivisionLevel.PROVINCE;
    }

    public boolean isCity() {
        return level() == DivisionLevel.CITY;
    }

    public boolean isCounty() {
        return level() == DivisionLevel.COUNTY;
    }

    /** The province containing this division: {@code XX0000}. */
    public DivisionCode province() {
        return new DivisionCode(code.substring(0, 2) + "0000");
    }

    /** The city containing this division: {@code XXXX00}; a province code is returned unchanged. */
    public DivisionCode city() {
        return isProvince() ? this : new DivisionCode(code.substring(0, 4) + "00");
    }

    /** This code generalised to {@code level}; a code already at or above that level is returned unchanged. */
    public DivisionCode generalisedTo(DivisionLevel level) {
        return switch (level) {
            case PROVINCE -> province();
            case CITY -> city();
            case COUNTY -> this;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DivisionCode other && code.equals(other.code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    @Override
    public String toString() {
        return code;
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static ValidationResult invalid(InvalidReason reason, String message) {
        return ValidationResult.invalid(IdentifierKind.DIVISION_CODE, reason, message);
    }
}
