package org.govdx.exchange.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.outbox.Outbox;
import org.govdx.exchange.domain.AccessRequest;
import org.govdx.exchange.repository.AccessRequestRepository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Watches review deadlines (DOMAIN rule 6): a step due today gets a reminder event; a step past its due
 * date is marked overdue, escalated to the platform admin (it shows in their inbox) and recorded.
 * Safe in several replicas: each change is a versioned row update, and a lost race just retries next run.
 */
@ApplicationScoped
public class DeadlineWatch {

    @Inject
    AccessRequestRepository requests;

    @Inject
    Outbox outbox;

    @Inject
    AuditEvents events;

    @Scheduled(every = "${govdx.deadlines.check-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> onSchedule() {
        return check(RequestService.today()).replaceWithVoid().onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Marks and escalates what is overdue on {@code today}, and reminds what is due today; returns how many were escalated. */
    @WithTransaction
    public Uni<Integer> check(LocalDate today) {
        return requests.dueBefore(today).flatMap(overdue -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (AccessRequest r : overdue) {
                r.overdue = true;
                r.escalatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                chain = chain.call(() -> outbox.record(events.of(null, "request.overdue-escalated", r.providerDepartment)
                        .dataset(r.datasetId.toString(), r.datasetVersion)
                        .details(Map.of("requestId", r.id.toString(), "state", r.state.name(), "dueOn", r.stepDueOn.toString(),
                                "consumerDepartment", r.consumerDepartment))
                        .build()));
            }
            return chain.flatMap(v -> requests.dueOnNotReminded(today)).flatMap(due -> remind(due, today)).replaceWith(overdue.size());
        });
    }

    private Uni<Void> remind(List<AccessRequest> due, LocalDate today) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AccessRequest r : due) {
            r.remindedOn = today;
            chain = chain.call(() -> outbox.record(events.of(null, "request.due-reminder", r.providerDepartment)
                    .dataset(r.datasetId.toString(), r.datasetVersion)
                    .details(Map.of("requestId", r.id.toString(), "state", r.state.name(), "dueOn", r.stepDueOn.toString()))
                    .build()));
        }
        return chain;
    }
}
