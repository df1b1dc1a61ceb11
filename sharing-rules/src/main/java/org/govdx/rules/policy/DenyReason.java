package org.govdx.rules.policy;

/**
 * Why the policy decision point refused a data call (DOMAIN rules 1, 2, 4, 5). Each reason has one fixed
 * message; no message ever names a field, so a field the caller was not granted cannot leak through it.
 */
public enum DenyReason {
    MALFORMED_REQUEST("the request is not well formed for its access mode"),
    ROLE_NOT_PERMITTED("reading data requires the steward role"),
    UNKNOWN_FIELD("the request references a field the dataset does not have"),
    DATASET_FORBIDDEN("the dataset is not shared (不予共享) and never leaves its owner"),
    NO_GRANT("no grant covers this dataset"),
    WRONG_DEPARTMENT("the grant was not issued to the caller's department"),
    WRONG_DATASET_VERSION("the grant covers another version of this dataset"),
    WRONG_GRANT_KIND("conditionally shared (有条件共享) data requires a signed agreement"),
    GRANT_NOT_ACTIVE("the grant is not active"),
    GRANT_NOT_YET_VALID("the grant's term has not started"),
    GRANT_EXPIRED("the grant's term has ended"),
    USER_NOT_AUTHORISED("the caller is not among the grant's authorised users"),
    PURPOSE_MISMATCH("the stated purpose does not match the granted purpose"),
    CASE_REFERENCE_MISSING("the grant requires a case reference on each call"),
    MODE_NOT_GRANTED("the access mode is wider than the granted mode"),
    FIELD_FORBIDDEN("a requested field is not shared (不予共享) and never leaves its owner"),
    FIELD_NOT_GRANTED("a requested field is not granted"),
    FILTER_ON_UNGRANTED_FIELD("the filter references a field that is not granted"),
    SORT_ON_UNGRANTED_FIELD("a sort key is not a granted field"),
    GROUP_BY_ON_UNGRANTED_FIELD("a group-by field is not granted"),
    AGGREGATE_ON_UNGRANTED_FIELD("an aggregate is over a field that is not granted"),
    RANGE_FILTER_ON_MASKED_FIELD("the filter compares a masked field by order; only =, !=, in and is null are allowed on masked fields"),
    SORT_ON_MASKED_FIELD("a sort key is a masked field"),
    AGGREGATE_ON_MASKED_FIELD("only count may be computed over a masked field"),
    PAGE_TOO_LARGE("the page size exceeds the granted maximum"),
    NO_DELIVERABLE_FIELDS("the grant names no field that can be delivered");

    private final String message;

    DenyReason(String message) {
        this.message = message;
    }

    /** The fixed, field-free message of this reason. */
    public String message() {
        return message;
    }
}
