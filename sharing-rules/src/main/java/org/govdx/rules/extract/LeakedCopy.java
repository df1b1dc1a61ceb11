package org.govdx.rules.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A leaked file read as a table of text cells for {@link LeakTrace}: NDJSON (a first non-blank character {@code {};
 * columns by key, in order of first appearance, numbers kept as written) or else CSV (RFC 4180 quoting, columns by
 * position, any header line is read as one more row — it carries no evidence). At most {@code maxRows} rows are read.
 */
public final class LeakedCopy {

    private static final JsonFactory JSON = new JsonFactory();

    private LeakedCopy() {
    }

    public static List<List<String>> read(Reader reader, int maxRows) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 64 * 1024);
        in.mark(1 << 16);
        int c;
        do {
            c = in.read();
        } while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF');
        in.reset();
        return c == '{' ? ndjson(in, maxRows) : csv(in, maxRows);
    }

    private static List<List<String>> ndjson(BufferedReader in, int maxRows) throws IOException {
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        String line;
        while (rows.size() < maxRows && (line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            List<String> row = new ArrayList<>();
            try (JsonParser p = JSON.createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        p.skipChildren();
                        continue;
                    }
                    int index = columns.computeIfAbsent(name, k -> columns.size());
                    while (row.size() <= index) {
                        row.add(null);
                    }
                    row.set(index, t == JsonToken.VALUE_NULL ? null : p.getText());
                }
            } catch (IOException e) {
                continue; // an unreadable line carries no evidence
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> csv(BufferedReader in, int maxRows) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int c;
        while (rows.size() < maxRows && (c = in.read()) != -1) {
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        cell.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            in.reset();
                        }
                    }
                } else if (cell.length() < 4096) {
                    cell.append(ch);
                }
                continue;
            }
            switch (ch) {
                case '"' -> {
                    quoted = true;
                    any = true;
                }
                case ',', '\t' -> {
                    row.add(cell.toString());
                    cell.setLength(0);
                    any = true;
                }
                case '\r' -> {
                }
                case '\n' -> {
                    if (any || !cell.isEmpty()) {
                        row.add(cell.toString());
                        rows.add(row);
                    }
                    row = new ArrayList<>();
                    cell.setLength(0);
                    any = false;
                }
                default -> {
                    if (cell.length() < 4096) {
                        cell.append(ch);
                    }
                    any = true;
                }
            }
        }
        if ((any || !cell.isEmpty()) && rows.size() < maxRows) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
