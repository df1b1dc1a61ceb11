package org.govdx.exchange.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One step of a request's history: who did what, when and why; readable by both departments. */
@Entity
@Table(name = "request_step")
public class RequestStep extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "request_id", nullable = false)
    public UUID requestId;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String actor;

    @Column(name = "actor_name")
    public String actorName;

    @Column(name = "actor_department")
    public String actorDepartment;

    @Column(name = "from_state")
    public String fromState;

    @Column(name = "to_state", nullable = false)
    public String toState;

    public String reason;

    @Column(columnDefinition = "text")
    public String terms;

    @Column(nullable = false)
    public OffsetDateTime at;
}
