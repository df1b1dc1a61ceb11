package org.govdx.exchange.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.govdx.exchange.domain.AccessRequest;
import org.govdx.exchange.domain.RequestStep;
import org.govdx.exchange.review.RequestState;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AccessRequestRepository implements PanacheRepositoryBase<AccessRequest, UUID> {

    public Uni<List<AccessRequest>> ofDepartment(String department, RequestState state, int limit) {
        return (state != null
                ? find("(consumerDepartment = ?1 or providerDepartment = ?1) and state = ?2 order by updatedAt desc", department, state)
                : find("(consumerDepartment = ?1 or providerDepartment = ?1) order by updatedAt desc", department))
                .page(0, limit).list();
    }

    public Uni<List<AccessRequest>> all(RequestState state, int limit) {
        return (state != null ? find("state = ?1 order by updatedAt desc", state) : find("order by updatedAt desc")).page(0, limit).list();
    }

    /** What waits for a department's CDO: endorsements and acceptances as consumer, decisions as provider. */
    public Uni<List<AccessRequest>> inboxOfCdo(String department) {
        return list("(consumerDepartment = ?1 and state in ?2) or (providerDepartment = ?1 and state = ?3) order by stepDueOn, createdAt",
                department, List.of(RequestState.AWAITING_ENDORSEMENT, RequestState.AWAITING_CONSUMER_ACCEPTANCE), RequestState.AWAITING_PROVIDER);
    }

    /** What waits for the platform admin: manual conformity reviews and every overdue step. */
    public Uni<List<AccessRequest>> inboxOfPlatform() {
        return list("state = ?1 or (overdue = true and state in ?2) order by stepDueOn, createdAt", RequestState.IN_CONFORMITY_REVIEW,
                List.of(RequestState.AWAITING_ENDORSEMENT, RequestState.AWAITING_PROVIDER, RequestState.AWAITING_CONSUMER_ACCEPTANCE));
    }

    public Uni<List<AccessRequest>> dueBefore(LocalDate day) {
        return list("overdue = false and stepDueOn < ?1 and state in ?2", day,
                List.of(RequestState.AWAITING_ENDORSEMENT, RequestState.IN_CONFORMITY_REVIEW, RequestState.AWAITING_PROVIDER, RequestState.AWAITING_CONSUMER_ACCEPTANCE));
    }

    public Uni<List<AccessRequest>> dueOnNotReminded(LocalDate day) {
        return list("stepDueOn = ?1 and (remindedOn is null or remindedOn <> ?1) and state in ?2", day,
                List.of(RequestState.AWAITING_ENDORSEMENT, RequestState.IN_CONFORMITY_REVIEW, RequestState.AWAITING_PROVIDER, RequestState.AWAITING_CONSUMER_ACCEPTANCE));
    }

    public Uni<List<RequestStep>> history(UUID requestId) {
        return RequestStep.list("requestId = ?1 order by id", requestId);
    }
}
