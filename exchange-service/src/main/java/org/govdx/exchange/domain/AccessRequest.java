package org.govdx.exchange.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.govdx.exchange.review.RequestState;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A consumer department's application for a dataset, through its review to an agreement (see V1_2). */
@Entity
@Table(name = "access_request")
public class AccessRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestState state;

    @Column(name = "consumer_department", nullable = false)
    public String consumerDepartment;

    @Column(name = "provider_department", nullable = false)
    public String providerDepartment;

    @Column(name = "dataset_id", nullable = false)
    public UUID datasetId;

    @Column(name = "dataset_code", nullable = false)
    public String datasetCode;

    @Column(name = "dataset_title", nullable = false)
    public String datasetTitle;

    @Column(name = "dataset_version", nullable = false)
    public int datasetVersion;

    @Column(name = "dataset_class", nullable = false)
    public String datasetClass;

    @Column(name = "schema_hash", nullable = false)
    public String schemaHash;

    @Column(name = "requested_terms", nullable = false, columnDefinition = "text")
    public String requestedTerms;

    @Column(name = "proposed_terms", columnDefinition = "text")
    public String proposedTerms;

    @Column(name = "case_reference")
    public String caseReference;

    @Column(name = "amends_agreement_id")
    public UUID amendsAgreementId;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "endorsed_by")
    public String endorsedBy;

    @Column(name = "endorsed_at")
    public OffsetDateTime endorsedAt;

    @Column(name = "endorsed_name")
    public String endorsedName;

    @Column(name = "provider_decided_by")
    public String providerDecidedBy;

    @Column(name = "provider_decided_name")
    public String providerDecidedName;

    @Column(name = "provider_decided_at")
    public OffsetDateTime providerDecidedAt;

    @Column(name = "reminded_on")
    public LocalDate remindedOn;

    @Column(name = "step_started_on")
    public LocalDate stepStartedOn;

    @Column(name = "step_due_on")
    public LocalDate stepDueOn;

    @Column(nullable = false)
    public boolean overdue;

    @Column(name = "escalated_at")
    public OffsetDateTime escalatedAt;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "agreement_id")
    public UUID agreementId;

    @Version
    public int version;
}
