package org.govdx.tlog;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportRecordTests {

    @Test
    void parsesTheDocumentedFormat() {
        byte[] hash = MerkleHashes.leafHash(new byte[0]);
        ExportRecord record = ExportRecord.parse("{\"index\": 7, \"entry\": \"{\\\"a\\\":1}\", \"inclusionProof\": [\""
                + StrictBase64.encode(hash) + "\"], \"extra\": true}");
        assertThat(record.index()).isEqualTo(7);
        assertThat(record.entry()).isEqualTo("{\"a\":1}");
        assertThat(record.inclusionProof()).singleElement().isEqualTo(hash);
        assertThat(record.leafHash()).isEqualTo(MerkleHashes.leafHash("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertThat(ExportRecord.parse("{\"index\":0,\"entry\":\"x\"}").hasInclusionProof()).isFalse();
        assertThat(ExportRecord.parse("{\"index\":0,\"entry\":\"x\",\"inclusionProof\":[]}").inclusionProof()).isEmpty();
    }

    @Test
    void rejectsMalformedRecords() {
        for (String bad : List.of(
                "", "[]", "{", "{\"entry\":\"x\"}", "{\"index\":-1,\"entry\":\"x\"}", "{\"index\":1.5,\"entry\":\"x\"}",
                "{\"index\":\"1\",\"entry\":\"x\"}", "{\"index\":1}", "{\"index\":1,\"entry\":5}",
                "{\"index\":1,\"index\":2,\"entry\":\"x\"}",
                "{\"index\":1,\"entry\":\"x\",\"inclusionProof\":\"AAAA\"}",
                "{\"index\":1,\"entry\":\"x\",\"inclusionProof\":[\"AAAA\"]}",
                "{\"index\":1,\"entry\":\"\\ud800\"}",
                "{\"index\":99999999999999999999,\"entry\":\"x\"}")) {
            assertThatThrownBy(() -> ExportRecord.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 200)
    void roundTripsThroughJson(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long index, @ForAll String entry) {
        boolean wellFormed = entry.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);
        if (!wellFormed) {
            return;
        }
        ExportRecord record = new ExportRecord(index, entry, List.of(MerkleHashes.leafHash(entry.getBytes(StandardCharsets.UTF_8))));
        String line = record.toJsonLine();
        assertThat(line).doesNotContain("\n");
        ExportRecord parsed = ExportRecord.parse(line);
        assertThat(parsed.index()).isEqualTo(index);
        assertThat(parsed.entry()).isEqualTo(entry);
        assertThat(parsed.inclusionProof()).singleElement().isEqualTo(record.inclusionProof().get(0));
        assertThat(parsed).isEqualTo(record);
    }
}
