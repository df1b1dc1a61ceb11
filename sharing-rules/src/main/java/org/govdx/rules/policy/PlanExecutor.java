package org.govdx.rules.policy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.filter.ValueOrdering;
import org.govdx.rules.masking.Masker;
import org.govdx.rules.masking.MaskingRule;

/**
 * A reference executor of a {@link Plan} over in-memory rows (DOMAIN rules 3 and 4), for tests, seeds and small
 * datasets; the database services implement the same contract in SQL. Output rows contain only plan fields, every
 * value masked by the plan. The daily row quota is not counted here (that needs state across calls).
 */
public final class PlanExecutor {

    private final Plan plan;
    private final Masker masker;
    /** The plan's masking of each projected field, in projection order. */
    private final MaskingRule[] rules;

    /** {@code masker} carries the pseudonym key of the plan's grant. */
    public PlanExecutor(Plan plan, Masker masker) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.masker = Objects.requireNonNull(masker, "masker");
        List<String> projection = plan.projection();
        this.rules = new MaskingRule[projection.size()];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = plan.maskingOf(projection.get(i));
        }
    }

    /** True when the plan's row filter selects {@code row}. */
    public boolean selects(Map<String, ?> row) {
        return plan.rowFilter().map(f -> f.evaluate(row)).orElse(true);
    }

    /** The projection of one row: the plan's output fields in order, each masked (missing values are null). */
    public Map<String, Object> project(Map<String, ?> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : plan.projection()) {
            out.put(field, masker.mask(row.get(field), plan.maskingOf(field)));
        }
        return out;
    }

    /**
     * Masks, in place, one row given as its values in the plan's projection order: the same values {@link #project}
     * gives, without a map per row (VIEW pages and EXTRACT copies read hosted rows as such arrays).
     */
    public Object[] maskInPlace(Object[] values) {
        if (values.length != rules.length) {
            throw new IllegalArgumentException("a row of " + values.length + " values for a projection of " + rules.length + " fields");
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = masker.mask(values[i], rules[i]);
        }
        return values;
    }

    /** The projection of one row as values in the plan's projection order, each masked (missing values are null). */
    public Object[] projectValues(Map<String, ?> row) {
        List<String> projection = plan.projection();
        Object[] values = new Object[projection.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(projection.get(i));
        }
        return maskInPlace(values);
    }

    /**
     * The first page of the plan's result. VIEW/EXTRACT: selected rows, sorted by the plan's keys (nulls last,
     * then input order), at most a page, projected. AGGREGATE: selected rows grouped by the masked group-by
     * values (groups in order of first appearance), groups smaller than the minimum group size suppressed, at
     * most a page of groups, each with its group values and aggregates.
     */
    public List<Map<String, Object>> execute(List<? extends Map<String, ?>> rows) {
        List<Map<String, ?>> selected = new ArrayList<>();
        for (Map<String, ?> row : rows) {
            if (selects(row)) {
                selected.add(row);
            }
        }
        return plan.mode() == AccessMode.AGGREGATE ? aggregate(selected) : view(selected);
    }

    private List<Map<String, Object>> view(List<Map<String, ?>> rows) {
        List<Map<String, ?>> sorted = new ArrayList<>(rows);
        sorted.sort(rowOrder());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, ?> row : sorted.subList(0, Math.min(sorted.size(), plan.limits().pageSize()))) {
            out.add(project(row));
        }
        return out;
    }

    private Comparator<Map<String, ?>> rowOrder() {
        Comparator<Map<String, ?>> order = (a, b) -> 0;
        for (SortKey key : plan.sort()) {
            Comparator<Object> values = ValueOrdering::totalOrder;
            if (key.direction() == SortDirection.DESC) {
                values = values.reversed();
            }
            Comparator<Object> nullsLast = Comparator.nullsLast(values);
            order = order.thenComparing(row -> (Object) row.get(key.field()), nullsLast);
        }
        return order;
    }

    private List<Map<String, Object>> aggregate(List<Map<String, ?>> rows) {
        Map<List<Object>, List<Map<String, ?>>> groups = new LinkedHashMap<>();
        for (Map<String, ?> row : rows) {
            List<Object> key = new ArrayList<>();
            for (String field : plan.groupBy()) {
                key.add(masker.mask(row.get(field), plan.maskingOf(field)));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Map<String, ?>>> group : groups.entrySet()) {
            if (group.getValue().size() < plan.limits().minGroupSize()) {
                continue;
            }
            if (out.size() == plan.limits().pageSize()) {
                break;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            for (int i = 0; i < plan.groupBy().size(); i++) {
                result.put(plan.groupBy().get(i), group.getKey().get(i));
            }
            for (AggregateOp op : plan.aggregates()) {
                result.put(op.outputName(), compute(op, group.getValue()));
            }
            out.add(result);
        }
        return out;
    }

    private static Object compute(AggregateOp op, List<Map<String, ?>> rows) {
        if (op.field().isEmpty()) {
            return (long) rows.size();
        }
        List<Object> values = new ArrayList<>();
        for (Map<String, ?> row : rows) {
            Object v = row.get(op.field().get());
            if (v != null) {
                values.add(v);
            }
        }
        switch (op.function()) {
            case COUNT:
                return (long) values.size();
            case SUM:
            case AVG: {
                BigDecimal sum = BigDecimal.ZERO;
                int n = 0;
                for (Object v : values) {
                    Optional<BigDecimal> number = ValueOrdering.numericValue(v);
                    if (number.isPresent()) {
                        sum = sum.add(number.get());
                        n++;
                    }
                }
                if (n == 0) {
                    return null;
                }
                return op.function() == AggregateFunction.SUM ? sum : sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL64);
            }
            default: {
                Object best = null;
                for (Object v : values) {
                    if (best == null) {
                        best = v;
                        continue;
                    }
                    OptionalInt c = ValueOrdering.compare(v, best);
                    if (c.isPresent() && (op.function() == AggregateFunction.MIN ? c.getAsInt() < 0 : c.getAsInt() > 0)) {
                        best = v;
                    }
                }
                return best;
            }
        }
    }
}
