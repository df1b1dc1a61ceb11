package org.govdx.exchange.review;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an access request stands (DOMAIN rules 5 and 6; the regulation's review flow): drafted by the
 * consumer's steward, endorsed by the consumer's CDO, through the platform's conformity review, decided by
 * the provider's CDO, and (when narrowed) accepted by the consumer's CDO. Terminal states never change.
 */
public enum RequestState {
    /** Being written (or returned / sent back for changes) by the consumer department. */
    DRAFT,
    /** Submitted: waits for the consumer department's CDO to endorse it. */
    AWAITING_ENDORSEMENT,
    /** A platform admin reviews it by hand (the automatic conformity review could not decide). */
    IN_CONFORMITY_REVIEW,
    /** Passed conformity review: waits for the provider department's CDO. */
    AWAITING_PROVIDER,
    /** The provider approved narrower terms: waits for the consumer's CDO to accept or decline them. */
    AWAITING_CONSUMER_ACCEPTANCE,
    /** Final approval: an agreement (or open-use grant) was made from the agreed terms. */
    APPROVED,
    /** Refused by the provider's CDO or by the platform's conformity review, with a reason. */
    REJECTED,
    /** The consumer's CDO declined the provider's narrowed terms. */
    DECLINED,
    /** Withdrawn by the consumer before a decision. */
    WITHDRAWN;

    private static final Set<RequestState> TERMINAL = EnumSet.of(APPROVED, REJECTED, DECLINED, WITHDRAWN);

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    /** States in which a step is due from someone (and can become overdue). */
    public boolean hasDeadline() {
        return this == AWAITING_ENDORSEMENT || this == IN_CONFORMITY_REVIEW || this == AWAITING_PROVIDER || this == AWAITING_CONSUMER_ACCEPTANCE;
    }
}
