package org.govdx.rules.identifiers;

import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * An 18-character unified social credit code (统一社会信用代码), GB 32100-2015 (DOMAIN rule 3).
 *
 * <p>Alphabet {@code 0123456789ABCDEFGHJKLMNPQRTUWXY} (no I, O, Z, S, V). Character 1 is the registration
 * department code, 2 the organisation type, 3-8 the division code (digits), 9-17 the organisation code and
 * 18 the check character: {@code 31 - (Σ value(c_i)·w_i mod 31)}, with 31 mapped to 0 and weights
 * 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28 (3^i mod 31).
 *
 * <p>Validation checks length, alphabet, that characters 3-8 are digits, and the check character. It does
 * not check the department/type code tables (they grow) nor that characters 3-8 name an existing division
 * (national bodies use {@code 100000}), nor the GB 11714 check inside the organisation code (legacy codes
 * violate it). Lower-case input is normalised to upper case; surrounding whitespace is stripped.
 *
 * <p>The weights are non-zero modulo the prime 31 and adjacent weights differ, so every single-character
 * substitution and every transposition of two adjacent different characters is detected.
 */
public final class UnifiedSocialCreditCode {

    /** The 31 characters of the code alphabet, in value order. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private final String value;

    private UnifiedSocialCreditCode(String value) {
        this.value = value;
    }

    public static ValidationResult validate(String text) {
        if (text == null || text.isBlank()) {
            return invalid(InvalidReason.EMPTY, "unified social credit code is empty");
        }
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.length() != 18) {
            return invalid(InvalidReason.WRONG_LENGTH, "unified social credit code must have 18 characters");
        }
        for (int i = 0; i < 18; i++) {
            char c = s.charAt(i);
            if (ALPHABET.indexOf(c) < 0) {
                return invalid(InvalidReason.ILLEGAL_CHARACTER,
                        "unified social credit code character " + (i + 1) + " is outside its alphabet");
            }
            if (i >= 2 && i < 8 && !DivisionCode.isAsciiDigit(c)) {
                return invalid(InvalidReason.ILLEGAL_CHARACTER,
                        "unified social credit code character " + (i + 1) + " (division code) is not a digit");
            }
        }
        if (checkCharacter(s.substring(0, 17)) != s.charAt(17)) {
            return invalid(InvalidReason.CHECK_CHARACTER_MISMATCH, "unified social credit code check character does not match");
        }
        return ValidationResult.valid(IdentifierKind.USCC, s);
    }

    public static UnifiedSocialCreditCode parse(String text) {
        return new UnifiedSocialCreditCode(InvalidIdentifierException.requireValid(validate(text)));
    }

    /**
     * Builds a code from its parts, computing the check character: registration department code and
     * organisation type (one alphabet character each), a six-digit division code and a nine-character
     * organisation code.
     */
    public static UnifiedSocialCreditCode of(char registrationDepartment, char organisationType,
                                             String divisionCode, String organisationCode) {
        Objects.requireNonNull(divisionCode, "divisionCode");
        Objects.requireNonNull(organisationCode, "organisationCode");
        String body = "" + registrationDepartment + organisationType + divisionCode + organisationCode;
        if (body.length() != 17) {
            throw new IllegalArgumentException("division code must have 6 and organisation code 9 characters");
        }
        for (int i = 0; i < 17; i++) {
            if (ALPHABET.indexOf(body.charAt(i)) < 0 || (i >= 2 && i < 8 && !DivisionCode.isAsciiDigit(body.charAt(i)))) {
                throw new IllegalArgumentException("character " + (i + 1) + " is not allowed");
            }
        }
        return new UnifiedSocialCreditCode(body + checkCharacter(body));
    }

    /** A valid random code for an enterprise (91) in a random division, for tests and seeds. */
    public static UnifiedSocialCreditCode random(RandomGenerator random) {
        StringBuilder organisation = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            organisation.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return of('9', '1', DivisionCode.random(random).code(), organisation.toString());
    }

    /** The check character for the first 17 characters (upper case). */
    public static char checkCharacter(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("expected 17 characters");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("character " + (i + 1) + " is outside the alphabet");
            }
            sum += v * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

    /** The normalised 18 characters. */
    public String value() {
        return value;
    }

    /** Character 1: the registration department (登记管理部门) code. */
    public char registrationDepartmentCode() {
        return value.charAt(0);
    }

    /** Character 2: the organisation type (机构类别) code. */
    public char organisationTypeCode() {
        return value.charAt(1);
    }

    /** Characters 3-8: the division code of the registering authority (may be {@code 100000} for national bodies). */
    public String divisionCode() {
        return value.substring(2, 8);
    }

    /** Characters 9-17: the organisation code (主体标识码). */
    public String organisationCode() {
        return value.substring(8, 17);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnifiedSocialCreditCode other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }

    private static ValidationResult invalid(InvalidReason reason, String message) {
        return ValidationResult.invalid(IdentifierKind.USCC, reason, message);
    }
}
