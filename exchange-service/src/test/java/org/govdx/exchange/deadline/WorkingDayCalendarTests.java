package org.govdx.exchange.deadline;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingDayCalendarTests {

    /** The 2026 National Day week: Oct 1-7 off, Sep 20 (Sunday) and Oct 10 (Saturday) worked. */
    private static WorkingDayCalendar nationalDay2026() {
        Map<LocalDate, WorkingDayCalendar.Override> days = new HashMap<>();
        for (int d = 1; d <= 7; d++) {
            days.put(LocalDate.of(2026, 10, d), WorkingDayCalendar.Override.HOLIDAY);
        }
        days.put(LocalDate.of(2026, 9, 20), WorkingDayCalendar.Override.WORKDAY);
        days.put(LocalDate.of(2026, 10, 10), WorkingDayCalendar.Override.WORKDAY);
        return new WorkingDayCalendar(days);
    }

    @Test
    void aPlainWeekSkipsTheWeekend() {
        WorkingDayCalendar plain = new WorkingDayCalendar(Map.of());
        // Thursday 2026-11-19 + 2 working days = Monday 2026-11-23
        assertThat(plain.addWorkingDays(LocalDate.of(2026, 11, 19), 2)).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void theProvidersFiveDaysStretchOverTheGoldenWeekAndUseTheMakeUpSaturday() {
        // Received Wednesday Sep 30: Oct 1-7 are holidays, Oct 8 (Thu), 9 (Fri), 10 (make-up Sat), 12 (Mon), 13 (Tue)
        assertThat(nationalDay2026().addWorkingDays(LocalDate.of(2026, 9, 30), 5)).isEqualTo(LocalDate.of(2026, 10, 13));
    }

    @Test
    void aMakeUpSundayIsAWorkingDay() {
        assertThat(nationalDay2026().isWorkingDay(LocalDate.of(2026, 9, 20))).isTrue();
        assertThat(nationalDay2026().isWorkingDay(LocalDate.of(2026, 10, 5))).isFalse();
        // the conformity review's 2 days from Friday Sep 18: Sunday Sep 20 (make-up) and Monday Sep 21
        assertThat(nationalDay2026().addWorkingDays(LocalDate.of(2026, 9, 18), 2)).isEqualTo(LocalDate.of(2026, 9, 21));
    }

    @Test
    void refusesNegativeOrAbsurdSpans() {
        assertThatThrownBy(() -> nationalDay2026().addWorkingDays(LocalDate.of(2026, 1, 1), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> nationalDay2026().addWorkingDays(LocalDate.of(2026, 1, 1), 100_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void theDueDateIsAWorkingDayExactlyNWorkingDaysLater(@ForAll @IntRange(min = 0, max = 800) int offset,
                                                          @ForAll @IntRange(min = 1, max = 30) int workingDays) {
        WorkingDayCalendar calendar = nationalDay2026();
        LocalDate start = LocalDate.of(2026, 1, 1).plusDays(offset);
        LocalDate due = calendar.addWorkingDays(start, workingDays);
        assertThat(calendar.isWorkingDay(due)).isTrue();
        assertThat(calendar.workingDaysBetween(start, due)).isEqualTo(workingDays);
        assertThat(calendar.workingDaysBetween(start, due.minusDays(1))).isEqualTo(workingDays - 1);
    }

    @Property(tries = 200)
    void moreWorkingDaysNeverGiveAnEarlierDueDate(@ForAll @IntRange(min = 0, max = 800) int offset,
                                                  @ForAll @IntRange(min = 0, max = 30) int n) {
        WorkingDayCalendar calendar = nationalDay2026();
        LocalDate start = LocalDate.of(2026, 1, 1).plusDays(offset);
        assertThat(calendar.addWorkingDays(start, n + 1)).isAfter(calendar.addWorkingDays(start, n));
    }
}
