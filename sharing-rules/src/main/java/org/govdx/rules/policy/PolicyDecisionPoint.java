package org.govdx.rules.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.classification.SharingClass;
import org.govdx.rules.filter.Filter;
import org.govdx.rules.masking.MaskingRule;

/**
 * The policy decision point: decides whether a data call may proceed and, if so, exactly what it may do.
 * Implements DOMAIN rule 1 (three classes), rule 2 (field grading; FORBIDDEN fields never leave the owner;
 * RESTRICTED fields only when named, masked unless granted in clear), rule 3 (masking), rule 4 (access modes,
 * minimum group size, row quota) and rule 5 (agreement fields, purpose, mode, row filter, term, volume).
 * A pure function: same inputs, same decision; no clock, no I/O.
 *
 * <p>Checks, in order (the first failure is the decision):
 * <ol>
 *   <li>the request is well formed for its mode ({@link DenyReason#MALFORMED_REQUEST}): page size ≥ 0; group-by and
 *       aggregates only in AGGREGATE mode; AGGREGATE has at least one aggregate and no field list or sort;</li>
 *   <li>the caller holds {@link Role#STEWARD};</li>
 *   <li><b>owner</b>: a caller of the owner department may read its own dataset without a grant, in any mode,
 *       every field in clear, no quota, no group suppression; it is only refused fields the dataset lacks;</li>
 *   <li>a FORBIDDEN dataset is refused to every other department;</li>
 *   <li>the grant: present, issued to the caller's department (checked first, so a caller learns nothing about
 *       another department's grant), for this dataset and provider, for this exact version, an AGREEMENT if the
 *       dataset is RESTRICTED (an OPEN dataset accepts an OPEN_USE grant or an agreement), ACTIVE, and
 *       {@code now} within [termStart, termEnd);</li>
 *   <li>the accountable principal ({@link Caller#accountablePrincipal()}: the clerk when a system client acts on
 *       behalf of one, else the caller) is among the grant's authorised principals; an empty set authorises
 *       nobody;</li>
 *   <li>the stated purpose equals the granted purpose (ignoring surrounding blanks); a case reference is present
 *       if the grant requires one;</li>
 *   <li>the mode is the granted mode or a stricter one (AGGREGATE under a VIEW or EXTRACT grant, VIEW under an
 *       EXTRACT grant); the grant's limits still apply;</li>
 *   <li>fields: the <em>deliverable</em> fields are the granted fields that the dataset has, minus FORBIDDEN
 *       fields (dropped even if a grant names them — a pseudonym of a low-cardinality field would still reveal it,
 *       so this implementation never lets a FORBIDDEN field out), minus RESTRICTED fields under an OPEN_USE grant.
 *       Requested, filter, sort, group-by and aggregate fields must all be deliverable;</li>
 *   <li>masked fields (deliverable with a masking other than NONE) may appear in the caller's filter only in
 *       {@code =, !=, in, is [not] null} (a lookup by a value the caller already holds, e.g. an ID number in a
 *       case); ordering comparisons and sorting on them are refused because they let a caller bisect the hidden
 *       value; SUM/AVG/MIN/MAX need the field in clear, COUNT does not; group-by on a masked field groups by the
 *       masked value;</li>
 *   <li>page size ≤ the grant's cap (0 asks for the cap).</li>
 * </ol>
 * The masking of a deliverable field: NONE if the grant gives it in clear; else the grant's rule if it chose one;
 * else the field's default masking; and a RESTRICTED field left without masking by both is redacted. The plan's
 * row filter is the grant's filter {@code and} the caller's; the grant's filter may use fields the caller was not
 * granted (the provider decides which rows are shared; those fields are never output).
 */
public final class PolicyDecisionPoint {

    private PolicyDecisionPoint() {
    }

    public static Decision decide(Caller caller, DatasetView dataset, Optional<Grant> grant, DataRequest request) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(request, "request");

        if (!isWellFormed(request)) {
            return deny(DenyReason.MALFORMED_REQUEST);
        }
        if (!caller.roles().contains(Role.STEWARD)) {
            return deny(DenyReason.ROLE_NOT_PERMITTED);
        }
        if (caller.departmentCode().equals(dataset.ownerDepartment())) {
            return ownerDecision(dataset, request);
        }
        if (dataset.sharingClass() == SharingClass.FORBIDDEN) {
            return deny(DenyReason.DATASET_FORBIDDEN);
        }
        if (grant.isEmpty()) {
            return deny(DenyReason.NO_GRANT);
        }
        Grant g = grant.get();
        Optional<DenyReason> grantProblem = checkGrant(caller, dataset, g, request);
        if (grantProblem.isPresent()) {
            return deny(grantProblem.get());
        }

        Map<String, MaskingRule> deliverable = deliverableFields(dataset, g);
        if (deliverable.isEmpty()) {
            return deny(DenyReason.NO_DELIVERABLE_FIELDS);
        }
        Optional<DenyReason> fieldProblem = checkFields(dataset, deliverable, request);
        if (fieldProblem.isPresent()) {
            return deny(fieldProblem.get());
        }
        if (request.pageSize() > g.pageSizeCap()) {
            return new Decision.Deny(DenyReason.PAGE_TOO_LARGE,
                    DenyReason.PAGE_TOO_LARGE.message() + " (" + g.pageSizeCap() + ")");
        }

        List<String> projection = projection(request, deliverable.keySet());
        Map<String, MaskingRule> masking = new LinkedHashMap<>();
        Plan.fieldsOf(projection, request.sort(), request.groupBy(), request.aggregates()).forEach(f -> masking.put(f, deliverable.get(f)));
        int pageSize = request.pageSize() == 0 ? g.pageSizeCap() : request.pageSize();
        Plan plan = new Plan(g.kind() == GrantKind.AGREEMENT ? PlanBasis.AGREEMENT : PlanBasis.OPEN_USE,
                dataset.id(), dataset.version(), Optional.of(g.id()), request.mode(), projection, masking,
                Optional.ofNullable(Filter.and(g.rowFilter().orElse(null), request.filter().orElse(null))),
                request.sort(), distinct(request.groupBy()), request.aggregates(),
                new Limits(pageSize, g.minGroupSize(), OptionalLong.of(g.dailyRowQuota())));
        return new Decision.Allow(plan);
    }

    private static boolean isWellFormed(DataRequest request) {
        if (request.pageSize() < 0) {
            return false;
        }
        if (request.mode() == AccessMode.AGGREGATE) {
            return !request.aggregates().isEmpty() && request.fields().isEmpty() && request.sort().isEmpty();
        }
        return request.groupBy().isEmpty() && request.aggregates().isEmpty();
    }

    private static Decision ownerDecision(DatasetView dataset, DataRequest request) {
        Set<String> referenced = new LinkedHashSet<>(Plan.fieldsOf(request));
        request.filter().ifPresent(f -> referenced.addAll(f.fields()));
        for (String name : referenced) {
            if (dataset.field(name).isEmpty()) {
                return deny(DenyReason.UNKNOWN_FIELD);
            }
        }
        List<String> all = dataset.fields().stream().map(FieldView::name).toList();
        List<String> projection = projection(request, all);
        Map<String, MaskingRule> masking = new LinkedHashMap<>();
        Plan.fieldsOf(projection, request.sort(), request.groupBy(), request.aggregates()).forEach(f -> masking.put(f, MaskingRule.NONE));
        int pageSize = request.pageSize() == 0 ? Limits.DEFAULT_OWNER_PAGE_SIZE : request.pageSize();
        return new Decision.Allow(new Plan(PlanBasis.OWNER, dataset.id(), dataset.version(), Optional.empty(),
                request.mode(), projection, masking, request.filter(), request.sort(), distinct(request.groupBy()),
                request.aggregates(), new Limits(pageSize, 1, OptionalLong.empty())));
    }

    private static Optional<DenyReason> checkGrant(Caller caller, DatasetView dataset, Grant g, DataRequest request) {
        if (!g.consumerDepartment().equals(caller.departmentCode())) {
            return Optional.of(DenyReason.WRONG_DEPARTMENT);
        }
        if (!g.datasetId().equals(dataset.id()) || !g.providerDepartment().equals(dataset.ownerDepartment())) {
            return Optional.of(DenyReason.NO_GRANT);
        }
        if (g.datasetVersion() != dataset.version()) {
            return Optional.of(DenyReason.WRONG_DATASET_VERSION);
        }
        if (dataset.sharingClass() == SharingClass.RESTRICTED && g.kind() != GrantKind.AGREEMENT) {
            return Optional.of(DenyReason.WRONG_GRANT_KIND);
        }
        if (g.state() == GrantState.EXPIRED) {
            return Optional.of(DenyReason.GRANT_EXPIRED);
        }
        if (g.state() != GrantState.ACTIVE) {
            return Optional.of(DenyReason.GRANT_NOT_ACTIVE);
        }
        if (request.now().isBefore(g.termStart())) {
            return Optional.of(DenyReason.GRANT_NOT_YET_VALID);
        }
        if (!request.now().isBefore(g.termEnd())) {
            return Optional.of(DenyReason.GRANT_EXPIRED);
        }
        if (!g.authorisedPrincipals().contains(caller.accountablePrincipal())) {
            return Optional.of(DenyReason.USER_NOT_AUTHORISED);
        }
        if (!request.purpose().strip().equals(g.purpose().strip())) {
            return Optional.of(DenyReason.PURPOSE_MISMATCH);
        }
        if (g.caseReferenceRequired() && request.caseReference().filter(r -> !r.isBlank()).isEmpty()) {
            return Optional.of(DenyReason.CASE_REFERENCE_MISSING);
        }
        if (!request.mode().isAtLeastAsStrictAs(g.mode())) {
            return Optional.of(DenyReason.MODE_NOT_GRANTED);
        }
        return Optional.empty();
    }

    /** The fields the grant can deliver, in dataset order, with their effective masking. */
    private static Map<String, MaskingRule> deliverableFields(DatasetView dataset, Grant g) {
        Map<String, MaskingRule> deliverable = new LinkedHashMap<>();
        for (FieldView field : dataset.fields()) {
            Optional<GrantedField> granted = g.field(field.name());
            if (granted.isEmpty() || field.fieldClass() == SharingClass.FORBIDDEN
                    || (field.fieldClass() == SharingClass.RESTRICTED && g.kind() != GrantKind.AGREEMENT)) {
                continue;
            }
            deliverable.put(field.name(), effectiveMasking(field, granted.get()));
        }
        return deliverable;
    }

    private static MaskingRule effectiveMasking(FieldView field, GrantedField granted) {
        if (granted.clear()) {
            return MaskingRule.NONE;
        }
        if (!granted.masking().isClear()) {
            return granted.masking();
        }
        if (!field.defaultMasking().isClear()) {
            return field.defaultMasking();
        }
        return field.fieldClass() == SharingClass.RESTRICTED ? MaskingRule.REDACT : MaskingRule.NONE;
    }

    private static Optional<DenyReason> checkFields(DatasetView dataset, Map<String, MaskingRule> deliverable,
                                                    DataRequest request) {
        for (String name : request.fields()) {
            if (!deliverable.containsKey(name)) {
                boolean forbidden = dataset.field(name).map(f -> f.fieldClass() == SharingClass.FORBIDDEN).orElse(false);
                return Optional.of(forbidden ? DenyReason.FIELD_FORBIDDEN : DenyReason.FIELD_NOT_GRANTED);
            }
        }
        Set<String> filterFields = request.filter().map(Filter::fields).orElse(Set.of());
        if (!deliverable.keySet().containsAll(filterFields)) {
            return Optional.of(DenyReason.FILTER_ON_UNGRANTED_FIELD);
        }
        if (!request.sort().stream().allMatch(k -> deliverable.containsKey(k.field()))) {
            return Optional.of(DenyReason.SORT_ON_UNGRANTED_FIELD);
        }
        if (!deliverable.keySet().containsAll(request.groupBy())) {
            return Optional.of(DenyReason.GROUP_BY_ON_UNGRANTED_FIELD);
        }
        if (!request.aggregates().stream().allMatch(a -> a.field().map(deliverable::containsKey).orElse(true))) {
            return Optional.of(DenyReason.AGGREGATE_ON_UNGRANTED_FIELD);
        }
        Set<String> ordered = request.filter().map(Filter::orderedFields).orElse(Set.of());
        if (anyMasked(ordered, deliverable)) {
            return Optional.of(DenyReason.RANGE_FILTER_ON_MASKED_FIELD);
        }
        if (anyMasked(request.sort().stream().map(SortKey::field).toList(), deliverable)) {
            return Optional.of(DenyReason.SORT_ON_MASKED_FIELD);
        }
        if (request.aggregates().stream().anyMatch(a -> a.function().revealsValues()
                && a.field().map(f -> !deliverable.get(f).isClear()).orElse(false))) {
            return Optional.of(DenyReason.AGGREGATE_ON_MASKED_FIELD);
        }
        return Optional.empty();
    }

    private static boolean anyMasked(Collection<String> fields, Map<String, MaskingRule> deliverable) {
        return fields.stream().anyMatch(f -> !deliverable.get(f).isClear());
    }

    /** Output columns: AGGREGATE → group-by fields; else the requested fields, or all {@code available} ones. */
    private static List<String> projection(DataRequest request, Collection<String> available) {
        if (request.mode() == AccessMode.AGGREGATE) {
            return distinct(request.groupBy());
        }
        return request.fields().isEmpty() ? List.copyOf(available) : distinct(request.fields());
    }

    private static List<String> distinct(List<String> names) {
        return new ArrayList<>(new LinkedHashSet<>(names));
    }

    private static Decision deny(DenyReason reason) {
        return Decision.Deny.of(reason);
    }
}
