package org.govdx.rules.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.filter.Filter;
import org.govdx.rules.masking.MaskingRule;

/**
 * What an allowed data call may do, and nothing more (DOMAIN rules 2-5). The executing service reads only
 * {@link #fields()} and the row filter's fields, masks each field by {@link #masking()}, and keeps to
 * {@link #limits()}.
 *
 * <p>In VIEW and EXTRACT mode, {@code projection} is the output columns in order. In AGGREGATE mode,
 * {@code projection} equals {@code groupBy}: rows are grouped by the <em>masked</em> values of those fields,
 * groups with fewer than {@code limits.minGroupSize()} rows are suppressed, and each remaining group yields its
 * (masked) group values plus one column per aggregate ({@link AggregateOp#outputName()}).
 *
 * @param basis          what the plan rests on
 * @param datasetId      dataset
 * @param datasetVersion dataset version
 * @param grantId        the grant, absent for the owner (also names the pseudonym key)
 * @param mode           the access mode of this call
 * @param projection     output fields in order
 * @param masking        the masking of every field in {@link #fields()}
 * @param rowFilter      the effective row filter: the grant's filter and the caller's filter
 * @param sort           sort keys (VIEW/EXTRACT)
 * @param groupBy        group-by fields (AGGREGATE)
 * @param aggregates     aggregates (AGGREGATE)
 * @param limits         volume limits
 */
public record Plan(PlanBasis basis, String datasetId, int datasetVersion, Optional<String> grantId, AccessMode mode,
                   List<String> projection, Map<String, MaskingRule> masking, Optional<Filter> rowFilter,
                   List<SortKey> sort, List<String> groupBy, List<AggregateOp> aggregates, Limits limits) {
    public Plan {
        Objects.requireNonNull(basis, "basis");
        Caller.requireText(datasetId, "datasetId");
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(mode, "mode");
        projection = List.copyOf(projection);
        masking = Collections.unmodifiableMap(new LinkedHashMap<>(masking));
        Objects.requireNonNull(rowFilter, "rowFilter");
        sort = List.copyOf(sort);
        groupBy = List.copyOf(groupBy);
        aggregates = List.copyOf(aggregates);
        Objects.requireNonNull(limits, "limits");
        if (!masking.keySet().equals(fieldsOf(projection, sort, groupBy, aggregates))) {
            throw new IllegalArgumentException("the plan must give a masking for exactly the fields it reads");
        }
    }

    /** Every field the plan outputs or reads for output: projection, sort keys, group-by and aggregate fields. */
    public Set<String> fields() {
        return masking.keySet();
    }

    /** The masking of a plan field. */
    public MaskingRule maskingOf(String field) {
        MaskingRule rule = masking.get(field);
        if (rule == null) {
            throw new IllegalArgumentException("not a field of this plan");
        }
        return rule;
    }

    /** EXTRACT copies leaving the owner are watermarked per agreement (DOMAIN rule 4). */
    public boolean requiresWatermark() {
        return mode == AccessMode.EXTRACT && basis != PlanBasis.OWNER;
    }

    static Set<String> fieldsOf(List<String> projection, List<SortKey> sort, List<String> groupBy,
                                        List<AggregateOp> aggregates) {
        Set<String> fields = new LinkedHashSet<>(projection);
        sort.forEach(k -> fields.add(k.field()));
        fields.addAll(groupBy);
        aggregates.forEach(a -> a.field().ifPresent(fields::add));
        return fields;
    }

    static Set<String> fieldsOf(DataRequest request) {
        return fieldsOf(request.fields(), request.sort(), request.groupBy(), request.aggregates());
    }
}
