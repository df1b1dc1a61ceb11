package org.govdx.exchange.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A refused consumer's request that the platform admin coordinate (the regulation's dispute path). */
@Entity
@Table(name = "dispute")
public class Dispute extends PanacheEntityBase {

    /** How the platform admin closed it. */
    public enum Outcome { UPHELD, DISMISSED, SETTLED }

    @Id
    public UUID id;

    @Column(name = "request_id", nullable = false)
    public UUID requestId;

    @Column(name = "consumer_department", nullable = false)
    public String consumerDepartment;

    @Column(name = "provider_department", nullable = false)
    public String providerDepartment;

    @Column(name = "raised_by", nullable = false)
    public String raisedBy;

    @Column(nullable = false, columnDefinition = "text")
    public String statement;

    @Column(nullable = false)
    public String state;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Outcome outcome;

    public String resolution;

    @Column(name = "closed_by")
    public String closedBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Version
    public int version;
}
