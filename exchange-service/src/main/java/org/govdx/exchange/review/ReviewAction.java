package org.govdx.exchange.review;

import java.util.Map;
import java.util.Set;

/**
 * Every step a person can take on a request, with the party that takes it and the states it applies to.
 * The one table of who may do what when; {@link ReviewFlow} applies it.
 */
public enum ReviewAction {
    SUBMIT(Party.CONSUMER_STEWARD, Set.of(RequestState.DRAFT), false),
    ENDORSE(Party.CONSUMER_CDO, Set.of(RequestState.AWAITING_ENDORSEMENT), false),
    SEND_BACK(Party.CONSUMER_CDO, Set.of(RequestState.AWAITING_ENDORSEMENT), true),
    PASS_CONFORMITY(Party.PLATFORM_ADMIN, Set.of(RequestState.IN_CONFORMITY_REVIEW), false),
    FAIL_CONFORMITY(Party.PLATFORM_ADMIN, Set.of(RequestState.IN_CONFORMITY_REVIEW), true),
    APPROVE(Party.PROVIDER_CDO, Set.of(RequestState.AWAITING_PROVIDER), false),
    APPROVE_WITH_CHANGES(Party.PROVIDER_CDO, Set.of(RequestState.AWAITING_PROVIDER), true),
    RETURN_FOR_CHANGES(Party.PROVIDER_CDO, Set.of(RequestState.AWAITING_PROVIDER), true),
    REJECT(Party.PROVIDER_CDO, Set.of(RequestState.AWAITING_PROVIDER), true),
    ACCEPT_CHANGES(Party.CONSUMER_CDO, Set.of(RequestState.AWAITING_CONSUMER_ACCEPTANCE), false),
    DECLINE_CHANGES(Party.CONSUMER_CDO, Set.of(RequestState.AWAITING_CONSUMER_ACCEPTANCE), true),
    WITHDRAW(Party.CONSUMER_ANY, Set.of(RequestState.DRAFT, RequestState.AWAITING_ENDORSEMENT, RequestState.IN_CONFORMITY_REVIEW,
            RequestState.AWAITING_PROVIDER, RequestState.AWAITING_CONSUMER_ACCEPTANCE), false);

    /** Who acts. */
    public enum Party { CONSUMER_STEWARD, CONSUMER_CDO, CONSUMER_ANY, PROVIDER_CDO, PLATFORM_ADMIN }

    private final Party party;
    private final Set<RequestState> from;
    private final boolean reasonRequired;

    ReviewAction(Party party, Set<RequestState> from, boolean reasonRequired) {
        this.party = party;
        this.from = from;
        this.reasonRequired = reasonRequired;
    }

    public Party party() {
        return party;
    }

    public boolean appliesIn(RequestState state) {
        return from.contains(state);
    }

    public boolean reasonRequired() {
        return reasonRequired;
    }

    /** The URL segment of the action, e.g. {@code approve-with-changes}. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static final Map<String, ReviewAction> BY_SLUG = java.util.Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(ReviewAction::slug, a -> a));

    public static ReviewAction bySlug(String slug) {
        return BY_SLUG.get(slug);
    }
}
