package org.govdx.exchange.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A signed data-sharing agreement (or an open-use grant). {@link #document} is the canonical JSON both CDOs
 * signed and never changes; only the state moves.
 */
@Entity
@Table(name = "agreement")
public class Agreement extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "agreement_number", nullable = false)
    public int agreementNumber;

    @Column(name = "lineage_id", nullable = false)
    public UUID lineageId;

    @Column(name = "request_id", nullable = false)
    public UUID requestId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgreementState state;

    @Column(name = "consumer_department", nullable = false)
    public String consumerDepartment;

    @Column(name = "provider_department", nullable = false)
    public String providerDepartment;

    @Column(name = "dataset_id", nullable = false)
    public UUID datasetId;

    @Column(name = "dataset_version", nullable = false)
    public int datasetVersion;

    @Column(name = "schema_hash", nullable = false)
    public String schemaHash;

    @Column(nullable = false, columnDefinition = "text", updatable = false)
    public String document;

    @Column(name = "content_hash", nullable = false, updatable = false)
    public String contentHash;

    @Column(name = "consumer_signature", columnDefinition = "text", updatable = false)
    public String consumerSignature;

    @Column(name = "provider_signature", columnDefinition = "text", updatable = false)
    public String providerSignature;

    @Column(name = "term_start", nullable = false)
    public LocalDate termStart;

    @Column(name = "term_end", nullable = false)
    public LocalDate termEnd;

    @Column(name = "state_reason")
    public String stateReason;

    @Column(name = "superseded_by")
    public UUID supersededBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public int version;
}
