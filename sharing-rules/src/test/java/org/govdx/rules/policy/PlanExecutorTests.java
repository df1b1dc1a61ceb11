package org.govdx.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.govdx.rules.policy.PolicyFixtures.NOW;
import static org.govdx.rules.policy.PolicyFixtures.agreement;
import static org.govdx.rules.policy.PolicyFixtures.clerk;
import static org.govdx.rules.policy.PolicyFixtures.decide;
import static org.govdx.rules.policy.PolicyFixtures.household;
import static org.govdx.rules.policy.PolicyFixtures.view;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.masking.Masker;
import org.junit.jupiter.api.Test;

class PlanExecutorTests {

    private static final Masker MASKER = new Masker("agr-1 pseudonym key 0123456789".getBytes(StandardCharsets.UTF_8));

    private static Map<String, Object> person(String id, String name, String district, LocalDate born, int size, int income) {
        Map<String, Object> row = new HashMap<>();
        row.put("person_id", id);
        row.put("name", name);
        row.put("district", district);
        row.put("birth_date", born);
        row.put("household_size", size);
        row.put("income", income);
        row.put("spouse_id", "SPOUSE-SECRET");
        row.put("criminal_record", "FORBIDDEN-SECRET");
        return row;
    }

    private static final List<Map<String, Object>> ROWS = List.of(
            person("11010519491231002X", "张三丰", "320505", LocalDate.of(1949, 12, 31), 3, 1200),
            person("320505199001011233", "李四", "320505", LocalDate.of(1990, 1, 1), 1, 3000),
            person("320506199001011233", "王五", "320506", LocalDate.of(1990, 5, 1), 4, 800),
            person("320505200001011233", "赵六", "320505", null, 2, 500));

    private static Plan plan(DataRequest request) {
        return ((Decision.Allow) decide(clerk(), household(), agreement().build(), request)).plan();
    }

    @Test
    void viewFiltersSortsPagesAndMasks() {
        Plan plan = plan(view().fields("name", "person_id", "birth_date", "household_size")
                .sort(SortKey.desc("household_size")).pageSize(2).build());
        List<Map<String, Object>> out = new PlanExecutor(plan, MASKER).execute(ROWS);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).containsExactly(Map.entry("name", "张**"), Map.entry("person_id", "110105********002X"),
                Map.entry("birth_date", "1949"), Map.entry("household_size", 3));
        assertThat(new ArrayList<>(out.get(1).keySet())).containsExactly("name", "person_id", "birth_date", "household_size");
        assertThat(out.get(1).get("name")).isEqualTo("赵*");
        assertThat(out.get(1).get("birth_date")).isNull();
        assertThat(out.toString()).doesNotContain("SECRET").doesNotContain("320506");
    }

    @Test
    void aggregateSuppressesSmallGroups() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            many.add(person("x" + i, "某" + i, "320505", LocalDate.of(1990, 1 + i % 12, 1), i % 3 + 1, 100 * i));
        }
        many.add(person("y", "孤", "320505", LocalDate.of(1950, 1, 1), 9, 99));
        Plan plan = plan(DataRequest.builder(AccessMode.AGGREGATE, NOW).purpose(PolicyFixtures.PURPOSE)
                .groupBy("birth_date").aggregate(AggregateOp.countAll())
                .aggregate(AggregateOp.of(AggregateFunction.SUM, "household_size"))
                .aggregate(AggregateOp.of(AggregateFunction.AVG, "household_size"))
                .aggregate(AggregateOp.of(AggregateFunction.MIN, "household_size"))
                .aggregate(AggregateOp.of(AggregateFunction.COUNT, "person_id")).build());
        List<Map<String, Object>> out = new PlanExecutor(plan, MASKER).execute(many);
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).containsEntry("birth_date", "1990").containsEntry("count", 12L)
                .containsEntry("sum_household_size", new BigDecimal(24)).containsEntry("min_household_size", 1)
                .containsEntry("count_person_id", 12L);
        assertThat((BigDecimal) out.get(0).get("avg_household_size")).isEqualByComparingTo("2");
    }

    @Test
    void projectMasksASingleRow() {
        Plan plan = plan(view().fields("person_id").build());
        PlanExecutor executor = new PlanExecutor(plan, MASKER);
        assertThat(executor.selects(ROWS.get(2))).isFalse();
        assertThat(executor.project(ROWS.get(0))).containsExactly(Map.entry("person_id", "110105********002X"));
    }
}
