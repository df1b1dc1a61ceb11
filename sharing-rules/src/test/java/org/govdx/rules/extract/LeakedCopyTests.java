package org.govdx.rules.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeakedCopyTests {

    @Test
    void ndjsonColumnsFollowTheKeysWhateverTheirOrderAndNumbersKeepTheirText() throws Exception {
        List<List<String>> rows = LeakedCopy.read(new StringReader("""
                {"a":"x","b":1234.50}

                {"b":7.10,"a":"y","c":null}
                not json
                """), 100);
        assertThat(rows).containsExactly(List.of("x", "1234.50"), Arrays.asList("y", "7.10", null));
    }

    @Test
    void csvWithQuotesTabsAndNoHeaderIsReadByPosition() throws Exception {
        List<List<String>> rows = LeakedCopy.read(new StringReader("\"李*, 甲\",320505,12.34\r\n\"a\"\"b\",320506,\r\nx\ty\tz\n"), 100);
        assertThat(rows).containsExactly(List.of("李*, 甲", "320505", "12.34"), List.of("a\"b", "320506", ""), List.of("x", "y", "z"));
    }

    @Test
    void atMostTheGivenNumberOfRowsIsRead() throws Exception {
        assertThat(LeakedCopy.read(new StringReader("1\n2\n3\n4\n"), 2)).hasSize(2);
    }

    @Test
    void theWrittenFormatsReadBackAsTheSameCells() throws Exception {
        List<String> fields = List.of("name", "amount", "note");
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("name", "王\"五\"");
        row.put("amount", new java.math.BigDecimal("12.30"));
        row.put("note", "a,b\nc");
        for (ExtractFormat f : ExtractFormat.values()) {
            StringBuilder out = new StringBuilder();
            f.header(fields, out);
            f.row(fields, row, out);
            List<List<String>> cells = LeakedCopy.read(new StringReader(out.toString()), 10);
            assertThat(cells.get(cells.size() - 1)).containsExactly("王\"五\"", "12.30", "a,b\nc");
        }
    }
}
