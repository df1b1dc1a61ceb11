package org.govdx.exchange.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.govdx.rules.identifiers.IdentifierKind;
import org.govdx.rules.identifiers.ValidationResult;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks one uploaded row against the schema: field names, required fields, value types, then each mapped data
 * element's validator (identifiers through sharing-rules {@link IdentifierKind}). Returns the normalised row
 * (identifiers in normal form, numbers and booleans typed) or the problems. A problem names the field and a
 * fixed reason, never the value.
 */
public final class RowValidator {

    /** One problem of one row. {@code field} is null for a problem of the whole row (unreadable line). */
    public record RowError(long row, String field, String reason) {
    }

    /** The outcome for one row; {@code cellsChecked}/{@code cellsValid} count the non-empty cells for the validity score. */
    public record Result(ObjectNode row, List<RowError> errors, int requiredCells, int requiredFilled, int cellsChecked, int cellsValid) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private static final int MAX_FIELD_NAME_ECHO = 64;

    private final Map<String, HostedSchema.Field> fields;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    public RowValidator(HostedSchema schema) {
        this.fields = HostedSchema.byName(schema);
    }

    /** {@code values}: field name to a JSON value (NDJSON) or text / null (CSV, {@code fromText}). */
    public Result validate(long rowNo, Map<String, JsonNode> values, boolean fromText) {
        List<RowError> errors = new ArrayList<>();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String name : values.keySet()) {
            if (!fields.containsKey(name)) {
                errors.add(new RowError(rowNo, echo(name), "unknown field"));
            }
        }
        int required = 0;
        int filled = 0;
        int checked = 0;
        int validCells = 0;
        for (HostedSchema.Field field : fields.values()) {
            JsonNode value = values.get(field.name());
            boolean empty = value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty() && fromText);
            if (field.required()) {
                required++;
                if (!empty) {
                    filled++;
                }
            }
            if (empty) {
                if (field.required()) {
                    errors.add(new RowError(rowNo, field.name(), "required"));
                }
                continue;
            }
            checked++;
            Object checkedValue = check(field, value, fromText);
            if (checkedValue instanceof Problem p) {
                errors.add(new RowError(rowNo, field.name(), p.reason()));
            } else {
                validCells++;
                out.set(field.name(), (JsonNode) checkedValue);
            }
        }
        return new Result(errors.isEmpty() ? out : null, errors, required, filled, checked, validCells);
    }

    private record Problem(String reason) {
    }

    private Object check(HostedSchema.Field field, JsonNode value, boolean fromText) {
        if (value.isContainerNode()) {
            return new Problem("expected a single value");
        }
        JsonNode typed;
        String text = value.asText();
        try {
            typed = switch (field.type()) {
                case STRING, ENUM -> {
                    if (!fromText && !value.isTextual() && !value.isNumber()) {
                        throw new IllegalArgumentException("expected text");
                    }
                    yield JsonNodeFactory.instance.textNode(text);
                }
                case INTEGER -> {
                    if (!fromText && !(value.isIntegralNumber() || value.isTextual())) {
                        throw new IllegalArgumentException("expected an integer");
                    }
                    try {
                        yield JsonNodeFactory.instance.numberNode(Long.parseLong(text.trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("expected an integer");
                    }
                }
                case DECIMAL -> {
                    if (!fromText && !(value.isNumber() || value.isTextual())) {
                        throw new IllegalArgumentException("expected a number");
                    }
                    try {
                        yield JsonNodeFactory.instance.numberNode(new BigDecimal(text.trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("expected a number");
                    }
                }
                case BOOLEAN -> {
                    if (value.isBoolean()) {
                        yield value;
                    }
                    String t = text.trim().toLowerCase();
                    if (!value.isTextual() || !(t.equals("true") || t.equals("false"))) {
                        throw new IllegalArgumentException("expected true or false");
                    }
                    yield JsonNodeFactory.instance.booleanNode(t.equals("true"));
                }
                case DATE -> {
                    try {
                        yield JsonNodeFactory.instance.textNode(LocalDate.parse(text.trim()).toString());
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("expected an ISO-8601 date (yyyy-mm-dd)");
                    }
                }
                case DATETIME -> {
                    String t = text.trim();
                    try {
                        yield JsonNodeFactory.instance.textNode(OffsetDateTime.parse(t).toString());
                    } catch (DateTimeParseException e) {
                        try {
                            yield JsonNodeFactory.instance.textNode(LocalDateTime.parse(t).toString());
                        } catch (DateTimeParseException e2) {
                            throw new IllegalArgumentException("expected an ISO-8601 date-time");
                        }
                    }
                }
            };
        } catch (IllegalArgumentException e) {
            return new Problem(e.getMessage());
        }
        HostedSchema.Element element = field.element();
        if (element == null || element.validator() == null) {
            return typed;
        }
        String v = typed.asText();
        switch (element.validator()) {
            case "RESIDENT_ID", "USCC", "MOBILE", "DIVISION_CODE" -> {
                ValidationResult result = IdentifierKind.valueOf(element.validator()).validate(v);
                if (result instanceof ValidationResult.Valid valid) {
                    return JsonNodeFactory.instance.textNode(valid.value());
                }
                return new Problem("not a valid " + element.validator().toLowerCase().replace('_', ' '));
            }
            case "DATE" -> {
                try {
                    LocalDate.parse(v);
                    return typed;
                } catch (DateTimeParseException e) {
                    return new Problem("not a valid date");
                }
            }
            case "ENUM" -> {
                return element.enumValues() != null && element.enumValues().contains(v) ? typed : new Problem("not one of the element's values");
            }
            case "PATTERN" -> {
                if (element.pattern() == null) {
                    return typed;
                }
                Pattern p = patterns.computeIfAbsent(element.pattern(), Pattern::compile);
                return p.matcher(v).matches() ? typed : new Problem("does not match the element's pattern");
            }
            default -> {
                return typed;
            }
        }
    }

    private static String echo(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_]", "?");
        return clean.length() > MAX_FIELD_NAME_ECHO ? clean.substring(0, MAX_FIELD_NAME_ECHO) + "…" : clean;
    }
}
