package org.govdx.rules.extract;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.govdx.rules.masking.Masker;
import org.govdx.rules.policy.Plan;
import org.govdx.rules.policy.PlanExecutor;

/**
 * One row of an EXTRACT copy: the plan's projection masked exactly as VIEW masks it ({@link PlanExecutor}, with the
 * agreement's pseudonym key), then the watermark applied to the carrier fields. A carrier must be a plan field
 * delivered in clear (the service chooses the non-key DECIMAL fields, decision 0041); a masked value is text and is
 * never marked. The owner's own extracts carry no mark ({@link Plan#requiresWatermark()}).
 */
public final class ExtractRows {

    private final Plan plan;
    private final PlanExecutor executor;
    private final Watermark watermark;
    private final Set<String> carriers;
    private final boolean[] carried;

    public ExtractRows(Plan plan, Masker masker, Watermark watermark, Set<String> carriers) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.executor = new PlanExecutor(plan, masker);
        this.watermark = Objects.requireNonNull(watermark, "watermark");
        this.carriers = plan.requiresWatermark()
                ? Set.copyOf(carriers.stream().filter(f -> plan.projection().contains(f) && plan.maskingOf(f).isClear()).toList())
                : Set.of();
        List<String> projection = plan.projection();
        this.carried = new boolean[projection.size()];
        for (int i = 0; i < carried.length; i++) {
            carried[i] = this.carriers.contains(projection.get(i));
        }
    }

    /** The fields that carry the watermark in this copy. */
    public Set<String> carriers() {
        return carriers;
    }

    /**
     * Masks and marks one source row given as its values in the plan's projection order, in place, and appends it
     * with {@code writer} (made for the projection): the same text as writing {@link #row} of the same values.
     */
    public void write(Object[] values, ExtractFormat.RowWriter writer, StringBuilder out) {
        executor.maskInPlace(values);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (carried[i]) {
                if (v instanceof BigDecimal d) {
                    v = watermark.mark(d);
                } else if (v instanceof Long l) {
                    v = watermark.mark(BigDecimal.valueOf(l));
                }
            }
            values[i] = v;
        }
        writer.row(values, out);
    }

    /** The output row for one source row (only plan fields, masked, carriers marked). */
    public Map<String, Object> row(Map<String, ?> source) {
        Map<String, Object> out = executor.project(source);
        for (String f : carriers) {
            Object v = out.get(f);
            if (v instanceof BigDecimal d) {
                out.put(f, watermark.mark(d));
            } else if (v instanceof Long l) {
                out.put(f, watermark.mark(BigDecimal.valueOf(l)));
            }
        }
        return out;
    }
}
