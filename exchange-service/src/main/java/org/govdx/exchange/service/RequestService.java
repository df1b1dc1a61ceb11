package org.govdx.exchange.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.identity.Roles;
import org.govdx.common.outbox.Outbox;
import org.govdx.common.problem.ProblemException;
import org.govdx.exchange.catalog.CatalogClient;
import org.govdx.exchange.catalog.CatalogDataset;
import org.govdx.exchange.domain.AccessRequest;
import org.govdx.exchange.domain.Agreement;
import org.govdx.exchange.domain.AgreementState;
import org.govdx.exchange.domain.RequestKind;
import org.govdx.exchange.domain.RequestStep;
import org.govdx.exchange.repository.AccessRequestRepository;
import org.govdx.exchange.repository.AgreementRepository;
import org.govdx.exchange.rest.Decision;
import org.govdx.exchange.rest.RequestDraft;
import org.govdx.exchange.review.ConformityReview;
import org.govdx.exchange.review.RequestState;
import org.govdx.exchange.review.ReviewAction;
import org.govdx.exchange.review.Terms;
import org.govdx.exchange.review.TermsComparison;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Access requests from draft to agreement (DOMAIN rules 1, 4, 5, 6): the consumer's steward drafts, the
 * consumer's CDO endorses, the platform's conformity review passes it (by hand where a rule asks), the
 * provider's CDO approves, narrows, returns or rejects, and a narrowed approval goes back to the consumer's
 * CDO. Every rule is checked here, in the service that owns it; every refusal is a 4xx problem that writes
 * nothing but a DENIED audit event.
 */
@ApplicationScoped
public class RequestService {

    @Inject
    AccessRequestRepository requests;

    @Inject
    AgreementRepository agreementRepository;

    @Inject
    AgreementService agreements;

    @Inject
    CatalogClient catalog;

    @Inject
    SettingsService settings;

    @Inject
    CalendarService calendar;

    @Inject
    Outbox outbox;

    @Inject
    AuditEvents events;

    @Inject
    ObjectMapper mapper;

    // ---------------------------------------------------------------- drafting

    public Uni<AccessRequest> create(Caller caller, RequestDraft draft) {
        return denyLogged(caller, "request.create", null, draft.datasetId(), Uni.createFrom().deferred(() -> {
            requireConsumerStaff(caller);
            return catalog.dataset(draft.datasetId(), draft.datasetVersion()).flatMap(dataset -> {
                Terms terms = terms(draft);
                return settings.limits().flatMap(limits -> {
                    ConformityReview.Outcome outcome = ConformityReview.review(dataset, terms, caller.department(), today(), limits);
                    if (!outcome.passes()) {
                        throw new ProblemException(422, "request-not-conform", "The request does not conform",
                                "The request breaks the sharing rules; see errors", outcome.violations());
                    }
                    return Panache.withTransaction(() -> checkAmendment(caller, draft, dataset).flatMap(v -> {
                        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                        AccessRequest request = new AccessRequest();
                        request.id = UUID.randomUUID();
                        request.kind = "OPEN".equals(dataset.classification()) ? RequestKind.OPEN_USE : RequestKind.AGREEMENT;
                        request.state = RequestState.DRAFT;
                        request.consumerDepartment = caller.department();
                        request.providerDepartment = dataset.ownerDepartment();
                        snapshot(request, dataset);
                        request.requestedTerms = json(terms);
                        request.caseReference = draft.caseReference();
                        request.amendsAgreementId = draft.amendsAgreementId();
                        request.createdBy = caller.principal();
                        request.createdAt = now;
                        request.updatedAt = now;
                        return requests.persist(request)
                                .call(r -> step(r, caller, "CREATE", null, null, r.requestedTerms))
                                .call(r -> outbox.record(event(caller, "request.drafted", r).build()));
                    }));
                });
            });
        }));
    }

    /** Replaces a draft's terms (consumer steward or CDO, If-Match). */
    public Uni<AccessRequest> update(Caller caller, UUID id, RequestDraft draft, Integer expectedVersion) {
        return denyLogged(caller, "request.update", id, draft.datasetId(), Uni.createFrom().deferred(() -> {
            requireConsumerStaff(caller);
            return findVisible(caller, id).flatMap(existing -> {
                if (!caller.belongsTo(existing.consumerDepartment)) {
                    throw ProblemException.forbidden("Only the consumer department edits its request");
                }
                if (existing.state != RequestState.DRAFT) {
                    throw ProblemException.conflict("Only a draft can be edited; the request is " + existing.state);
                }
                if (!existing.datasetId.equals(draft.datasetId())) {
                    throw ProblemException.invalidField("datasetId", "a request's dataset cannot change; withdraw it and draft a new one");
                }
                return catalog.dataset(draft.datasetId(), draft.datasetVersion()).flatMap(dataset -> settings.limits().flatMap(limits -> {
                    Terms terms = terms(draft);
                    ConformityReview.Outcome outcome = ConformityReview.review(dataset, terms, caller.department(), today(), limits);
                    if (!outcome.passes()) {
                        throw new ProblemException(422, "request-not-conform", "The request does not conform",
                                "The request breaks the sharing rules; see errors", outcome.violations());
                    }
                    return Panache.withTransaction(() -> requests.findById(id).flatMap(request -> {
                        checkVersion(request, expectedVersion, true);
                        if (request.state != RequestState.DRAFT) {
                            throw ProblemException.conflict("Only a draft can be edited; the request is " + request.state);
                        }
                        snapshot(request, dataset);
                        request.requestedTerms = json(terms);
                        request.caseReference = draft.caseReference();
                        request.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        return requests.persistAndFlush(request)
                                .call(r -> step(r, caller, "EDIT", RequestState.DRAFT, null, r.requestedTerms))
                                .call(r -> outbox.record(event(caller, "request.edited", r).build()));
                    }));
                }));
            });
        }));
    }

    // ---------------------------------------------------------------- the review flow

    /**
     * Applies one step. {@code expectedVersion} is the request version the actor saw (If-Match): a decision
     * on a request that changed since, or a replayed one, is refused; of two CDOs acting at once exactly one
     * wins and the other gets 409.
     */
    public Uni<AccessRequest> act(Caller caller, UUID id, ReviewAction action, Integer expectedVersion, Decision decision) {
        return denyLogged(caller, "request." + action.slug(), id, null, Uni.createFrom().deferred(() ->
                Panache.withSession(() -> findVisible(caller, id)).flatMap(seen -> {
                    authorize(caller, seen, action);
                    checkState(seen, action);
                    checkVersion(seen, expectedVersion, action != ReviewAction.SUBMIT);
                    String reason = decision == null ? null : blankToNull(decision.reason());
                    if (action.reasonRequired() && reason == null) {
                        throw ProblemException.invalidField("reason", "a reason is required to " + action.slug().replace('-', ' '));
                    }
                    Uni<CatalogDataset> dataset = needsCatalog(action, seen)
                            ? catalog.dataset(seen.datasetId, seen.datasetVersion)
                            : Uni.createFrom().nullItem();
                    return dataset.flatMap(ds -> settings.limits().flatMap(limits -> Panache.withTransaction(() ->
                            requests.findById(id).flatMap(request -> {
                                checkState(request, action);
                                checkVersion(request, expectedVersion, action != ReviewAction.SUBMIT);
                                return apply(caller, request, action, reason, decision == null ? null : decision.changes(), ds, limits);
                            }))));
                })));
    }

    private Uni<AccessRequest> apply(Caller caller, AccessRequest request, ReviewAction action, String reason, Decision.Changes changes,
                                     CatalogDataset dataset, ConformityReview.Limits limits) {
        RequestState from = request.state;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Terms requested = terms(request.requestedTerms);
        String stepTerms = null;
        Uni<Void> effect = Uni.createFrom().voidItem();
        switch (action) {
            case SUBMIT -> {
                ConformityReview.Outcome outcome = reviewOrFail(dataset, requested, request.consumerDepartment, limits);
                if (request.kind == RequestKind.OPEN_USE) {
                    // the short path: conformity review, then the use grant is active at once, without the provider
                    if (outcome.manualReview()) {
                        request.state = RequestState.IN_CONFORMITY_REVIEW;
                    } else {
                        request.state = RequestState.APPROVED;
                        effect = grant(caller, request, dataset, requested, null, null);
                    }
                } else {
                    request.state = RequestState.AWAITING_ENDORSEMENT;
                }
            }
            case ENDORSE -> {
                ConformityReview.Outcome outcome = reviewOrFail(dataset, requested, request.consumerDepartment, limits);
                request.endorsedBy = caller.principal();
                request.endorsedName = caller.name();
                request.endorsedAt = now;
                request.state = outcome.manualReview() ? RequestState.IN_CONFORMITY_REVIEW : RequestState.AWAITING_PROVIDER;
            }
            case SEND_BACK, RETURN_FOR_CHANGES -> {
                request.state = RequestState.DRAFT;
                request.decisionReason = reason;
            }
            case PASS_CONFORMITY -> {
                if (request.kind == RequestKind.OPEN_USE) {
                    request.state = RequestState.APPROVED;
                    effect = grant(caller, request, dataset, requested, null, null);
                } else {
                    request.state = RequestState.AWAITING_PROVIDER;
                }
            }
            case FAIL_CONFORMITY, REJECT -> {
                request.state = RequestState.REJECTED;
                request.decisionReason = reason;
            }
            case APPROVE -> {
                reviewOrFail(dataset, requested, request.consumerDepartment, limits);
                recordProviderDecision(request, caller, now);
                request.state = RequestState.APPROVED;
                request.decisionReason = reason;
                effect = grant(caller, request, dataset, requested, consumerSigner(request), providerSigner(request));
            }
            case APPROVE_WITH_CHANGES -> {
                if (changes == null) {
                    throw ProblemException.invalidField("changes", "name the narrowed terms, or approve as requested");
                }
                Terms narrowed = narrow(requested, changes);
                List<TermsComparison.Difference> differences = TermsComparison.differences(requested, narrowed);
                if (differences.isEmpty()) {
                    throw ProblemException.invalidField("changes", "nothing changes: approve as requested instead");
                }
                List<String> widenings = TermsComparison.widenings(requested, narrowed);
                if (!widenings.isEmpty()) {
                    throw new ProblemException(422, "approval-widens", "An approval may only narrow",
                            "The changes would widen the request: " + String.join(", ", widenings),
                            widenings.stream().map(w -> new org.govdx.common.problem.Problem.Violation("changes." + w, "wider than requested")).toList());
                }
                reviewOrFail(dataset, narrowed, request.consumerDepartment, limits);
                recordProviderDecision(request, caller, now);
                request.proposedTerms = json(narrowed);
                request.decisionReason = reason;
                request.state = RequestState.AWAITING_CONSUMER_ACCEPTANCE;
                stepTerms = request.proposedTerms;
            }
            case ACCEPT_CHANGES -> {
                Terms narrowed = terms(request.proposedTerms);
                reviewOrFail(dataset, narrowed, request.consumerDepartment, limits);
                request.state = RequestState.APPROVED;
                AgreementService.Signer consumer = new AgreementService.Signer(caller.principal(), caller.name(), now);
                effect = grant(caller, request, dataset, narrowed, consumer, providerSigner(request));
            }
            case DECLINE_CHANGES -> {
                request.state = RequestState.DECLINED;
                request.decisionReason = reason;
            }
            case WITHDRAW -> {
                request.state = RequestState.WITHDRAWN;
                request.decisionReason = reason;
            }
        }
        request.updatedAt = now;
        String finalStepTerms = stepTerms;
        return effect
                .flatMap(v -> scheduleStep(request))
                .flatMap(v -> requests.persistAndFlush(request))
                .call(r -> step(r, caller, action.name(), from, reason, finalStepTerms))
                .call(r -> outbox.record(event(caller, "request." + action.slug(), r).reason(reason)
                        .details(Map.of("from", from.name(), "to", r.state.name())).build()));
    }

    private Uni<Void> grant(Caller caller, AccessRequest request, CatalogDataset dataset, Terms terms,
                            AgreementService.Signer consumer, AgreementService.Signer provider) {
        return agreements.create(caller, request, dataset, terms, consumer, provider)
                .invoke(a -> request.agreementId = a.id).replaceWithVoid();
    }

    private static void recordProviderDecision(AccessRequest request, Caller caller, OffsetDateTime now) {
        request.providerDecidedBy = caller.principal();
        request.providerDecidedName = caller.name();
        request.providerDecidedAt = now;
    }

    private static AgreementService.Signer consumerSigner(AccessRequest request) {
        return new AgreementService.Signer(request.endorsedBy, request.endorsedName, request.endorsedAt);
    }

    private static AgreementService.Signer providerSigner(AccessRequest request) {
        return new AgreementService.Signer(request.providerDecidedBy, request.providerDecidedName, request.providerDecidedAt);
    }

    private static ConformityReview.Outcome reviewOrFail(CatalogDataset dataset, Terms terms, String consumer, ConformityReview.Limits limits) {
        ConformityReview.Outcome outcome = ConformityReview.review(dataset, terms, consumer, today(), limits);
        if (!outcome.passes()) {
            throw new ProblemException(422, "request-not-conform", "The request no longer conforms",
                    "Checked against the catalog as it is now, the request breaks the sharing rules; see errors", outcome.violations());
        }
        return outcome;
    }

    /** Sets the due date of the step the request now waits for, in working days on the platform calendar. */
    private Uni<Void> scheduleStep(AccessRequest request) {
        if (!request.state.hasDeadline()) {
            request.stepStartedOn = null;
            request.stepDueOn = null;
            request.overdue = false;
            return Uni.createFrom().voidItem();
        }
        LocalDate start = today();
        return settings.workingDaysFor(request.state, request).flatMap(days -> calendar.calendarAround(start).map(c -> {
            request.stepStartedOn = start;
            request.stepDueOn = c.addWorkingDays(start, days);
            request.overdue = false;
            request.escalatedAt = null;
            return null;
        })).replaceWithVoid();
    }

    // ---------------------------------------------------------------- reading

    @WithSession
    public Uni<AccessRequest> get(Caller caller, UUID id) {
        return findVisible(caller, id);
    }

    @WithSession
    public Uni<List<RequestStep>> history(Caller caller, UUID id) {
        return findVisible(caller, id).flatMap(r -> requests.history(r.id));
    }

    @WithSession
    public Uni<List<AccessRequest>> list(Caller caller, RequestState state, int limit) {
        return AgreementService.seesAll(caller) ? requests.all(state, limit) : requests.ofDepartment(caller.department(), state, limit);
    }

    /** What waits for the caller, soonest due first: a CDO's department steps, or the platform admin's. */
    @WithSession
    public Uni<List<AccessRequest>> inbox(Caller caller) {
        if (caller.hasRole(Roles.PLATFORM_ADMIN)) {
            return requests.inboxOfPlatform();
        }
        if (caller.hasRole(Roles.CDO)) {
            return requests.inboxOfCdo(caller.department());
        }
        throw ProblemException.forbidden("The inbox is for CDOs and the platform admin");
    }

    /** The terms the provider proposed against those requested, for both CDOs to compare. */
    @WithSession
    public Uni<List<TermsComparison.Difference>> diff(Caller caller, UUID id) {
        return findVisible(caller, id).map(r -> r.proposedTerms == null ? List.of()
                : TermsComparison.differences(terms(r.requestedTerms), terms(r.proposedTerms)));
    }

    /** The steps the caller may take on the request now (for the console's buttons). */
    public List<ReviewAction> availableActions(Caller caller, AccessRequest request) {
        List<ReviewAction> actions = new ArrayList<>();
        for (ReviewAction action : ReviewAction.values()) {
            if (action.appliesIn(request.state) && mayAct(caller, request, action)) {
                actions.add(action);
            }
        }
        return actions;
    }

    // ---------------------------------------------------------------- rules

    private Uni<AccessRequest> findVisible(Caller caller, UUID id) {
        return requests.findById(id).map(r -> {
            if (r == null || !(AgreementService.seesAll(caller) || caller.belongsTo(r.consumerDepartment) || caller.belongsTo(r.providerDepartment))) {
                throw ProblemException.notFound("No request " + id);
            }
            return r;
        });
    }

    private static void requireConsumerStaff(Caller caller) {
        if (!caller.hasRole(Roles.STEWARD) && !caller.hasRole(Roles.CDO)) {
            throw ProblemException.forbidden("Only a department's steward or CDO requests data");
        }
    }

    static boolean mayAct(Caller caller, AccessRequest r, ReviewAction action) {
        boolean consumer = caller.belongsTo(r.consumerDepartment);
        boolean provider = caller.belongsTo(r.providerDepartment);
        return switch (action.party()) {
            case CONSUMER_STEWARD, CONSUMER_ANY -> consumer && (caller.hasRole(Roles.STEWARD) || caller.hasRole(Roles.CDO));
            case CONSUMER_CDO -> consumer && caller.hasRole(Roles.CDO);
            case PROVIDER_CDO -> provider && !consumer && caller.hasRole(Roles.CDO);
            case PLATFORM_ADMIN -> caller.hasRole(Roles.PLATFORM_ADMIN);
        };
    }

    private static void authorize(Caller caller, AccessRequest r, ReviewAction action) {
        if (mayAct(caller, r, action)) {
            return;
        }
        String who = switch (action.party()) {
            case CONSUMER_STEWARD, CONSUMER_ANY -> "the consumer department's steward or CDO";
            case CONSUMER_CDO -> "the consumer department's CDO";
            case PROVIDER_CDO -> "the provider department's CDO";
            case PLATFORM_ADMIN -> "a platform admin";
        };
        throw ProblemException.forbidden("Only " + who + " may " + action.slug().replace('-', ' ') + " this request");
    }

    private static void checkState(AccessRequest r, ReviewAction action) {
        if (!action.appliesIn(r.state)) {
            throw ProblemException.conflict("The request is " + r.state + "; it cannot be " + action.slug().replace('-', ' ') + "d now");
        }
    }

    private static void checkVersion(AccessRequest r, Integer expected, boolean required) {
        if (expected == null) {
            if (required) {
                throw ProblemException.preconditionRequired("Send If-Match with the request's ETag, so a decision applies to what you saw");
            }
            return;
        }
        if (expected != r.version) {
            throw ProblemException.preconditionFailed("The request changed since you read it (now version " + r.version + "); reload it");
        }
    }

    private static boolean needsCatalog(ReviewAction action, AccessRequest r) {
        return switch (action) {
            case SUBMIT, ENDORSE, APPROVE, APPROVE_WITH_CHANGES, ACCEPT_CHANGES -> true;
            case PASS_CONFORMITY -> r.kind == RequestKind.OPEN_USE;
            default -> false;
        };
    }

    private Uni<Void> checkAmendment(Caller caller, RequestDraft draft, CatalogDataset dataset) {
        if (draft.amendsAgreementId() == null) {
            return Uni.createFrom().voidItem();
        }
        return agreementRepository.findById(draft.amendsAgreementId()).map(a -> {
            if (a == null || !caller.belongsTo(a.consumerDepartment)) {
                throw ProblemException.invalidField("amendsAgreementId", "not an agreement of your department");
            }
            if (!a.datasetId.equals(dataset.id())) {
                throw ProblemException.invalidField("amendsAgreementId", "the agreement is for another dataset");
            }
            if (a.state != AgreementState.ACTIVE && a.state != AgreementState.SUSPENDED) {
                throw ProblemException.invalidField("amendsAgreementId", "the agreement is " + a.state + " and cannot be amended");
            }
            return null;
        });
    }

    /** Runs {@code work}; a refusal (4xx problem) is recorded as a DENIED audit event, then passed on. */
    private <T> Uni<T> denyLogged(Caller caller, String action, UUID requestId, UUID datasetId, Uni<T> work) {
        return work.onFailure(ProblemException.class).call(e -> {
            ProblemException p = (ProblemException) e;
            if (p.status() >= 500) {
                return Uni.createFrom().voidItem();
            }
            var builder = events.of(caller, action, null).denied(p.getMessage())
                    .details(Map.of("status", p.status(), "problem", p.slug(), "requestId", requestId == null ? "" : requestId.toString()));
            if (datasetId != null) {
                builder.dataset(datasetId.toString(), null);
            }
            return outbox.recordSeparately(builder.build());
        });
    }

    private AuditEvents.Builder event(Caller caller, String action, AccessRequest r) {
        return events.of(caller, action, r.providerDepartment).dataset(r.datasetId.toString(), r.datasetVersion)
                .fields(terms(r.requestedTerms).fields())
                .agreement(r.agreementId == null ? null : r.agreementId.toString());
    }

    private Uni<RequestStep> step(AccessRequest r, Caller caller, String action, RequestState from, String reason, String terms) {
        RequestStep step = new RequestStep();
        step.requestId = r.id;
        step.action = action;
        step.actor = caller.principal();
        step.actorName = caller.name();
        step.actorDepartment = caller.department();
        step.fromState = from == null ? null : from.name();
        step.toState = r.state.name();
        step.reason = reason;
        step.terms = terms;
        step.at = OffsetDateTime.now(ZoneOffset.UTC);
        return step.persist();
    }

    private static void snapshot(AccessRequest request, CatalogDataset dataset) {
        request.datasetId = dataset.id();
        request.datasetCode = dataset.code();
        request.datasetTitle = dataset.title();
        request.datasetVersion = dataset.version();
        request.datasetClass = dataset.classification();
        request.schemaHash = dataset.schemaHash();
    }

    static Terms terms(RequestDraft d) {
        return new Terms(d.fields(), d.masking(), d.purpose(), d.purposeDetail(), blankToNull(d.legalBasis()), d.accessMode(),
                blankToNull(d.rowFilter()), d.termStart(), d.termEnd(), d.dailyRowQuota() == null ? 0 : d.dailyRowQuota(),
                d.expectedVolume() == null ? 0 : d.expectedVolume(), d.retentionDays(), d.minGroupSize() == null ? 10 : d.minGroupSize(),
                d.authorisedUsers());
    }

    static Terms narrow(Terms t, Decision.Changes c) {
        return new Terms(c.fields() != null ? c.fields() : t.fields(),
                c.masking() != null ? merged(t.masking(), c.masking()) : t.masking(),
                t.purpose(), t.purposeDetail(), t.legalBasis(),
                c.accessMode() != null ? c.accessMode() : t.mode(),
                c.rowFilter() != null ? blankToNull(c.rowFilter()) : t.rowFilter(),
                c.termStart() != null ? c.termStart() : t.termStart(),
                c.termEnd() != null ? c.termEnd() : t.termEnd(),
                c.dailyRowQuota() != null ? c.dailyRowQuota() : t.dailyRowQuota(),
                c.expectedVolume() != null ? c.expectedVolume() : t.expectedVolume(),
                c.retentionDays() != null ? c.retentionDays() : t.retentionDays(),
                c.minGroupSize() != null ? c.minGroupSize() : t.minGroupSize(),
                c.authorisedUsers() != null ? c.authorisedUsers() : t.authorisedUsers());
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> changes) {
        Map<String, String> m = new java.util.HashMap<>(base);
        m.putAll(changes);
        return m;
    }

    public Terms terms(String json) {
        try {
            return mapper.readValue(json, Terms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored terms unreadable", e);
        }
    }

    private String json(Terms terms) {
        try {
            return mapper.writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static LocalDate today() {
        return LocalDate.now(AgreementService.CHINA);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
