package org.govdx.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A dataset: its identity, owner, and which of its versions is current (what consumers and search see) and
 * latest (the owner's working copy). Every change to the dataset or one of its versions touches this row, so
 * its {@link #lockVersion} is the ETag of the whole dataset and serialises concurrent changes.
 */
@Entity
@Table(name = "dataset")
public class Dataset extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String code;

    @Column(name = "owner_department", nullable = false)
    public String ownerDepartment;

    @Column(name = "current_version")
    public Integer currentVersion;

    @Column(name = "latest_version", nullable = false)
    public int latestVersion;

    @Column(name = "pending_version")
    public Integer pendingVersion;

    @Column(name = "pending_effective_at")
    public OffsetDateTime pendingEffectiveAt;

    @Column(name = "retire_effective_at")
    public OffsetDateTime retireEffectiveAt;

    @Column(name = "retire_notice_id")
    public UUID retireNoticeId;

    @Column(name = "retire_reason")
    public String retireReason;

    @Column(name = "retired_at")
    public OffsetDateTime retiredAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    @Column(name = "lock_version", nullable = false)
    public int lockVersion;

    public boolean isRetired() {
        return retiredAt != null;
    }

    public boolean isRetiring() {
        return retireEffectiveAt != null && retiredAt == null;
    }

    /** The status of the dataset as a whole, given the status of its latest version. */
    public DatasetStatus status(VersionStatus latest) {
        if (isRetired()) {
            return DatasetStatus.RETIRED;
        }
        if (currentVersion != null) {
            return DatasetStatus.PUBLISHED;
        }
        return switch (latest) {
            case SUBMITTED -> DatasetStatus.SUBMITTED;
            case REJECTED -> DatasetStatus.REJECTED;
            case SCHEDULED, PUBLISHED, SUPERSEDED -> DatasetStatus.PUBLISHED;
            case RETIRED -> DatasetStatus.RETIRED;
            default -> DatasetStatus.DRAFT;
        };
    }
}
