package org.govdx.rules.identifiers;

import java.util.random.RandomGenerator;

/**
 * A mainland-China mobile number (DOMAIN rule 3: validators for phone numbers): 11 digits starting
 * with 13-19.
 *
 * <p>Accepted input, normalised to the bare 11 digits:
 * <ul>
 *   <li>an optional country prefix {@code +86}, {@code 0086} or {@code 86} (the latter only when 13 digits
 *       remain, so it cannot be confused with the number itself);</li>
 *   <li>spaces and hyphens anywhere between the digits (e.g. {@code 138-0013-8000}, {@code +86 138 0013 8000}).</li>
 * </ul>
 * Anything else (brackets, dots, other country codes, landline numbers) is rejected.
 */
public final class MobileNumber {

    private final String digits;

    private MobileNumber(String digits) {
        this.digits = digits;
    }

    public static ValidationResult validate(String text) {
        if (text == null || text.isBlank()) {
            return invalid(InvalidReason.EMPTY, "mobile number is empty");
        }
        String s = text.strip();
        boolean internationalForm = s.startsWith("+");
        if (internationalForm) {
            if (!s.startsWith("+86")) {
                return invalid(InvalidReason.INVALID_PREFIX, "only the +86 country code is accepted");
            }
            s = s.substring(3);
        }
        StringBuilder digits = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (DivisionCode.isAsciiDigit(c)) {
                digits.append(c);
            } else if (c != ' ' && c != '-') {
                return invalid(InvalidReason.ILLEGAL_CHARACTER, "mobile number may contain only digits, spaces and hyphens");
            }
        }
        String d = digits.toString();
        if (!internationalForm && d.length() == 15 && d.startsWith("0086")) {
            d = d.substring(4);
        } else if (!internationalForm && d.length() == 13 && d.startsWith("86")) {
            d = d.substring(2);
        }
        if (d.length() != 11) {
            return invalid(InvalidReason.WRONG_LENGTH, "mobile number must have 11 digits");
        }
        if (d.charAt(0) != '1' || d.charAt(1) < '3') {
            return invalid(InvalidReason.INVALID_PREFIX, "mobile number must start with 13 to 19");
        }
        return ValidationResult.valid(IdentifierKind.MOBILE, d);
    }

    public static MobileNumber parse(String text) {
        return new MobileNumber(InvalidIdentifierException.requireValid(validate(text)));
    }

    /** A valid random number, for tests and seeds. */
    public static MobileNumber random(RandomGenerator random) {
        StringBuilder b = new StringBuilder("1").append((char) ('3' + random.nextInt(7)));
        for (int i = 0; i < 9; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return new MobileNumber(b.toString());
    }

    /** The bare 11 digits. */
    public String digits() {
        return digits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MobileNumber other && digits.equals(other.digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return digits;
    }

    private static ValidationResult invalid(InvalidReason reason, String message) {
        return ValidationResult.invalid(IdentifierKind.MOBILE, reason, message);
    }
}
