package org.govdx.exchange.data;

import io.vertx.mutiny.sqlclient.Row;
import org.govdx.exchange.catalog.CatalogDataset;

import java.math.BigDecimal;
import java.util.List;

/**
 * How every read of hosted rows (VIEW pages, EXTRACT copies, samples, traces) takes a row's values: PostgreSQL
 * extracts the wanted members as text, one column each ({@code data ->> 'field'}), and each text is typed by the
 * catalog's field type ({@link #typed}) as the masker, the watermark and the response expect it. Nothing parses a
 * whole stored row in Java: that parse cost a VIEW more than its masking (decision 0040).
 */
public final class HostedColumns {

    private final List<String> fields;
    private final String[] types;

    private HostedColumns(List<String> fields, String[] types) {
        this.fields = List.copyOf(fields);
        this.types = types;
    }

    /** The columns of {@code fields} (in that order) of a version of {@code dataset}; a field the catalog lacks is text. */
    public static HostedColumns of(List<String> fields, CatalogDataset dataset) {
        String[] types = new String[fields.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = dataset.field(fields.get(i)).map(CatalogDataset.Field::type).orElse("STRING");
        }
        return new HostedColumns(fields, types);
    }

    public int size() {
        return fields.size();
    }

    /** The select list, {@code data ->> 'a', data ->> 'b'}, or {@code null} (one column) when there are no fields. */
    public String selectList() {
        if (fields.isEmpty()) {
            return "null";
        }
        StringBuilder sql = new StringBuilder();
        for (String f : fields) {
            sql.append(sql.isEmpty() ? "" : ", ").append("data ->> '").append(f.replace("'", "''")).append('\'');
        }
        return sql.toString();
    }

    /** The row's values from column {@code first} on, typed, into {@code into} (of {@link #size()} values). */
    public void values(Row row, int first, Object[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = typed(row.getString(first + i), types[i]);
        }
    }

    /** The row's values from column {@code first} on, typed. */
    public Object[] values(Row row, int first) {
        Object[] values = new Object[types.length];
        values(row, first, values);
        return values;
    }

    /**
     * A value as {@code ->>} gives it, typed by the catalog field type: INTEGER a Long, DECIMAL a BigDecimal, BOOLEAN a
     * Boolean, anything else (and a number that does not read as its type) the text itself; null stays null.
     */
    public static Object typed(String text, String type) {
        if (text == null) {
            return null;
        }
        try {
            return switch (type == null ? "STRING" : type) {
                case "INTEGER" -> Long.valueOf(text);
                case "DECIMAL" -> new BigDecimal(text);
                case "BOOLEAN" -> Boolean.valueOf(text);
                default -> text;
            };
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
