package org.govdx.exchange.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.identity.Roles;
import org.govdx.common.outbox.Outbox;
import org.govdx.common.problem.ProblemException;
import org.govdx.exchange.domain.AccessRequest;
import org.govdx.exchange.domain.Dispute;
import org.govdx.exchange.review.RequestState;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A refused consumer may ask the platform authority to coordinate (the regulation's dispute path): the
 * consumer's CDO raises a dispute on a rejected request, the platform admin closes it with an outcome and a
 * resolution. Both departments read their disputes; one dispute is open per request at a time.
 */
@ApplicationScoped
public class DisputeService {

    @Inject
    Outbox outbox;

    @Inject
    AuditEvents events;

    @WithTransaction
    public Uni<Dispute> raise(Caller caller, UUID requestId, String statement) {
        return AccessRequest.<AccessRequest>findById(requestId).flatMap(r -> {
            if (r == null || !(caller.belongsTo(r.consumerDepartment) || caller.belongsTo(r.providerDepartment) || AgreementService.seesAll(caller))) {
                throw ProblemException.notFound("No request " + requestId);
            }
            if (!caller.hasRole(Roles.CDO) || !caller.belongsTo(r.consumerDepartment)) {
                throw ProblemException.forbidden("Only the consumer department's CDO raises a dispute");
            }
            if (r.state != RequestState.REJECTED) {
                throw ProblemException.conflict("Only a rejected request can be disputed; this one is " + r.state);
            }
            return Dispute.<Dispute>find("requestId = ?1 and state = 'OPEN'", requestId).firstResult().flatMap(open -> {
                if (open != null) {
                    throw ProblemException.conflict("A dispute on this request is already open");
                }
                Dispute d = new Dispute();
                d.id = UUID.randomUUID();
                d.requestId = requestId;
                d.consumerDepartment = r.consumerDepartment;
                d.providerDepartment = r.providerDepartment;
                d.raisedBy = caller.principal();
                d.statement = statement;
                d.state = "OPEN";
                d.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
                return d.<Dispute>persist().call(saved -> outbox.record(events.of(caller, "dispute.raised", r.providerDepartment)
                        .dataset(r.datasetId.toString(), r.datasetVersion)
                        .details(Map.of("disputeId", saved.id.toString(), "requestId", requestId.toString())).build()));
            });
        });
    }

    @WithTransaction
    public Uni<Dispute> close(Caller caller, UUID id, Dispute.Outcome outcome, String resolution) {
        if (!caller.hasRole(Roles.PLATFORM_ADMIN)) {
            throw ProblemException.forbidden("Only a platform admin closes a dispute");
        }
        return Dispute.<Dispute>findById(id).flatMap(d -> {
            if (d == null) {
                throw ProblemException.notFound("No dispute " + id);
            }
            if (!"OPEN".equals(d.state)) {
                throw ProblemException.conflict("The dispute is already closed");
            }
            d.state = "CLOSED";
            d.outcome = outcome;
            d.resolution = resolution;
            d.closedBy = caller.principal();
            d.closedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return d.<Dispute>persistAndFlush().call(saved -> outbox.record(events.of(caller, "dispute.closed", d.providerDepartment)
                    .reason(resolution).details(Map.of("disputeId", id.toString(), "outcome", outcome.name(),
                            "consumerDepartment", d.consumerDepartment)).build()));
        });
    }

    @WithSession
    public Uni<List<Dispute>> list(Caller caller) {
        if (AgreementService.seesAll(caller)) {
            return Dispute.list("order by createdAt desc");
        }
        return Dispute.list("consumerDepartment = ?1 or providerDepartment = ?1 order by createdAt desc", caller.department());
    }
}
