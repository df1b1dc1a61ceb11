package org.govdx.rules.identifiers;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * An 18-character citizen identity number, GB 11643-1999 (DOMAIN rule 3: validators for Chinese ID numbers).
 *
 * <p>Layout: 6-digit division code (checked by {@link DivisionCode}), 8-digit birth date {@code yyyyMMdd}
 * (a real date, not before 1900-01-01 and not after today in {@code Asia/Shanghai}), 3-digit sequence
 * (odd = male, even = female) and a check character computed with ISO 7064 MOD 11-2.
 *
 * <p><b>Lower-case {@code x}:</b> accepted and normalised to {@code X}, because people type it and the
 * number it denotes is not ambiguous. Surrounding whitespace is stripped; no other normalisation is done.
 * The normalised form is what {@link #value()} returns and what should be stored.
 *
 * <p>MOD 11-2 detects every single-character substitution and every transposition of two adjacent,
 * different characters (all adjacent weights differ modulo 11).
 */
public final class ResidentIdNumber {

    /** Zone whose calendar decides whether a birth date lies in the future. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Earliest accepted birth date. */
    public static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private final String value;

    private ResidentIdNumber(String value) {
        this.value = value;
    }

    /** Validates against today's date in China. */
    public static ValidationResult validate(String text) {
        return validate(text, LocalDate.now(CHINA));
    }

    /** Validates with an explicit "today", so callers (and tests) control the future-date check. */
    public static ValidationResult validate(String text, LocalDate today) {
        Objects.requireNonNull(today, "today");
        if (text == null || text.isBlank()) {
            return invalid(InvalidReason.EMPTY, "resident ID number is empty");
        }
        String s = text.strip();
        if (s.length() != 18) {
            return invalid(InvalidReason.WRONG_LENGTH, "resident ID number must have 18 characters");
        }
        for (int i = 0; i < 17; i++) {
            if (!DivisionCode.isAsciiDigit(s.charAt(i))) {
                return invalid(InvalidReason.ILLEGAL_CHARACTER, "resident ID character " + (i + 1) + " is not a digit");
            }
        }
        char last = s.charAt(17);
        if (last == 'x') {
            s = s.substring(0, 17) + 'X';
            last = 'X';
        }
        if (!DivisionCode.isAsciiDigit(last) && last != 'X') {
            return invalid(InvalidReason.ILLEGAL_CHARACTER, "resident ID check character must be a digit or X");
        }
        ValidationResult division = DivisionCode.validate(s.substring(0, 6));
        if (division instanceof ValidationResult.Invalid bad) {
            return invalid(bad.why(), "resident ID " + bad.message());
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(s.substring(6, 10)),
                    Integer.parseInt(s.substring(10, 12)), Integer.parseInt(s.substring(12, 14)));
        } catch (DateTimeException e) {
            return invalid(InvalidReason.INVALID_BIRTH_DATE, "resident ID birth date is not a calendar date");
        }
        if (birth.isBefore(EARLIEST_BIRTH_DATE)) {
            return invalid(InvalidReason.BIRTH_DATE_BEFORE_1900, "resident ID birth date is before 1900");
        }
        if (birth.isAfter(today)) {
            return invalid(InvalidReason.BIRTH_DATE_IN_FUTURE, "resident ID birth date is in the future");
        }
        if (checkCharacter(s.substring(0, 17)) != last) {
            return invalid(InvalidReason.CHECK_CHARACTER_MISMATCH, "resident ID check character does not match");
        }
        return ValidationResult.valid(IdentifierKind.RESIDENT_ID, s);
    }

    /** The number, or {@link InvalidIdentifierException}; validated against today in China. */
    public static ResidentIdNumber parse(String text) {
        return new ResidentIdNumber(InvalidIdentifierException.requireValid(validate(text)));
    }

    /** The number, or {@link InvalidIdentifierException}; validated against {@code today}. */
    public static ResidentIdNumber parse(String text, LocalDate today) {
        return new ResidentIdNumber(InvalidIdentifierException.requireValid(validate(text, today)));
    }

    /**
     * Builds the number for a division, birth date and sequence (0-999), computing the check character.
     * Used by tests and seed generators.
     */
    public static ResidentIdNumber of(DivisionCode division, LocalDate birthDate, int sequence) {
        Objects.requireNonNull(division, "division");
        Objects.requireNonNull(birthDate, "birthDate");
        if (sequence < 0 || sequence > 999) {
            throw new IllegalArgumentException("sequence must be within 0..999");
        }
        if (birthDate.getYear() < 1000 || birthDate.getYear() > 9999) {
            throw new IllegalArgumentException("birth year must have four digits");
        }
        String body = division.code()
                + String.format("%04d%02d%02d", birthDate.getYear(), birthDate.getMonthValue(), birthDate.getDayOfMonth())
                + String.format("%03d", sequence);
        return new ResidentIdNumber(body + checkCharacter(body));
    }

    /** A valid random number (birth date 1900-01-01 .. 2020-12-31), for tests and seeds. */
    public static ResidentIdNumber random(RandomGenerator random) {
        long first = EARLIEST_BIRTH_DATE.toEpochDay();
        long last = LocalDate.of(2020, 12, 31).toEpochDay();
        LocalDate birth = LocalDate.ofEpochDay(first + random.nextLong(last - first + 1));
        return of(DivisionCode.random(random), birth, random.nextInt(1000));
    }

    /** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
    public static char checkCharacter(String first17Digits) {
        if (first17Digits.length() != 17) {
            throw new IllegalArgumentException("expected 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = first17Digits.charAt(i);
            if (!DivisionCode.isAsciiDigit(c)) {
                throw new IllegalArgumentException("expected 17 digits");
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS[sum % 11];
    }

    /** The normalised 18 characters (upper-case X). */
    public String value() {
        return value;
    }

    /** The division code of the place of first registration. */
    public DivisionCode divisionCode() {
        return DivisionCode.parse(value.substring(0, 6));
    }

    public LocalDate birthDate() {
        return LocalDate.of(Integer.parseInt(value.substring(6, 10)),
                Integer.parseInt(value.substring(10, 12)), Integer.parseInt(value.substring(12, 14)));
    }

    /** The three-digit sequence number. */
    public int sequence() {
        return Integer.parseInt(value.substring(14, 17));
    }

    /** Odd sequence = male, even = female. */
    public Sex sex() {
        return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResidentIdNumber other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The normalised number. Beware: this is personal data — mask it before logging. */
    @Override
    public String toString() {
        return value;
    }

    private static ValidationResult invalid(InvalidReason reason, String message) {
        return ValidationResult.invalid(IdentifierKind.RESIDENT_ID, reason, message);
    }
}
