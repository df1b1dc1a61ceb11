package org.govdx.exchange.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.outbox.Outbox;
import org.govdx.exchange.deadline.WorkingDayCalendar;
import org.govdx.exchange.domain.CalendarDay;
import org.govdx.exchange.repository.CalendarDayRepository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@ApplicationScoped
public class CalendarService {

    @Inject
    CalendarDayRepository days;

    @Inject
    Outbox outbox;

    @Inject
    AuditEvents events;

    @WithSession
    public Uni<List<CalendarDay>> year(int year) {
        return days.between(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    /** The calendar as the deadline logic sees it, over a window wide enough for any step's limit. */
    @WithSession
    public Uni<WorkingDayCalendar> calendarAround(LocalDate start) {
        return days.between(start.minusDays(7), start.plusYears(1)).map(list ->
                new WorkingDayCalendar(list.stream().collect(Collectors.toMap(d -> d.day, d -> d.kind))));
    }

    @WithTransaction
    public Uni<CalendarDay> set(Caller caller, LocalDate day, WorkingDayCalendar.Override kind, String name) {
        return days.findById(day).flatMap(existing -> {
            CalendarDay row = existing == null ? new CalendarDay() : existing;
            row.day = day;
            row.kind = kind;
            row.name = name;
            row.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return days.persist(row).call(saved -> outbox.record(events.of(caller, "calendar.day-set", null)
                    .details(Map.of("day", day.toString(), "kind", kind.name(), "name", name)).build()));
        });
    }

    @WithTransaction
    public Uni<Boolean> clear(Caller caller, LocalDate day) {
        return days.deleteById(day).call(deleted -> deleted
                ? outbox.record(events.of(caller, "calendar.day-cleared", null).details(Map.of("day", day.toString())).build())
                : Uni.createFrom().voidItem());
    }
}
