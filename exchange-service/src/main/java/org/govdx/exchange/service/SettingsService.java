package org.govdx.exchange.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.outbox.Outbox;
import org.govdx.common.problem.ProblemException;
import org.govdx.exchange.domain.AccessRequest;
import org.govdx.exchange.domain.PlatformSetting;
import org.govdx.exchange.review.ConformityReview;
import org.govdx.exchange.review.RequestState;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The platform settings the platform admin sets (DOMAIN rule 6): working days for each review step and
 * the limits of terms. Values are whole numbers; unknown names are refused.
 */
@ApplicationScoped
public class SettingsService {

    public static final String CONFORMITY_REVIEW_DAYS = "conformity-review-working-days";
    public static final String PROVIDER_ANSWER_DAYS = "provider-answer-working-days";
    public static final String PROVIDER_ANSWER_DAYS_NOT_HOSTED = "provider-answer-working-days-not-hosted";
    public static final String ENDORSEMENT_DAYS = "endorsement-working-days";
    public static final String CONSUMER_ACCEPTANCE_DAYS = "consumer-acceptance-working-days";
    public static final String MAX_TERM_DAYS = "max-term-days";
    public static final String MAX_RETENTION_DAYS = "max-retention-days";

    @Inject
    Outbox outbox;

    @Inject
    AuditEvents events;

    @WithSession
    public Uni<Map<String, Integer>> all() {
        return PlatformSetting.<PlatformSetting>listAll().map(list -> list.stream()
                .collect(Collectors.toMap(s -> s.name, s -> Integer.parseInt(s.value), (a, b) -> a, java.util.TreeMap::new)));
    }

    @WithSession
    public Uni<ConformityReview.Limits> limits() {
        return all().map(s -> new ConformityReview.Limits(s.getOrDefault(MAX_TERM_DAYS, 1095), s.getOrDefault(MAX_RETENTION_DAYS, 3650),
                ConformityReview.Limits.DEFAULT.minimumGroupSizeFloor()));
    }

    /** Working days allowed for the step a request waits in. */
    @WithSession
    public Uni<Integer> workingDaysFor(RequestState state, AccessRequest request) {
        return all().map(s -> switch (state) {
            case AWAITING_ENDORSEMENT -> s.getOrDefault(ENDORSEMENT_DAYS, 5);
            case IN_CONFORMITY_REVIEW -> s.getOrDefault(CONFORMITY_REVIEW_DAYS, 2);
            case AWAITING_PROVIDER -> s.getOrDefault(PROVIDER_ANSWER_DAYS, 5);
            case AWAITING_CONSUMER_ACCEPTANCE -> s.getOrDefault(CONSUMER_ACCEPTANCE_DAYS, 5);
            default -> 0;
        });
    }

    @WithTransaction
    public Uni<Map<String, Integer>> set(Caller caller, String name, int value) {
        if (value < 0 || value > 36_500) {
            throw ProblemException.invalidField("value", "between 0 and 36500");
        }
        return PlatformSetting.<PlatformSetting>findById(name).flatMap(setting -> {
            if (setting == null) {
                throw ProblemException.notFound("No platform setting " + name + "; known: " + List.of(CONFORMITY_REVIEW_DAYS,
                        PROVIDER_ANSWER_DAYS, PROVIDER_ANSWER_DAYS_NOT_HOSTED, ENDORSEMENT_DAYS, CONSUMER_ACCEPTANCE_DAYS, MAX_TERM_DAYS, MAX_RETENTION_DAYS));
            }
            setting.value = Integer.toString(value);
            setting.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return setting.persistAndFlush().call(s -> outbox.record(events.of(caller, "platform.setting-changed", null)
                    .details(Map.of("name", name, "value", value)).build()));
        }).flatMap(s -> all());
    }
}
