package org.govdx.exchange.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.govdx.rules.identifiers.IdentifierKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RowValidatorTests {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static HostedSchema schema() {
        return HostedSchema.of(UUID.randomUUID(), 1, "civil-affairs", "HOSTED", List.of(
                new HostedSchema.Field("resident_id", HostedSchema.ValueType.STRING, true, true, new HostedSchema.Element("RID", "RESIDENT_ID", null, List.of())),
                new HostedSchema.Field("district_code", HostedSchema.ValueType.STRING, false, false, new HostedSchema.Element("DIV", "DIVISION_CODE", null, List.of())),
                new HostedSchema.Field("income", HostedSchema.ValueType.DECIMAL, false, false, null),
                new HostedSchema.Field("children", HostedSchema.ValueType.INTEGER, false, false, null),
                new HostedSchema.Field("birth_date", HostedSchema.ValueType.DATE, false, false, null),
                new HostedSchema.Field("sex", HostedSchema.ValueType.STRING, false, false, new HostedSchema.Element("SEX", "ENUM", null, List.of("男", "女"))),
                new HostedSchema.Field("permit", HostedSchema.ValueType.STRING, false, false, new HostedSchema.Element("PERMIT", "PATTERN", "H\\d{4}", List.of())),
                new HostedSchema.Field("married", HostedSchema.ValueType.BOOLEAN, false, false, null)));
    }

    static final String ID = IdentifierKind.RESIDENT_ID.random(new Random(7));

    private static Map<String, JsonNode> json(String line) throws IOException {
        RowReader reader = RowReader.ndjson(new StringReader(line), MAPPER);
        return reader.next().values();
    }

    @Test
    void aValidRowIsNormalisedAndTyped() throws IOException {
        String lower = ID.endsWith("X") ? ID.substring(0, 17) + "x" : ID;
        RowValidator.Result r = new RowValidator(schema()).validate(1, json("{\"resident_id\":\"" + lower + "\",\"district_code\":\"320505\",\"income\":\"12.50\","
                + "\"children\":2,\"birth_date\":\"1990-01-01\",\"sex\":\"男\",\"permit\":\"H1234\",\"married\":true}"), false);
        assertThat(r.errors()).isEmpty();
        assertThat(r.row().get("resident_id").asText()).isEqualTo(ID);
        assertThat(r.row().get("income").isNumber()).isTrue();
        assertThat(r.row().get("children").asLong()).isEqualTo(2);
        assertThat(r.cellsValid()).isEqualTo(8);
    }

    @Test
    void everyProblemNamesRowFieldAndReasonButNeverTheValue() throws IOException {
        String secret = "SECRET-VALUE-42";
        RowValidator.Result r = new RowValidator(schema()).validate(7, json("{\"district_code\":\"" + secret + "\",\"income\":\"" + secret + "\","
                + "\"children\":1.5,\"birth_date\":\"" + secret + "\",\"sex\":\"" + secret + "\",\"permit\":\"" + secret + "\",\"married\":\"" + secret + "\","
                + "\"nickname\":\"" + secret + "\"}"), false);
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).extracting(RowValidator.RowError::field)
                .containsExactlyInAnyOrder("nickname", "resident_id", "district_code", "income", "children", "birth_date", "sex", "permit", "married");
        assertThat(r.errors()).allSatisfy(e -> {
            assertThat(e.row()).isEqualTo(7);
            assertThat(e.reason()).doesNotContain("SECRET").doesNotContain("42");
        });
        assertThat(r.errors()).filteredOn(e -> e.field().equals("resident_id")).extracting(RowValidator.RowError::reason).containsExactly("required");
    }

    @Test
    void csvReadsQuotedCellsLineBreaksAndEmptyCellsAsNull() throws IOException {
        String csv = "\uFEFFresident_id,district_code,income\r\n" + ID + ",320505,\"1,5\"\n\"" + ID + "\",\"32\"\"05\",\n\n" + ID + ",\"a\nb\",3\n" + ID + ",1\n";
        RowReader reader = RowReader.csv(new StringReader(csv));
        List<RowReader.RawRow> rows = new ArrayList<>();
        RowReader.RawRow row;
        while ((row = reader.next()) != null) {
            rows.add(row);
        }
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).values().get("income").asText()).isEqualTo("1,5");
        assertThat(rows.get(1).values().get("district_code").asText()).isEqualTo("32\"05");
        assertThat(rows.get(1).values().get("income").isNull()).isTrue();
        assertThat(rows.get(2).values().get("district_code").asText()).isEqualTo("a\nb");
        assertThat(rows.get(3).values()).isNull();
        assertThat(rows.get(3).rowNo()).isEqualTo(4);
        assertThat(rows.get(3).unreadable()).isEqualTo("expected 3 cells, found 2");
        RowValidator.Result r = new RowValidator(schema()).validate(1, rows.get(0).values(), true);
        assertThat(r.errors()).extracting(RowValidator.RowError::field).containsExactly("income");
    }

    @Test
    void anUnknownFieldNameIsEchoedOnlyAsSafeCharactersAndShort() throws IOException {
        RowValidator.Result r = new RowValidator(schema()).validate(1, json("{\"resident_id\":\"" + ID + "\",\"<script>" + "x".repeat(200) + "\":1}"), false);
        assertThat(r.errors()).hasSize(1);
        assertThat(r.errors().get(0).field()).doesNotContain("<").hasSizeLessThan(70);
    }
}
