package org.govdx.exchange.data.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.govdx.exchange.catalog.CatalogDataset;
import org.govdx.rules.filter.ValueOrdering;
import org.govdx.rules.policy.Plan;
import org.govdx.rules.policy.PlanExecutor;
import org.govdx.rules.policy.SortDirection;
import org.govdx.rules.policy.SortKey;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider's answer as rows the plan can run over (plain Java, no I/O). The answer is a JSON array of flat
 * objects, or an object whose {@code rows} member is one. Each value is read by the catalog type of its field
 * (INTEGER as a long, DECIMAL as a BigDecimal, DATE as a LocalDate, BOOLEAN, text otherwise); members the
 * schema does not have are dropped while reading, so an extra field the provider returns never reaches a
 * filter, a sort or the output. Anything else (malformed JSON, a nested value, a value of the wrong type, more
 * than {@code maxRows} rows) rejects the whole answer: the consumer gets a problem, never part of the rows.
 */
public final class ProxiedRows {

    private static final JsonFactory JSON = new JsonFactory();

    private ProxiedRows() {
    }

    /** The rows of the answer, typed by the schema. */
    public static List<Map<String, Object>> parse(byte[] body, CatalogDataset dataset, int maxRows) {
        Map<String, String> types = new HashMap<>();
        dataset.fields().forEach(f -> types.put(f.name(), f.type() == null ? "STRING" : f.type()));
        List<Map<String, Object>> rows = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                boolean found = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    if ("rows".equals(name) && t == JsonToken.START_ARRAY && !found) {
                        readArray(p, types, rows, maxRows);
                        found = true;
                    } else {
                        p.skipChildren();
                    }
                }
                if (!found) {
                    throw bad("no rows member");
                }
            } else if (first == JsonToken.START_ARRAY) {
                readArray(p, types, rows, maxRows);
            } else {
                throw bad("not an array or object");
            }
            if (p.nextToken() != null) {
                throw bad("trailing content");
            }
        } catch (IOException e) {
            throw bad("malformed JSON");
        }
        return rows;
    }

    private static void readArray(JsonParser p, Map<String, String> types, List<Map<String, Object>> rows, int maxRows) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw bad("a row is not an object");
            }
            if (rows.size() == maxRows) {
                throw bad("more than " + maxRows + " rows");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    throw bad("a nested value");
                }
                String type = types.get(name);
                if (type == null) {
                    continue; // not in the schema: dropped before anything can read it
                }
                row.put(name, value(p, v, type));
            }
            rows.add(row);
        }
    }

    static Object value(JsonParser p, JsonToken v, String type) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        switch (type) {
            case "INTEGER":
                if (v == JsonToken.VALUE_NUMBER_INT) {
                    return p.getLongValue();
                }
                if (v == JsonToken.VALUE_STRING) {
                    try {
                        return Long.parseLong(p.getText().trim());
                    } catch (NumberFormatException e) {
                        throw bad("not an integer");
                    }
                }
                throw bad("not an integer");
            case "DECIMAL":
                if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                    return new BigDecimal(p.getText());
                }
                if (v == JsonToken.VALUE_STRING) {
                    try {
                        return new BigDecimal(p.getText().trim());
                    } catch (NumberFormatException e) {
                        throw bad("not a decimal");
                    }
                }
                throw bad("not a decimal");
            case "BOOLEAN":
                if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
                    return v == JsonToken.VALUE_TRUE;
                }
                throw bad("not a boolean");
            case "DATE":
                if (v != JsonToken.VALUE_STRING) {
                    throw bad("not a date");
                }
                try {
                    return LocalDate.parse(p.getText().trim());
                } catch (DateTimeParseException e) {
                    throw bad("not a date");
                }
            default:
                if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
                    throw bad("not text");
                }
                return p.getText();
        }
    }

    /**
     * One page of the plan over the rows: those the plan's row filter selects (grant filter and caller filter,
     * SQL three-valued logic as in the database), in the plan's order (nulls last, then the provider's order),
     * from {@code offset}, at most {@code limit + 1} (the extra one only tells that there is a next page).
     */
    public static List<Map<String, Object>> page(List<Map<String, Object>> rows, Plan plan, PlanExecutor executor, long offset, int limit) {
        List<Map<String, Object>> selected = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (executor.selects(row)) {
                selected.add(row);
            }
        }
        selected.sort(order(plan.sort()));
        int from = (int) Math.min(offset, selected.size());
        return selected.subList(from, (int) Math.min(selected.size(), (long) from + limit + 1));
    }

    static Comparator<Map<String, Object>> order(List<SortKey> keys) {
        Comparator<Map<String, Object>> order = (a, b) -> 0;
        for (SortKey key : keys) {
            Comparator<Object> values = ValueOrdering::totalOrder;
            if (key.direction() == SortDirection.DESC) {
                values = values.reversed();
            }
            Comparator<Object> nullsLast = Comparator.nullsLast(values);
            order = order.thenComparing(row -> row.get(key.field()), nullsLast);
        }
        return order;
    }

    /** A row in the form hosted rows have when masked: dates as ISO text (so masks and pseudonyms agree across distributions). */
    public static Map<String, Object> asHosted(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>(row);
        out.replaceAll((k, v) -> v instanceof LocalDate d ? d.toString() : v);
        return out;
    }

    /** Groups in the order the SQL path gives them: by the group-by values ascending, nulls last. */
    public static Comparator<Map<String, Object>> groupOrder(List<String> groupBy) {
        return order(groupBy.stream().map(SortKey::asc).toList());
    }

    /** An aggregate group as the SQL path shows it: group values as text, aggregates as numbers (dates as text). */
    public static Map<String, Object> asAggregateOutput(Map<String, Object> group, List<String> groupBy) {
        Map<String, Object> out = new LinkedHashMap<>();
        group.forEach((k, v) -> {
            if (groupBy.contains(k)) {
                out.put(k, v == null ? null : v.toString());
            } else {
                out.put(k, v instanceof Number n ? new BigDecimal(n.toString()) : v instanceof LocalDate d ? d.toString() : v);
            }
        });
        return out;
    }

    static ProviderFailure bad(String reason) {
        return new ProviderFailure(ProviderFailure.Kind.BAD_ANSWER, reason);
    }
}
