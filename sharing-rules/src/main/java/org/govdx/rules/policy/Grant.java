package org.govdx.rules.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.filter.Filter;

/**
 * What authorises a department to read another department's dataset version (DOMAIN rules 1, 4 and 5): a signed
 * agreement for RESTRICTED data, or an open-use grant for OPEN data. Immutable; an amendment is a new version.
 *
 * @param id                    grant id (also names the pseudonym key of the agreement)
 * @param version               grant version
 * @param kind                  agreement or open-use grant
 * @param consumerDepartment    the department allowed to read
 * @param providerDepartment    the owner of the dataset
 * @param datasetId             the dataset
 * @param datasetVersion        the exact dataset version granted
 * @param state                 lifecycle state; only ACTIVE grants authorise
 * @param termStart             first instant of the term (inclusive)
 * @param termEnd               end of the term (exclusive)
 * @param fields                the fields granted (minimum necessary; unique names)
 * @param mode                  the access mode granted
 * @param rowFilter             rows the consumer may see, or empty for all rows
 * @param purpose               the approved purpose; a data call must state the same purpose
 * @param authorisedPrincipals  user or client ids allowed to use the grant; empty means nobody (minimum necessary)
 * @param minGroupSize          AGGREGATE: groups smaller than this are suppressed (k-anonymity), default 10
 * @param dailyRowQuota         rows the consumer may read per day (enforced by the service that counts)
 * @param pageSizeCap           largest page a data call may ask for
 * @param caseReferenceRequired each data call must cite a case reference (e.g. a case file number)
 */
public record Grant(String id, int version, GrantKind kind, String consumerDepartment, String providerDepartment,
                    String datasetId, int datasetVersion, GrantState state, Instant termStart, Instant termEnd,
                    List<GrantedField> fields, AccessMode mode, Optional<Filter> rowFilter, String purpose,
                    Set<String> authorisedPrincipals, int minGroupSize, long dailyRowQuota, int pageSizeCap,
                    boolean caseReferenceRequired) {

    /** The k-anonymity minimum group size when a grant does not set one. */
    public static final int DEFAULT_MIN_GROUP_SIZE = 10;

    public Grant {
        Caller.requireText(id, "id");
        Objects.requireNonNull(kind, "kind");
        Caller.requireText(consumerDepartment, "consumerDepartment");
        Caller.requireText(providerDepartment, "providerDepartment");
        Caller.requireText(datasetId, "datasetId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(termStart, "termStart");
        Objects.requireNonNull(termEnd, "termEnd");
        if (!termStart.isBefore(termEnd)) {
            throw new IllegalArgumentException("the term must end after it starts");
        }
        fields = List.copyOf(fields);
        Set<String> names = new HashSet<>();
        for (GrantedField f : fields) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("a grant names each field once");
            }
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(rowFilter, "rowFilter");
        Caller.requireText(purpose, "purpose");
        authorisedPrincipals = Set.copyOf(authorisedPrincipals);
        if (minGroupSize < 1 || dailyRowQuota < 1 || pageSizeCap < 1) {
            throw new IllegalArgumentException("minGroupSize, dailyRowQuota and pageSizeCap must be positive");
        }
    }

    /** The granted field called {@code name}, if any. */
    public Optional<GrantedField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with defaults: version 1, dataset version 1, ACTIVE, AGREEMENT, VIEW, no row filter,
     *  min group size 10, quota 10 000, page cap 100, no case reference required. */
    public static final class Builder {
        private String id;
        private int version = 1;
        private GrantKind kind = GrantKind.AGREEMENT;
        private String consumerDepartment;
        private String providerDepartment;
        private String datasetId;
        private int datasetVersion = 1;
        private GrantState state = GrantState.ACTIVE;
        private Instant termStart;
        private Instant termEnd;
        private final List<GrantedField> fields = new ArrayList<>();
        private AccessMode mode = AccessMode.VIEW;
        private Filter rowFilter;
        private String purpose;
        private final Set<String> authorisedPrincipals = new LinkedHashSet<>();
        private int minGroupSize = DEFAULT_MIN_GROUP_SIZE;
        private long dailyRowQuota = 10_000;
        private int pageSizeCap = 100;
        private boolean caseReferenceRequired;

        private Builder() {
        }

        public Builder id(String id) { this.id = id; return this; }
        public Builder version(int version) { this.version = version; return this; }
        public Builder kind(GrantKind kind) { this.kind = kind; return this; }
        public Builder consumerDepartment(String department) { this.consumerDepartment = department; return this; }
        public Builder providerDepartment(String department) { this.providerDepartment = department; return this; }
        public Builder dataset(String datasetId, int datasetVersion) {
            this.datasetId = datasetId;
            this.datasetVersion = datasetVersion;
            return this;
        }
        public Builder state(GrantState state) { this.state = state; return this; }
        public Builder term(Instant start, Instant end) {
            this.termStart = start;
            this.termEnd = end;
            return this;
        }
        public Builder field(GrantedField field) { this.fields.add(field); return this; }
        public Builder fields(List<GrantedField> fields) { this.fields.addAll(fields); return this; }
        public Builder mode(AccessMode mode) { this.mode = mode; return this; }
        public Builder rowFilter(Filter rowFilter) { this.rowFilter = rowFilter; return this; }
        public Builder purpose(String purpose) { this.purpose = purpose; return this; }
        public Builder authorise(String principalId) { this.authorisedPrincipals.add(principalId); return this; }
        public Builder authorisedPrincipals(Set<String> principals) { this.authorisedPrincipals.addAll(principals); return this; }
        public Builder minGroupSize(int minGroupSize) { this.minGroupSize = minGroupSize; return this; }
        public Builder dailyRowQuota(long dailyRowQuota) { this.dailyRowQuota = dailyRowQuota; return this; }
        public Builder pageSizeCap(int pageSizeCap) { this.pageSizeCap = pageSizeCap; return this; }
        public Builder caseReferenceRequired(boolean required) { this.caseReferenceRequired = required; return this; }

        public Grant build() {
            return new Grant(id, version, kind, consumerDepartment, providerDepartment, datasetId, datasetVersion,
                    state, termStart, termEnd, fields, mode, Optional.ofNullable(rowFilter), purpose,
                    authorisedPrincipals, minGroupSize, dailyRowQuota, pageSizeCap, caseReferenceRequired);
        }
    }
}
