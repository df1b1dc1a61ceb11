package org.govdx.exchange.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads uploaded rows one at a time (constant memory): NDJSON (one JSON object a line, blank lines skipped) or
 * CSV (RFC 4180: a header line of field names, {@code ,} separators, {@code "} quoting with {@code ""} escapes,
 * quoted line breaks; an empty cell is null). Row numbers are 1-based data rows (the CSV header is not a row).
 */
public abstract class RowReader implements AutoCloseable {

    /** One row read: its values, or {@code unreadable} with a fixed reason when the line could not be parsed. */
    public record RawRow(long rowNo, Map<String, JsonNode> values, String unreadable) {
    }

    /** A longest line / cell guard so a missing newline or quote cannot make the reader hold the whole body. */
    public static final int MAX_ROW_CHARS = 1 << 20;

    protected final BufferedReader in;
    protected long rowNo;

    protected RowReader(Reader in) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in, 64 * 1024);
    }

    /** The next row, or null at the end. */
    public abstract RawRow next() throws IOException;

    /** Whether values are text (CSV) rather than typed JSON. */
    public abstract boolean textual();

    @Override
    public void close() throws IOException {
        in.close();
    }

    public static RowReader ndjson(Reader in, ObjectMapper mapper) {
        return new Ndjson(in, mapper);
    }

    public static RowReader csv(Reader in) throws IOException {
        return new Csv(in);
    }

    static final class Ndjson extends RowReader {
        private final ObjectMapper mapper;

        Ndjson(Reader in, ObjectMapper mapper) {
            super(in);
            this.mapper = mapper;
        }

        @Override
        public boolean textual() {
            return false;
        }

        @Override
        public RawRow next() throws IOException {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    return null;
                }
            } while (line.isBlank());
            rowNo++;
            if (line.length() > MAX_ROW_CHARS) {
                return new RawRow(rowNo, null, "row too long");
            }
            JsonNode node;
            try {
                node = mapper.readTree(line);
            } catch (IOException e) {
                return new RawRow(rowNo, null, "not a JSON object");
            }
            if (node == null || !node.isObject()) {
                return new RawRow(rowNo, null, "not a JSON object");
            }
            Map<String, JsonNode> values = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                values.put(e.getKey(), e.getValue());
            }
            return new RawRow(rowNo, values, null);
        }
    }

    static final class Csv extends RowReader {
        private final List<String> header;

        Csv(Reader in) throws IOException {
            super(in);
            List<String> h = record();
            if (h == null) {
                header = List.of();
            } else {
                if (!h.isEmpty() && h.get(0) != null && h.get(0).startsWith("\uFEFF")) {
                    h.set(0, h.get(0).substring(1));
                }
                List<String> names = new ArrayList<>();
                for (String s : h) {
                    names.add(s == null ? "" : s.trim());
                }
                header = names;
            }
        }

        @Override
        public boolean textual() {
            return true;
        }

        @Override
        public RawRow next() throws IOException {
            List<String> cells;
            do {
                try {
                    cells = record();
                } catch (CsvException e) {
                    rowNo++;
                    return new RawRow(rowNo, null, e.getMessage());
                }
                if (cells == null) {
                    return null;
                }
            } while (cells.size() == 1 && (cells.get(0) == null || cells.get(0).isEmpty()));
            rowNo++;
            if (cells.size() != header.size()) {
                return new RawRow(rowNo, null, "expected " + header.size() + " cells, found " + cells.size());
            }
            Map<String, JsonNode> values = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String c = cells.get(i);
                values.put(header.get(i), c == null || c.isEmpty() ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(c));
            }
            return new RawRow(rowNo, values, null);
        }

        static final class CsvException extends IOException {
            CsvException(String message) {
                super(message);
            }
        }

        /** One CSV record, or null at the end of input. */
        private List<String> record() throws IOException {
            int c = in.read();
            if (c == -1) {
                return null;
            }
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean inQuotes = false;
            int chars = 0;
            while (true) {
                if (++chars > MAX_ROW_CHARS) {
                    skipLine();
                    throw new CsvException("row too long");
                }
                if (inQuotes) {
                    if (c == -1) {
                        throw new CsvException("unterminated quoted cell");
                    }
                    if (c == '"') {
                        in.mark(1);
                        int n = in.read();
                        if (n == '"') {
                            cell.append('"');
                        } else {
                            inQuotes = false;
                            if (n != -1) {
                                in.reset();
                            }
                        }
                    } else {
                        cell.append((char) c);
                    }
                } else if (c == -1 || c == '\n' || c == '\r') {
                    if (c == '\r') {
                        in.mark(1);
                        int n = in.read();
                        if (n != '\n' && n != -1) {
                            in.reset();
                        }
                    }
                    cells.add(cell.toString());
                    return cells;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    quoted = false;
                } else if (c == '"' && cell.length() == 0 && !quoted) {
                    inQuotes = true;
                    quoted = true;
                } else {
                    cell.append((char) c);
                }
                c = in.read();
            }
        }

        private void skipLine() throws IOException {
            int c;
            do {
                c = in.read();
            } while (c != -1 && c != '\n');
        }
    }
}
