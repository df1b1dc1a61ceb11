package org.govdx.rules.extract;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The two formats of an EXTRACT copy and how one row is written in each: NDJSON (one JSON object a line, the
 * plan's fields in order) or CSV (RFC 4180, a header line of field names, CRLF line ends). Plain Java, so the
 * service and the property tests write rows exactly alike.
 */
public enum ExtractFormat {
    NDJSON("application/x-ndjson"),
    CSV("text/csv");

    private final String mediaType;

    ExtractFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** {@code ndjson}, {@code csv} or a media type ({@code application/x-ndjson}, {@code application/ndjson}, {@code text/csv}). */
    public static Optional<ExtractFormat> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        int semicolon = n.indexOf(';');
        if (semicolon >= 0) {
            n = n.substring(0, semicolon).strip();
        }
        return switch (n) {
            case "ndjson", "application/x-ndjson", "application/ndjson", "application/jsonl", "application/json-lines" -> Optional.of(NDJSON);
            case "csv", "text/csv" -> Optional.of(CSV);
            default -> Optional.empty();
        };
    }

    /** The text before the first row: the CSV header line, nothing for NDJSON. */
    public void header(List<String> fields, StringBuilder out) {
        if (this == CSV) {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                csvCell(fields.get(i), out);
            }
            out.append("\r\n");
        }
    }

    /** Appends one row (the values of {@code fields}, in that order) and its line end. */
    public void row(List<String> fields, Map<String, Object> row, StringBuilder out) {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(fields.get(i));
        }
        writer(fields).row(values, out);
    }

    /** A writer of rows of {@code fields} in this format, with what every row repeats (the JSON member names) encoded once. */
    public RowWriter writer(List<String> fields) {
        return new RowWriter(this, fields);
    }

    /** Writes rows of one field list in one format; the same text as {@link #row}, row after row. */
    public static final class RowWriter {
        private final boolean csv;
        private final String[] prefixes;

        private RowWriter(ExtractFormat format, List<String> fields) {
            this.csv = format == CSV;
            this.prefixes = new String[fields.size()];
            for (int i = 0; i < prefixes.length; i++) {
                StringBuilder p = new StringBuilder();
                p.append(i == 0 ? '{' : ',');
                jsonString(fields.get(i), p);
                p.append(':');
                prefixes[i] = p.toString();
            }
        }

        /** Appends one row ({@code values} in the field order) and its line end. */
        public void row(Object[] values, StringBuilder out) {
            if (csv) {
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    Object v = values[i];
                    if (v != null) {
                        csvCell(text(v), out);
                    }
                }
                out.append("\r\n");
                return;
            }
            if (values.length == 0) {
                out.append('{');
            }
            for (int i = 0; i < values.length; i++) {
                out.append(prefixes[i]);
                Object v = values[i];
                if (v == null) {
                    out.append("null");
                } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
                    out.append(v);
                } else if (v instanceof BigDecimal d) {
                    out.append(d.toPlainString());
                } else {
                    jsonString(text(v), out);
                }
            }
            out.append("}\n");
        }
    }

    private static String text(Object v) {
        return v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    }

    private static void csvCell(String s, StringBuilder out) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote && !s.isEmpty()) {
            out.append(s);
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static void jsonString(String s, StringBuilder out) {
        out.append('"');
        int clean = 0; // the characters before i that need no escape are appended in one run
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029') {
                continue;
            }
            out.append(s, clean, i);
            clean = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        out.append(s, clean, s.length());
        out.append('"');
    }
}
