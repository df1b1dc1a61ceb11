package org.govdx.rules.filter;

import java.util.Map;

/**
 * Maps a row-filter (DOMAIN rule 5) field name to the SQL column expression that holds it (already quoted), for
 * {@link SqlRenderer}. Returning null means the field has no column: rendering then fails with
 * {@link IllegalArgumentException}.
 */
@FunctionalInterface
public interface ColumnMapper {

    String columnFor(String field);

    /** Each field is the column of the same name, double-quoted. */
    static ColumnMapper quoted() {
        return field -> '"' + field.replace("\"", "\"\"") + '"';
    }

    /** Fields map to the given column expressions; others have no column. */
    static ColumnMapper of(Map<String, String> columns) {
        Map<String, String> copy = Map.copyOf(columns);
        return copy::get;
    }
}
