package org.govdx.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Quality figures of one dataset version at one time, as measured by the exchange service (DOMAIN rule 10). */
@Entity
@Table(name = "quality_measurement")
public class QualityMeasurement extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "dataset_id", nullable = false)
    public UUID datasetId;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public double completeness;

    @Column(nullable = false)
    public double validity;

    @Column(nullable = false)
    public double uniqueness;

    @Column(name = "row_count", nullable = false)
    public long rowCount;

    @Column(name = "measured_at", nullable = false)
    public OffsetDateTime measuredAt;

    @Column(name = "last_upload_at")
    public OffsetDateTime lastUploadAt;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;
}
