package org.govdx.exchange.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.common.identity.CurrentCaller;
import org.govdx.common.identity.Roles;
import org.govdx.common.problem.ProblemException;
import org.govdx.exchange.deadline.WorkingDayCalendar;
import org.govdx.exchange.service.CalendarService;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/api/exchange/calendar")
@Tag(name = "Working-day calendar")
@Authenticated
public class CalendarResource {

    @Inject
    CalendarService calendar;

    @Inject
    CurrentCaller caller;

    public record CalendarDayDto(LocalDate day, WorkingDayCalendar.Override kind, String name) {
    }

    public record CalendarDayChange(@NotNull WorkingDayCalendar.Override kind, @NotBlank @Size(max = 100) String name) {
    }

    public record DueDate(LocalDate start, int workingDays, LocalDate due) {
    }

    @GET
    @Path("/{year}")
    @Operation(summary = "Public holidays and make-up working days of a year", description = "Days not listed follow Monday-Friday.")
    public Uni<List<CalendarDayDto>> year(@PathParam("year") @Min(2000) @Max(2100) int year) {
        return calendar.year(year).map(days -> days.stream().map(d -> new CalendarDayDto(d.day, d.kind, d.name)).toList());
    }

    @GET
    @Path("/due")
    @Operation(summary = "When a step started on a day with a limit of N working days is due")
    public Uni<DueDate> due(@QueryParam("start") String start, @QueryParam("workingDays") @Min(0) @Max(60) int workingDays) {
        LocalDate from = date("start", start);
        return calendar.calendarAround(from).map(c -> new DueDate(from, workingDays, c.addWorkingDays(from, workingDays)));
    }

    @PUT
    @Path("/days/{day}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Mark a day as a public holiday or a make-up working day (platform admin)")
    public Uni<CalendarDayDto> set(@PathParam("day") String day, @Valid @NotNull CalendarDayChange change) {
        return calendar.set(caller.get(), date("day", day), change.kind(), change.name()).map(d -> new CalendarDayDto(d.day, d.kind, d.name));
    }

    @DELETE
    @Path("/days/{day}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Return a day to the Monday-Friday default (platform admin)")
    public Uni<Response> clear(@PathParam("day") String day) {
        LocalDate date = date("day", day);
        return calendar.clear(caller.get(), date).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("No holiday or make-up working day on " + date);
            }
            return Response.noContent().build();
        });
    }

    private static LocalDate date(String name, String value) {
        if (value == null) {
            throw ProblemException.invalidField(name, "required, as YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be a date as YYYY-MM-DD");
        }
    }
}
