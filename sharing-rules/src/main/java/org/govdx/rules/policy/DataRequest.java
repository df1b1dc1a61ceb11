package org.govdx.rules.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.filter.Filter;

/**
 * One data call (DOMAIN rules 4 and 5: a use of a dataset in one access mode, for a stated purpose).
 *
 * @param mode          the access mode asked for
 * @param fields        VIEW/EXTRACT: the fields wanted, in output order; empty = every granted field.
 *                      AGGREGATE: must be empty (the output columns are the group-by fields and the aggregates)
 * @param filter        the caller's own row filter, combined with the grant's by {@code and}
 * @param sort          VIEW/EXTRACT sort keys
 * @param groupBy       AGGREGATE group-by fields
 * @param aggregates    AGGREGATE functions (at least one)
 * @param purpose       the purpose stated for this call
 * @param caseReference the case (file) the call serves, if any
 * @param now           the instant of the call, checked against the grant's term
 * @param pageSize      rows (or groups) per page; 0 = the grant's cap
 */
public record DataRequest(AccessMode mode, List<String> fields, Optional<Filter> filter, List<SortKey> sort,
                          List<String> groupBy, List<AggregateOp> aggregates, String purpose,
                          Optional<String> caseReference, Instant now, int pageSize) {
    public DataRequest {
        Objects.requireNonNull(mode, "mode");
        fields = List.copyOf(fields);
        Objects.requireNonNull(filter, "filter");
        sort = List.copyOf(sort);
        groupBy = List.copyOf(groupBy);
        aggregates = List.copyOf(aggregates);
        purpose = purpose == null ? "" : purpose;
        Objects.requireNonNull(caseReference, "caseReference");
        Objects.requireNonNull(now, "now");
    }

    public static Builder builder(AccessMode mode, Instant now) {
        return new Builder(mode, now);
    }

    /** Builder; everything but mode and now is optional. */
    public static final class Builder {
        private final AccessMode mode;
        private final Instant now;
        private final List<String> fields = new ArrayList<>();
        private Filter filter;
        private final List<SortKey> sort = new ArrayList<>();
        private final List<String> groupBy = new ArrayList<>();
        private final List<AggregateOp> aggregates = new ArrayList<>();
        private String purpose = "";
        private String caseReference;
        private int pageSize;

        private Builder(AccessMode mode, Instant now) {
            this.mode = mode;
            this.now = now;
        }

        public Builder fields(String... names) { fields.addAll(List.of(names)); return this; }
        public Builder fields(List<String> names) { fields.addAll(names); return this; }
        public Builder filter(Filter filter) { this.filter = filter; return this; }
        public Builder sort(SortKey key) { sort.add(key); return this; }
        public Builder sort(List<SortKey> keys) { sort.addAll(keys); return this; }
        public Builder groupBy(String... names) { groupBy.addAll(List.of(names)); return this; }
        public Builder groupBy(List<String> names) { groupBy.addAll(names); return this; }
        public Builder aggregate(AggregateOp op) { aggregates.add(op); return this; }
        public Builder aggregates(List<AggregateOp> ops) { aggregates.addAll(ops); return this; }
        public Builder purpose(String purpose) { this.purpose = purpose; return this; }
        public Builder caseReference(String caseReference) { this.caseReference = caseReference; return this; }
        public Builder pageSize(int pageSize) { this.pageSize = pageSize; return this; }

        public DataRequest build() {
            return new DataRequest(mode, fields, Optional.ofNullable(filter), sort, groupBy, aggregates, purpose,
                    Optional.ofNullable(caseReference), now, pageSize);
        }
    }
}
