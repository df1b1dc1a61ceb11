package org.govdx.catalog.service;

import org.govdx.catalog.domain.DataElement;
import org.govdx.catalog.domain.ValueType;
import org.govdx.rules.identifiers.ValidationResult;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks one value against a data element (DOMAIN rule 9): its value type, then its validator. Identifier
 * validators come from sharing-rules; messages never repeat the value.
 */
public final class ValueValidation {

    /** Why a value was refused: the sharing-rules identifier reasons, plus the catalog's own. */
    public static final String EMPTY = "EMPTY";
    public static final String WRONG_TYPE = "WRONG_TYPE";
    public static final String INVALID_DATE = "INVALID_DATE";
    public static final String NOT_IN_ENUMERATION = "NOT_IN_ENUMERATION";
    public static final String PATTERN_MISMATCH = "PATTERN_MISMATCH";
    public static final String TOO_LONG = "TOO_LONG";

    /** Longest value checked; longer values are refused without running a pattern over them. */
    public static final int MAX_LENGTH = 4000;

    private ValueValidation() {
    }

    /** The outcome for one value: valid with its normalised form, or invalid with a reason and message. */
    public record Outcome(boolean valid, String normalised, String reason, String message) {
        static Outcome ok(String normalised) {
            return new Outcome(true, normalised, null, null);
        }

        static Outcome invalid(String reason, String message) {
            return new Outcome(false, null, reason, message);
        }
    }

    public static Outcome check(DataElement element, String value) {
        if (value == null || value.isBlank()) {
            return Outcome.invalid(EMPTY, "no value");
        }
        if (value.length() > MAX_LENGTH) {
            return Outcome.invalid(TOO_LONG, "longer than " + MAX_LENGTH + " characters");
        }
        Outcome typed = checkType(element.type, value.strip());
        if (!typed.valid()) {
            return typed;
        }
        String v = typed.normalised();
        return switch (element.validator) {
            case NONE -> typed;
            case RESIDENT_ID, USCC, MOBILE, DIVISION_CODE -> identifier(element.validator.identifier().validate(value));
            case DATE -> checkType(ValueType.DATE, v);
            case ENUM -> element.enumValues != null && element.enumValues.contains(v)
                    ? Outcome.ok(v) : Outcome.invalid(NOT_IN_ENUMERATION, "not one of the element's " + (element.enumValues == null ? 0 : element.enumValues.size()) + " values");
            case PATTERN -> compile(element.pattern).matcher(v).matches()
                    ? Outcome.ok(v) : Outcome.invalid(PATTERN_MISMATCH, "does not match the element's pattern");
        };
    }

    private static Outcome identifier(ValidationResult result) {
        if (result instanceof ValidationResult.Valid valid) {
            return Outcome.ok(valid.value());
        }
        ValidationResult.Invalid invalid = (ValidationResult.Invalid) result;
        return Outcome.invalid(invalid.why().name(), invalid.message());
    }

    private static Outcome checkType(ValueType type, String v) {
        try {
            return switch (type) {
                case STRING, ENUM -> Outcome.ok(v);
                case INTEGER -> Outcome.ok(new BigDecimal(v).toBigIntegerExact().toString());
                case DECIMAL -> Outcome.ok(new BigDecimal(v).toPlainString());
                case DATE -> Outcome.ok(strictDate(v).toString());
                case DATETIME -> Outcome.ok(OffsetDateTime.parse(v).toString());
                case BOOLEAN -> switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "false" -> Outcome.ok(v.toLowerCase(Locale.ROOT));
                    default -> Outcome.invalid(WRONG_TYPE, "not a boolean (true or false)");
                };
            };
        } catch (ArithmeticException | NumberFormatException e) {
            return Outcome.invalid(WRONG_TYPE, type == ValueType.INTEGER ? "not an integer" : "not a decimal number");
        } catch (DateTimeParseException e) {
            return type == ValueType.DATE
                    ? Outcome.invalid(INVALID_DATE, "not a calendar date as YYYY-MM-DD")
                    : Outcome.invalid(WRONG_TYPE, "not an ISO-8601 date-time with offset");
        }
    }

    private static LocalDate strictDate(String v) {
        if (!v.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new DateTimeParseException("shape", v, 0);
        }
        return LocalDate.parse(v); // ISO_LOCAL_DATE is strict about the day of month (2023-02-30 fails)
    }

    /** Compiles an element's pattern; {@link PatternSyntaxException} when it is not a regular expression. */
    public static Pattern compile(String pattern) {
        Pattern compiled = PATTERNS.get(pattern);
        if (compiled == null) {
            compiled = Pattern.compile(pattern);
            if (PATTERNS.size() < 1000) {
                PATTERNS.put(pattern, compiled);
            }
        }
        return compiled;
    }

    private static final java.util.Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();
}
