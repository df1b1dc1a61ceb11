package org.govdx.audit.mapping;

import io.vertx.mutiny.sqlclient.Row;

import java.util.HexFormat;

/**
 * Log entries as CSV (RFC 4180: comma separated, CRLF line ends, fields quoted when they hold a quote, comma or
 * line break). Cells a spreadsheet would run as a formula (starting with = + - @ or a tab) get a leading apostrophe,
 * except {@code entry}, which stays byte-exact (it starts with '{') so that its leaf hash can be recomputed.
 */
public final class CsvRows {

    public static final String HEADER = "index,event_id,occurred_at,ingested_at,source,action,outcome,actor_username,actor_department,"
            + "owner_department,dataset_id,agreement_id,leaf_hash,entry\r\n";

    private CsvRows() {
    }

    /** One row of {@link org.govdx.audit.repository.LogEntryRepository#EXPORT_COLUMNS} as a CSV line. */
    public static void append(Row row, StringBuilder out) {
        out.append(row.getLong("idx")).append(',');
        out.append(row.getUUID("event_id")).append(',');
        out.append(row.getOffsetDateTime("occurred_at")).append(',');
        out.append(row.getOffsetDateTime("ingested_at")).append(',');
        cell(row.getString("source"), out).append(',');
        cell(row.getString("action"), out).append(',');
        cell(row.getString("outcome"), out).append(',');
        cell(row.getString("actor_username"), out).append(',');
        cell(row.getString("actor_department"), out).append(',');
        cell(row.getString("owner_department"), out).append(',');
        cell(row.getString("dataset_id"), out).append(',');
        cell(row.getString("agreement_id"), out).append(',');
        out.append(HexFormat.of().formatHex(row.getBuffer("leaf_hash").getBytes())).append(',');
        quoted(row.getString("entry"), out);
        out.append("\r\n");
    }

    static StringBuilder cell(String value, StringBuilder out) {
        if (value == null || value.isEmpty()) {
            return out;
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            value = "'" + value;
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return quoted(value, out);
        }
        return out.append(value);
    }

    static StringBuilder quoted(String value, StringBuilder out) {
        return out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
