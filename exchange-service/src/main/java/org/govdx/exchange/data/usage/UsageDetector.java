package org.govdx.exchange.data.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage that does not fit its agreement (issue 5, item 8), plain Java, no I/O. Fed every governed read of one
 * agreement in time order, it flags:
 * <ul>
 *   <li>{@link Kind#VOLUME_ABOVE_DECLARED}: rows delivered today (the agreement's day, China time) above
 *       {@code volumeFactor} times the declared expected daily volume;</li>
 *   <li>{@link Kind#FREQUENCY_BURST}: more than {@code maxReadsPerMinute} reads in a sliding minute;</li>
 *   <li>{@link Kind#DENIAL_BURST}: at least {@code denialBurst} refused calls within {@code denialWindow};</li>
 *   <li>{@link Kind#ODD_HOURS}: a read delivered in the quiet hours [{@code quietStart}, {@code quietEnd}).</li>
 * </ul>
 * Each kind is flagged at most once per {@code cooldown} per agreement, so a flood is one flag, not thousands.
 */
public final class UsageDetector {

    public enum Kind { VOLUME_ABOVE_DECLARED, FREQUENCY_BURST, DENIAL_BURST, ODD_HOURS }

    /** The thresholds (configurable per deployment). */
    public record Policy(double volumeFactor, int maxReadsPerMinute, int denialBurst, Duration denialWindow, LocalTime quietStart, LocalTime quietEnd,
                         ZoneId zone, Duration cooldown) {

        public static Policy defaults() {
            return new Policy(3.0, 120, 5, Duration.ofMinutes(5), LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneId.of("Asia/Shanghai"), Duration.ofHours(1));
        }

        boolean quiet(Instant at) {
            LocalTime t = at.atZone(zone).toLocalTime();
            return quietStart.isBefore(quietEnd) ? !t.isBefore(quietStart) && t.isBefore(quietEnd) : !t.isBefore(quietStart) || t.isBefore(quietEnd);
        }
    }

    /** One call: when, whether it was allowed, how many rows it delivered. */
    public record Observation(Instant at, boolean allowed, long rows) {
    }

    /** A flag with the facts behind it (counts and thresholds; never data values). */
    public record Anomaly(Kind kind, Instant at, Map<String, Object> observed) {
    }

    /** What one agreement has done lately; not thread-safe (the caller holds it per agreement). */
    public static final class State {
        private final long expectedDailyRows;
        private LocalDate day;
        private long rowsToday;
        private final Deque<Instant> reads = new ArrayDeque<>();
        private final Deque<Instant> denials = new ArrayDeque<>();
        private final Map<Kind, Instant> lastFlagged = new EnumMap<>(Kind.class);

        /** @param expectedDailyRows the agreement's declared expected daily volume; 0 when it declares none */
        public State(long expectedDailyRows) {
            this.expectedDailyRows = expectedDailyRows;
        }

        public long rowsToday() {
            return rowsToday;
        }
    }

    private UsageDetector() {
    }

    /**
     * An agreement's counts at the moment of one observation, the observation included: rows delivered on its day,
     * allowed reads in the sliding minute, refusals in the denial window. Kept in memory ({@link State}) or in the
     * database shared by every replica ({@link UsageMonitor}).
     */
    public record Window(long rowsToday, long readsInLastMinute, long denialsInWindow) {
    }

    /** Records {@code o} in {@code state} and returns what it newly flags (usually nothing). */
    public static List<Anomaly> observe(State state, Observation o, Policy policy) {
        LocalDate day = o.at().atZone(policy.zone()).toLocalDate();
        if (!day.equals(state.day)) {
            state.day = day;
            state.rowsToday = 0;
        }
        if (o.allowed()) {
            state.rowsToday += o.rows();
            state.reads.addLast(o.at());
            while (!state.reads.isEmpty() && !state.reads.peekFirst().isAfter(o.at().minus(Duration.ofMinutes(1)))) {
                state.reads.removeFirst();
            }
        } else {
            state.denials.addLast(o.at());
            while (!state.denials.isEmpty() && !state.denials.peekFirst().isAfter(o.at().minus(policy.denialWindow()))) {
                state.denials.removeFirst();
            }
        }
        List<Anomaly> flags = new ArrayList<>();
        for (Anomaly a : candidates(o, new Window(state.rowsToday, state.reads.size(), state.denials.size()), state.expectedDailyRows, policy)) {
            Instant last = state.lastFlagged.get(a.kind());
            if (last == null || !a.at().isBefore(last.plus(policy.cooldown()))) {
                state.lastFlagged.put(a.kind(), a.at());
                flags.add(a);
            }
        }
        return flags;
    }

    /**
     * What one observation shows, given its agreement's counts including it ({@code expectedDailyRows}: the declared
     * volume, 0 for none), before the cooldown: the caller lets each kind through at most once per cooldown.
     */
    public static List<Anomaly> candidates(Observation o, Window w, long expectedDailyRows, Policy policy) {
        List<Anomaly> flags = new ArrayList<>();
        if (o.allowed()) {
            if (expectedDailyRows > 0 && w.rowsToday() > policy.volumeFactor() * expectedDailyRows) {
                flags.add(new Anomaly(Kind.VOLUME_ABOVE_DECLARED, o.at(), facts("rowsToday", w.rowsToday(), "expectedDailyVolume", expectedDailyRows,
                        "factor", policy.volumeFactor())));
            }
            if (w.readsInLastMinute() > policy.maxReadsPerMinute()) {
                flags.add(new Anomaly(Kind.FREQUENCY_BURST, o.at(), facts("readsInLastMinute", (int) w.readsInLastMinute(), "maxReadsPerMinute",
                        policy.maxReadsPerMinute())));
            }
            if (policy.quiet(o.at())) {
                flags.add(new Anomaly(Kind.ODD_HOURS, o.at(), facts("localTime", o.at().atZone(policy.zone()).toLocalTime().withNano(0).toString(),
                        "quietHours", policy.quietStart() + "-" + policy.quietEnd())));
            }
        } else if (w.denialsInWindow() >= policy.denialBurst()) {
            flags.add(new Anomaly(Kind.DENIAL_BURST, o.at(), facts("denialsInWindow", (int) w.denialsInWindow(), "windowSeconds",
                    policy.denialWindow().toSeconds())));
        }
        return flags;
    }

    private static Map<String, Object> facts(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

}
