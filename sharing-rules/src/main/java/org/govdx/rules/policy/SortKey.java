package org.govdx.rules.policy;

import java.util.Objects;

/** One sort key of a VIEW/EXTRACT data call (DOMAIN rule 4: masked rows in pages); nulls sort last in either direction. */
public record SortKey(String field, SortDirection direction) {
    public SortKey {
        Caller.requireText(field, "field");
        Objects.requireNonNull(direction, "direction");
    }

    public static SortKey asc(String field) {
        return new SortKey(field, SortDirection.ASC);
    }

    public static SortKey desc(String field) {
        return new SortKey(field, SortDirection.DESC);
    }
}
