package org.govdx.exchange.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.govdx.exchange.domain.CalendarDay;

import java.time.LocalDate;
import java.util.List;

@ApplicationScoped
public class CalendarDayRepository implements PanacheRepositoryBase<CalendarDay, LocalDate> {

    public Uni<List<CalendarDay>> between(LocalDate first, LocalDate last) {
        return list("day between ?1 and ?2 order by day", first, last);
    }
}
