package org.govdx.acceptance;

import org.govdx.testsupport.GovdxStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The authorization matrix file: operation to column to expected status ({@code service/gateway} where they differ). */
final class MatrixTable {

    static final Path FILE = GovdxStack.root().resolve("acceptance-tests/src/test/resources/authorization-matrix.csv");
    private static Map<String, Map<String, String>> expected;

    private MatrixTable() {
    }

    static synchronized Map<String, Map<String, String>> expected() {
        if (expected == null) {
            try {
                expected = read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return expected;
    }

    static Map<String, Map<String, String>> read() throws IOException {
        Map<String, Map<String, String>> table = new TreeMap<>();
        if (!Files.exists(FILE)) {
            return table;
        }
        List<String> header = null;
        for (String line : Files.readAllLines(FILE)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = List.of(line.split(",", -1));
            if (header == null) {
                header = cells;
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 1; i < cells.size() && i < header.size(); i++) {
                row.put(header.get(i), cells.get(i).trim());
            }
            table.put(cells.get(0).trim(), row);
        }
        return table;
    }
}
