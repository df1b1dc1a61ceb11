package org.govdx.exchange.mapping;

import org.govdx.exchange.domain.AccessRequest;
import org.govdx.exchange.domain.Agreement;
import org.govdx.exchange.domain.RequestStep;
import org.govdx.exchange.review.ReviewAction;
import org.govdx.exchange.review.Terms;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class RequestMapper {

    private RequestMapper() {
    }

    /** A request as both departments see it, with the steps the caller may take now. */
    public record RequestView(UUID id, String kind, String state, String consumerDepartment, String providerDepartment,
                              DatasetRef dataset, Terms terms, Terms proposedTerms, String caseReference, String createdBy,
                              OffsetDateTime createdAt, OffsetDateTime updatedAt, String endorsedBy, String providerDecidedBy,
                              LocalDate dueOn, boolean overdue, String decisionReason, UUID agreementId, UUID amendsAgreementId,
                              int version, List<String> nextActions) {
    }

    public record DatasetRef(UUID id, String code, String title, int version, String classification, String schemaHash) {
    }

    public record StepView(String action, String actor, String actorName, String actorDepartment, String fromState, String toState,
                           String reason, OffsetDateTime at) {
    }

    /** An agreement: its state, the signed canonical document, its hash and both signatures. */
    public record AgreementView(UUID id, int agreementNumber, UUID lineageId, String kind, String state, String stateReason,
                                String consumerDepartment, String providerDepartment, UUID datasetId, int datasetVersion,
                                LocalDate termStart, LocalDate termEnd, String contentHash, String document,
                                String consumerSignature, String providerSignature, UUID supersededBy, UUID requestId,
                                OffsetDateTime createdAt, int version) {
    }

    public static RequestView toView(AccessRequest r, Terms terms, Terms proposed, List<ReviewAction> next) {
        return new RequestView(r.id, r.kind.name(), r.state.name(), r.consumerDepartment, r.providerDepartment,
                new DatasetRef(r.datasetId, r.datasetCode, r.datasetTitle, r.datasetVersion, r.datasetClass, r.schemaHash),
                terms, proposed, r.caseReference, r.createdBy, r.createdAt, r.updatedAt, r.endorsedBy, r.providerDecidedBy,
                r.stepDueOn, r.overdue, r.decisionReason, r.agreementId, r.amendsAgreementId, r.version,
                next.stream().map(ReviewAction::slug).toList());
    }

    public static StepView toView(RequestStep s) {
        return new StepView(s.action, s.actor, s.actorName, s.actorDepartment, s.fromState, s.toState, s.reason, s.at);
    }

    public static AgreementView toView(Agreement a) {
        return new AgreementView(a.id, a.agreementNumber, a.lineageId, a.kind.name(), a.state.name(), a.stateReason,
                a.consumerDepartment, a.providerDepartment, a.datasetId, a.datasetVersion, a.termStart, a.termEnd, a.contentHash,
                a.document, a.consumerSignature, a.providerSignature, a.supersededBy, a.requestId, a.createdAt, a.version);
    }
}
