package org.govdx.common.web;

import jakarta.ws.rs.core.EntityTag;
import org.govdx.common.problem.ProblemException;

/** Entity tags from row versions: {@code ETag: "3"}; an {@code If-Match} naming another version gets 412. */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version an If-Match header names, or {@code null} when there is none. */
    public static Integer parseVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw ProblemException.preconditionFailed("If-Match must be an ETag this service issued, e.g. \"3\"");
        }
    }
}
