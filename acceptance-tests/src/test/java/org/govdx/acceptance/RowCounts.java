package org.govdx.acceptance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact row counts of the domain tables of the catalog and exchange databases of the stack under test: everything
 * a request could write, without the outboxes (a refusal is rightly an audit event) and the migration history.
 */
public final class RowCounts {

    private static final List<String> NOT_DOMAIN = List.of("outbox_event", "flyway_schema_history");
    private static final Map<String, String> QUERIES = new TreeMap<>();

    private RowCounts() {
    }

    /** Table (as service.table) to row count. */
    public static synchronized Map<String, Long> snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        for (String service : List.of("catalog", "exchange")) {
            try (Connection c = AcceptanceStack.jdbc(service); Statement s = c.createStatement()) {
                String query = QUERIES.get(service);
                if (query == null) {
                    List<String> parts = new ArrayList<>();
                    try (ResultSet tables = s.executeQuery("select tablename from pg_tables where schemaname = 'public' order by 1")) {
                        while (tables.next()) {
                            String table = tables.getString(1);
                            if (!NOT_DOMAIN.contains(table)) {
                                parts.add("select '" + table + "', count(*) from " + table);
                            }
                        }
                    }
                    query = String.join(" union all ", parts);
                    QUERIES.put(service, query);
                }
                try (ResultSet rows = s.executeQuery(query)) {
                    while (rows.next()) {
                        counts.put(service + "." + rows.getString(1), rows.getLong(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot count rows of " + service, e);
            }
        }
        return counts;
    }

    /**
     * The tables of a service whose count changed between two snapshots, with before and after. Only the service a
     * request went to: under heavy load another service may still be finishing an earlier, legitimate write.
     */
    public static List<String> changes(String service, Map<String, Long> before, Map<String, Long> after) {
        List<String> changed = new ArrayList<>();
        after.forEach((table, count) -> {
            if (table.startsWith(service + ".") && !count.equals(before.get(table))) {
                changed.add(table + ": " + before.get(table) + " -> " + count);
            }
        });
        return changed;
    }
}
