package org.govdx.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.govdx.rules.classification.SharingClass;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One version of a dataset: its metadata, classification and fields. Editable while DRAFT or REJECTED;
 * immutable from submission on. A trigger copies the versions search can show (current or latest) into the
 * narrow {@code dataset_search} table, normalising {@link #searchSource} for trigram search (V1_5, decision 0004).
 */
@Entity
@Table(name = "dataset_version")
public class DatasetVersion extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "dataset_id", nullable = false)
    public UUID datasetId;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String code;

    @Column(name = "owner_department", nullable = false)
    public String ownerDepartment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VersionStatus status;

    @Column(name = "is_current", nullable = false)
    public boolean current;

    @Column(name = "is_latest", nullable = false)
    public boolean latest;

    @Column(name = "title_zh", nullable = false)
    public String titleZh;

    @Column(name = "title_en", nullable = false)
    public String titleEn;

    @Column(nullable = false)
    public String description;

    @Convert(converter = Json.StringList.class)
    @Column(nullable = false)
    public List<String> keywords;

    @Column(name = "keywords_text", nullable = false)
    public String keywordsText;

    @Column(nullable = false)
    public String category;

    @Enumerated(EnumType.STRING)
    @Column(name = "update_frequency", nullable = false)
    public Frequency updateFrequency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SharingClass classification;

    @Column(name = "legal_basis")
    public String legalBasis;

    @Column(name = "sharing_conditions")
    public String sharingConditions;

    @Enumerated(EnumType.STRING)
    @Column(name = "open_attribute", nullable = false)
    public OpenAttribute openAttribute;

    @Enumerated(EnumType.STRING)
    @Column(name = "distribution_mode", nullable = false)
    public DistributionMode distributionMode;

    @Column(name = "distribution_endpoint")
    public String distributionEndpoint;

    @Convert(converter = Json.Fields.class)
    @Column(nullable = false)
    public List<FieldSpec> fields;

    @Column(name = "field_count", nullable = false)
    public int fieldCount;

    @Column(name = "schema_hash", nullable = false)
    public String schemaHash;

    @Convert(converter = Json.OverlapDoc.class)
    public Overlap overlap;

    @Convert(converter = Json.Changes.class)
    public VersionChanges changes;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "submitted_by_subject")
    public String submittedBySubject;

    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;

    @Column(name = "published_by")
    public String publishedBy;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    @Column(name = "effective_at")
    public OffsetDateTime effectiveAt;

    @Column(name = "superseded_at")
    public OffsetDateTime supersededAt;

    @Column(name = "retired_at")
    public OffsetDateTime retiredAt;

    @Column(name = "rejected_by")
    public String rejectedBy;

    @Column(name = "rejected_at")
    public OffsetDateTime rejectedAt;

    @Column(name = "rejection_reason")
    public String rejectionReason;

    @Column(name = "search_source", nullable = false)
    public String searchSource;

    /** Moves to {@code target}; {@link IllegalStateException} when the state machine does not allow it. */
    public void moveTo(VersionStatus target) {
        if (!status.canMoveTo(target)) {
            throw new IllegalStateException("a " + status + " version cannot become " + target);
        }
        status = target;
        current = target == VersionStatus.PUBLISHED || target == VersionStatus.RETIRED;
    }
}
