package org.govdx.exchange.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * Working days as Chinese government offices count them (DOMAIN rule 6): Monday to Friday, except public
 * holidays, plus the make-up working weekend days (调休) that come with them. Plain Java, no I/O.
 */
public final class WorkingDayCalendar {

    /** A day that differs from the Monday-Friday default. */
    public enum Override { HOLIDAY, WORKDAY }

    private static final int MAX_WORKING_DAYS = 3660;

    private final Map<LocalDate, Override> overrides;

    public WorkingDayCalendar(Map<LocalDate, Override> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    public boolean isWorkingDay(LocalDate day) {
        Override override = overrides.get(day);
        if (override != null) {
            return override == Override.WORKDAY;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /**
     * The day a step started on {@code start} is due when it has {@code workingDays} working days: the
     * {@code workingDays}-th working day after {@code start} (the start day itself does not count, as the
     * regulation counts time limits from the day after receipt). Zero means {@code start} itself.
     */
    public LocalDate addWorkingDays(LocalDate start, int workingDays) {
        Objects.requireNonNull(start, "start");
        if (workingDays < 0 || workingDays > MAX_WORKING_DAYS) {
            throw new IllegalArgumentException("working days must be between 0 and " + MAX_WORKING_DAYS);
        }
        LocalDate day = start;
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** Working days after {@code from} up to and including {@code to}; negative when {@code to} is earlier. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }
}
