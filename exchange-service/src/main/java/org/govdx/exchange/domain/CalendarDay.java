package org.govdx.exchange.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.govdx.exchange.deadline.WorkingDayCalendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A day that differs from the Monday-Friday default: a public holiday or a make-up working day. */
@Entity
@Table(name = "calendar_day")
public class CalendarDay extends PanacheEntityBase {

    @Id
    public LocalDate day;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WorkingDayCalendar.Override kind;

    @Column(nullable = false)
    public String name;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
