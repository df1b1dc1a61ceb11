package org.govdx.rules.policy;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Volume limits of a plan (DOMAIN rules 4 and 5).
 *
 * @param pageSize      rows (or groups) per page
 * @param minGroupSize  AGGREGATE: groups with fewer rows are suppressed; 1 = no suppression
 * @param dailyRowQuota rows per day the service must not exceed; empty = unlimited (owner)
 */
public record Limits(int pageSize, int minGroupSize, OptionalLong dailyRowQuota) {

    /** Page size of an owner's call that asks for none. */
    public static final int DEFAULT_OWNER_PAGE_SIZE = 1000;

    public Limits {
        if (pageSize < 1 || minGroupSize < 1) {
            throw new IllegalArgumentException("page size and minimum group size must be positive");
        }
        Objects.requireNonNull(dailyRowQuota, "dailyRowQuota");
    }
}
