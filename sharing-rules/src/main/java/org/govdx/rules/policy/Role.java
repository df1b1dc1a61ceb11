package org.govdx.rules.policy;

import java.util.Optional;

/** The platform roles of DOMAIN "Who uses it"; {@link #claim()} is the role's name in tokens. */
public enum Role {
    /** Publishes datasets, requests other departments' data, reads data under agreements (also a department system). */
    STEWARD("steward"),
    /** The department's Chief Data Officer: approves publications, endorses and approves agreements. */
    CDO("cdo"),
    /** Reads and verifies access logs; reads no data. */
    AUDITOR("auditor"),
    /** The data authority running the platform. */
    PLATFORM_ADMIN("platform-admin");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    /** The role whose claim is {@code claim}, if any. */
    public static Optional<Role> fromClaim(String claim) {
        for (Role r : values()) {
            if (r.claim.equals(claim)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
