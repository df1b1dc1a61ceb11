package org.govdx.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.classification.SharingClass;
import org.govdx.rules.extract.ExtractFormat;
import org.govdx.rules.extract.ExtractRows;
import org.govdx.rules.extract.Watermark;
import org.govdx.rules.masking.Masker;

/** No ungranted, FORBIDDEN or masked value ever appears in clear in an EXTRACT copy, in either format. */
class ExtractProperties {

    @Provide
    Arbitrary<Long> extractSeeds() {
        return Arbitraries.longs().filter(seed -> {
            PolicyProperties.Scenario s = PolicyProperties.scenario(new Random(seed));
            return !s.byOwner() && s.request().mode() == AccessMode.EXTRACT && s.decide() instanceof Decision.Allow;
        });
    }

    @Property(tries = 200)
    void noUngrantedForbiddenOrMaskedValueAppearsInAnExtract(@ForAll("extractSeeds") long seed) {
        PolicyProperties.Scenario s = PolicyProperties.scenario(new Random(seed));
        Plan plan = ((Decision.Allow) s.decide()).plan();
        Random r = new Random(seed);
        List<Map<String, Object>> source = new ArrayList<>();
        Map<String, List<String>> clearTexts = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (FieldView f : s.dataset().fields()) {
                Object v = r.nextBoolean() ? "SENTINEL-" + f.name() + "-" + (100_000_000 + r.nextInt(900_000_000))
                        : new BigDecimal((100_000 + r.nextInt(900_000)) + "." + (10 + r.nextInt(90)));
                row.put(f.name(), v);
                clearTexts.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(v instanceof BigDecimal d ? d.toPlainString() : (String) v);
            }
            source.add(row);
        }
        Set<String> carriers = s.dataset().fields().stream().map(FieldView::name).collect(Collectors.toSet());
        ExtractRows rows = new ExtractRows(plan, new Masker("agreement-pseudonym-key".getBytes(StandardCharsets.UTF_8)),
                new Watermark("agreement-watermark-key".getBytes(StandardCharsets.UTF_8)), carriers);
        for (ExtractFormat format : ExtractFormat.values()) {
            StringBuilder out = new StringBuilder();
            format.header(plan.projection(), out);
            source.forEach(row -> format.row(plan.projection(), rows.row(row), out));
            String text = out.toString();
            // the service's path (values in projection order, masked in place, one writer per export) writes exactly the same text
            StringBuilder streamed = new StringBuilder();
            format.header(plan.projection(), streamed);
            ExtractFormat.RowWriter writer = format.writer(plan.projection());
            for (Map<String, Object> row : source) {
                rows.write(plan.projection().stream().map(row::get).toArray(), writer, streamed);
            }
            assertThat(streamed.toString()).isEqualTo(text);
            for (FieldView f : s.dataset().fields()) {
                boolean deliveredInClear = plan.projection().contains(f.name()) && plan.maskingOf(f.name()).isClear();
                assertThat(deliveredInClear && f.fieldClass() == SharingClass.FORBIDDEN).isFalse();
                if (!deliveredInClear) {
                    for (String clear : clearTexts.get(f.name())) {
                        assertThat(text).as("%s of %s", clear, f.name()).doesNotContain(clear);
                    }
                }
            }
            for (String field : s.ungrantedNames()) {
                assertThat(plan.projection()).doesNotContain(field);
            }
        }
    }
}
