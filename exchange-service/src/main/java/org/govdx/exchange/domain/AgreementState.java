package org.govdx.exchange.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a signed agreement (DOMAIN rule 5): ACTIVE, SUSPENDED and back, REVOKED by the provider,
 * EXPIRED at the end of its term, SUPERSEDED by an amended version. The document itself never changes.
 */
public enum AgreementState {
    ACTIVE, SUSPENDED, REVOKED, EXPIRED, SUPERSEDED;

    public Set<AgreementState> next() {
        return switch (this) {
            case ACTIVE -> EnumSet.of(SUSPENDED, REVOKED, EXPIRED, SUPERSEDED);
            case SUSPENDED -> EnumSet.of(ACTIVE, REVOKED, EXPIRED, SUPERSEDED);
            case REVOKED, EXPIRED, SUPERSEDED -> EnumSet.noneOf(AgreementState.class);
        };
    }

    public boolean canBecome(AgreementState target) {
        return next().contains(target);
    }
}
