package org.govdx.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A consumer's report of a wrong value and the provider's answer (DOMAIN rule 12). */
@Entity
@Table(name = "correction")
public class Correction extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "dataset_id", nullable = false)
    public UUID datasetId;

    @Column(name = "dataset_code", nullable = false)
    public String datasetCode;

    @Column(name = "dataset_version", nullable = false)
    public int datasetVersion;

    @Column(name = "owner_department", nullable = false)
    public String ownerDepartment;

    @Column(name = "reporter_department", nullable = false)
    public String reporterDepartment;

    @Convert(converter = Json.StringMap.class)
    @Column(name = "record_key", nullable = false)
    public Map<String, String> recordKey;

    @Column(nullable = false)
    public String field;

    @Column(name = "proposed_value", nullable = false)
    public String proposedValue;

    @Column(nullable = false)
    public String evidence;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CorrectionStatus status;

    @Column(name = "reported_by", nullable = false)
    public String reportedBy;

    @Column(name = "reported_at", nullable = false)
    public OffsetDateTime reportedAt;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Column(name = "answered_by")
    public String answeredBy;

    @Column(name = "answered_at")
    public OffsetDateTime answeredAt;

    public String answer;

    @Version
    @Column(name = "lock_version", nullable = false)
    public int lockVersion;
}
