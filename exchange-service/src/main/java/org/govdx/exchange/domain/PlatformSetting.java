package org.govdx.exchange.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A platform setting the platform admin edits (deadlines in working days, term limits). */
@Entity
@Table(name = "platform_setting")
public class PlatformSetting extends PanacheEntityBase {

    @Id
    public String name;

    @Column(nullable = false)
    public String value;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
