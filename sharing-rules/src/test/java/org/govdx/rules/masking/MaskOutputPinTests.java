package org.govdx.rules.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.govdx.rules.extract.ExtractFormat;
import org.govdx.rules.extract.Watermark;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact output of every mask, of the keyed pseudonym and watermark, and of both EXTRACT encodings over a
 * fixed, seeded corpus of values (well-formed, malformed, empty, unicode beyond the BMP, control characters), so any
 * change to speed them up must keep every byte: masked copies made before and after stay comparable and a leaked copy
 * stays traceable. The digests were taken from the implementation before it was optimised; a deliberate change of an
 * output is a new version of the rule (and its context string), never a silent edit of these digests.
 */
class MaskOutputPinTests {

    private static final byte[] KEY = "agreement-42-secret-key".getBytes(StandardCharsets.UTF_8);
    private static final List<String> RULES = List.of("none", "redact", "partial(first=1,last=1)", "partial(first=6,last=4)", "partial(last=2)",
            "pseudonym", "generalize(date:year)", "generalize(date:month)", "generalize(number:10)", "generalize(division:city)",
            "generalize(division:province)", "resident_id", "mobile", "uscc", "chinese_name", "address");

    /** 4,000 values of many shapes, the same on every run. */
    static List<Object> corpus() {
        Random r = new Random(20261124L);
        String[] surnames = {"张", "王", "李", "欧阳", "𠮷", "司马"};
        String[] given = {"伟", "芳", "娜", "敏", "静", "", "华军"};
        String[] streets = {"平江路", "干将路", "人民路", "十全街"};
        String[] prefixes = {"江苏省苏州市姑苏区", "北京市海淀区", "上海市浦东新区", "新疆维吾尔自治区乌鲁木齐市天山区", "苏州市", "", "小区"};
        List<Object> values = new ArrayList<>();
        values.add("");
        values.add(" ");
        values.add("a,b\"c\nd\re\tf\u0001\u2028\\");
        values.add(Masker.REDACTED);
        for (int i = 0; i < 4000; i++) {
            switch (i % 16) {
                case 0 -> values.add("P" + String.format("%09d", r.nextInt(1_000_000_000)));
                case 1 -> values.add(surnames[r.nextInt(surnames.length)] + given[r.nextInt(given.length)] + given[r.nextInt(given.length)]);
                case 2 -> values.add("13" + String.format("%09d", r.nextInt(1_000_000_000)));
                case 3 -> values.add(r.nextBoolean() ? "+86 1" + (3 + r.nextInt(7)) + "8-" + (1000 + r.nextInt(9000)) + "-" + (1000 + r.nextInt(9000))
                        : "12" + r.nextInt(100000));
                case 4 -> values.add(LocalDate.of(1930 + r.nextInt(95), 1 + r.nextInt(12), 1 + r.nextInt(28)).toString());
                case 5 -> values.add(r.nextBoolean() ? LocalDate.of(1950 + r.nextInt(70), 1 + r.nextInt(12), 1 + r.nextInt(28))
                        : (1950 + r.nextInt(70)) + "0" + (1 + r.nextInt(9)) + (10 + r.nextInt(18)));
                case 6 -> values.add(BigDecimal.valueOf(r.nextInt(100_000_000) - 1_000_000, 2));
                case 7 -> values.add((long) r.nextInt(2000) - 500);
                case 8 -> values.add(prefixes[r.nextInt(prefixes.length)] + streets[r.nextInt(streets.length)] + r.nextInt(600) + "号");
                case 9 -> values.add("3205" + String.format("%02d", r.nextInt(12)));
                case 10 -> values.add(String.format("%06d", r.nextInt(1_000_000)) + (1940 + r.nextInt(80)) + "0" + (1 + r.nextInt(9))
                        + (10 + r.nextInt(18)) + String.format("%03d", r.nextInt(1000)) + "0123456789X".charAt(r.nextInt(11)));
                case 11 -> values.add("9135" + Long.toString(Math.abs(r.nextLong()), 36).toUpperCase() + "ABCDEFGHIJKLMN");
                case 12 -> values.add(r.nextDouble() * 1000);
                case 13 -> values.add(r.nextBoolean());
                case 14 -> values.add("1985-02-30");
                default -> {
                    StringBuilder b = new StringBuilder();
                    for (int k = r.nextInt(12); k > 0; k--) {
                        b.appendCodePoint(r.nextInt(10) == 0 ? 0x20000 + r.nextInt(500) : r.nextInt(5) == 0 ? 0x4e00 + r.nextInt(2000) : 0x20 + r.nextInt(95));
                    }
                    values.add(b.toString());
                }
            }
        }
        return values;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyMaskGivesExactlyThePinnedOutputs() throws Exception {
        Masker masker = new Masker(KEY);
        StringBuilder all = new StringBuilder();
        for (String rule : RULES) {
            MaskingRule parsed = MaskingRule.parse(rule);
            for (Object v : corpus()) {
                Object masked = masker.mask(v, parsed);
                all.append(rule).append('\u0000').append(masked == null ? "<null>" : masked.getClass().getSimpleName() + ":" + masked).append('\n');
            }
        }
        assertThat(sha256(all.toString())).isEqualTo("fe94c2e098074b7c485b7989b192a68c553b7f5471fa105ee8de055bf377ad07");
    }

    @Test
    void theWatermarkGivesExactlyThePinnedOutputs() throws Exception {
        Watermark mark = new Watermark(KEY);
        StringBuilder all = new StringBuilder();
        Random r = new Random(7);
        for (int i = 0; i < 5000; i++) {
            BigDecimal v = BigDecimal.valueOf(r.nextLong() % 10_000_000_000L, r.nextInt(8));
            all.append(mark.mark(v).toPlainString()).append(',').append(mark.agrees(v.toPlainString()).map(String::valueOf).orElse("-")).append('\n');
        }
        assertThat(sha256(all.toString())).isEqualTo("530b1093df5fef91e94c78d77108d0bac283a5975a0dd707135710d234fffae9");
    }

    @Test
    void bothExtractEncodingsGiveExactlyThePinnedText() throws Exception {
        List<Object> values = corpus();
        List<String> fields = List.of("a", "b\"q", "c,d", "e");
        for (ExtractFormat format : ExtractFormat.values()) {
            StringBuilder out = new StringBuilder();
            format.header(fields, out);
            for (int i = 0; i + 4 <= values.size(); i += 4) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int k = 0; k < 4; k++) {
                    Object v = values.get(i + k);
                    row.put(fields.get(k), v instanceof Double || v instanceof LocalDate ? v.toString() : i % 20 == 0 && k == 3 ? null : v);
                }
                format.row(fields, row, out);
            }
            assertThat(sha256(out.toString())).as(format.name()).isEqualTo(format == ExtractFormat.CSV ? "54f2c6260e6db5c9df9ca4f1aa7df96b7094dcf80aede7df203c7573b613c680" : "dc4609d9862a0a221b6581c7c75096b380deb3dc8c01ae827a03188faca42364");
        }
        assertThat(Set.of(ExtractFormat.values())).hasSize(2);
    }
}
