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

    /** Records {@code o} in {@code state} and returns what it newly flags (usually nothing). */
    public static List<Anomaly> observe(State state, Observation o, Policy policy) {
        List<Anomaly> flags = new ArrayList<>();
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
            double limit = policy.volumeFactor() * state.expectedDailyRows;
            if (state.expectedDailyRows > 0 && state.rowsToday > limit) {
                flag(state, flags, Kind.VOLUME_ABOVE_DECLARED, o.at(), policy, facts("rowsToday", state.rowsToday, "expectedDailyVolume",
                        state.expectedDailyRows, "factor", policy.volumeFactor()));
            }
            if (state.reads.size() > policy.maxReadsPerMinute()) {
                flag(state, flags, Kind.FREQUENCY_BURST, o.at(), policy, facts("readsInLastMinute", state.reads.size(), "maxReadsPerMinute",
                        policy.maxReadsPerMinute()));
            }
            if (policy.quiet(o.at())) {
                flag(state, flags, Kind.ODD_HOURS, o.at(), policy, facts("localTime", o.at().atZone(policy.zone()).toLocalTime().withNano(0).toString(),
                        "quietHours", policy.quietStart() + "-" + policy.quietEnd()));
            }
        } else {
            state.denials.addLast(o.at());
            while (!state.denials.isEmpty() && !state.denials.peekFirst().isAfter(o.at().minus(policy.denialWindow()))) {
                state.denials.removeFirst();
            }
            if (state.denials.size() >= policy.denialBurst()) {
                flag(state, flags, Kind.DENIAL_BURST, o.at(), policy, facts("denialsInWindow", state.denials.size(), "windowSeconds",
                        policy.denialWindow().toSeconds()));
            }
        }
        return flags;
    }

    private static void flag(State state, List<Anomaly> flags, Kind kind, Instant at, Policy policy, Map<String, Object> observed) {
        Instant last = state.lastFlagged.get(kind);
        if (last != null && at.isBefore(last.plus(policy.cooldown()))) {
            return;
        }
        state.lastFlagged.put(kind, at);
        flags.add(new Anomaly(kind, at, observed));
    }

    private static Map<String, Object> facts(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

}
