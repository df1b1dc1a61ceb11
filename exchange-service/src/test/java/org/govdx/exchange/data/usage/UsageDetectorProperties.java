package org.govdx.exchange.data.usage;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UsageDetectorProperties {

    static final UsageDetector.Policy POLICY = UsageDetector.Policy.defaults();
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** 10:00 China time on a working day: outside the quiet hours. */
    static final Instant MORNING = LocalDate.of(2026, 11, 24).atTime(10, 0).atZone(CHINA).toInstant();

    @Provide
    Arbitrary<List<UsageDetector.Observation>> daytimeCalls() {
        Arbitrary<UsageDetector.Observation> step = Combinators.combine(Arbitraries.integers().between(0, 20_000), Arbitraries.of(true, true, true, false),
                Arbitraries.longs().between(0, 500)).as((millis, allowed, rows) -> new UsageDetector.Observation(Instant.ofEpochMilli(millis), allowed, rows));
        return step.list().ofMaxSize(300).map(steps -> {
            List<UsageDetector.Observation> calls = new ArrayList<>();
            Instant at = MORNING;
            for (UsageDetector.Observation s : steps) {
                at = at.plusMillis(s.at().toEpochMilli()); // time moves forward, at most 20 s a call: stays within the day
                calls.add(new UsageDetector.Observation(at, s.allowed(), s.rows()));
            }
            return calls;
        });
    }

    @Property(tries = 200)
    void volumeIsFlaggedWhenTodaysRowsExceedTheFactorTimesTheDeclaredVolumeAndNeverBelowIt(@ForAll("daytimeCalls") List<UsageDetector.Observation> calls,
                                                                                          @ForAll @LongRange(min = 1, max = 20_000) long expected) {
        UsageDetector.State state = new UsageDetector.State(expected);
        long rows = 0;
        Instant lastFlag = null;
        for (UsageDetector.Observation o : calls) {
            rows += o.allowed() ? o.rows() : 0;
            boolean flag = UsageDetector.observe(state, o, POLICY).stream().anyMatch(a -> a.kind() == UsageDetector.Kind.VOLUME_ABOVE_DECLARED);
            boolean above = o.allowed() && rows > 3.0 * expected;
            boolean due = lastFlag == null || !o.at().isBefore(lastFlag.plus(POLICY.cooldown()));
            assertThat(flag).as("rows %d of %d expected", rows, expected).isEqualTo(above && due);
            if (flag) {
                lastFlag = o.at();
            }
        }
    }

    @Property(tries = 200)
    void eachKindIsFlaggedAtMostOncePerCooldown(@ForAll("daytimeCalls") List<UsageDetector.Observation> calls) {
        UsageDetector.State state = new UsageDetector.State(1);
        UsageDetector.Policy strict = new UsageDetector.Policy(1.0, 3, 2, Duration.ofMinutes(5), LocalTime.of(22, 0), LocalTime.of(6, 0), CHINA,
                Duration.ofMinutes(30));
        Map<UsageDetector.Kind, Instant> last = new EnumMap<>(UsageDetector.Kind.class);
        for (UsageDetector.Observation o : calls) {
            for (UsageDetector.Anomaly a : UsageDetector.observe(state, o, strict)) {
                Instant previous = last.put(a.kind(), a.at());
                if (previous != null) {
                    assertThat(Duration.between(previous, a.at())).isGreaterThanOrEqualTo(Duration.ofMinutes(30));
                }
                assertThat(a.kind()).isNotEqualTo(UsageDetector.Kind.ODD_HOURS);
            }
        }
    }

    @Property(tries = 200)
    void aDenialBurstIsFlaggedOnlyWhenEnoughRefusalsFallInTheWindow(@ForAll @IntRange(min = 1, max = 30) int denials,
                                                                   @ForAll @IntRange(min = 1, max = 120) int secondsApart) {
        UsageDetector.State state = new UsageDetector.State(0);
        boolean flagged = false;
        for (int i = 0; i < denials; i++) {
            flagged |= !UsageDetector.observe(state, new UsageDetector.Observation(MORNING.plusSeconds((long) i * secondsApart), false, 0), POLICY).isEmpty();
        }
        // 5 refusals within 5 minutes: the first 5 span 4 gaps
        boolean burst = denials >= 5 && 4L * secondsApart < 300;
        assertThat(flagged).isEqualTo(burst);
    }

    @Property(tries = 200)
    void onlyReadsInTheQuietHoursAreOddHours(@ForAll @IntRange(min = 0, max = 24 * 60 - 1) int minuteOfDay) {
        Instant at = LocalDate.of(2026, 11, 24).atTime(LocalTime.MIN.plusMinutes(minuteOfDay)).atZone(CHINA).toInstant();
        boolean odd = UsageDetector.observe(new UsageDetector.State(0), new UsageDetector.Observation(at, true, 1), POLICY).stream()
                .anyMatch(a -> a.kind() == UsageDetector.Kind.ODD_HOURS);
        assertThat(odd).isEqualTo(minuteOfDay >= 22 * 60 || minuteOfDay < 6 * 60);
    }

    @Example
    void aBurstOfReadsIsOneFlagAndTheCountersStartAgainEachDay() {
        UsageDetector.State state = new UsageDetector.State(100);
        List<UsageDetector.Anomaly> flags = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            flags.addAll(UsageDetector.observe(state, new UsageDetector.Observation(MORNING.plusMillis(i * 100L), true, 1), POLICY));
        }
        assertThat(flags).extracting(UsageDetector.Anomaly::kind).containsExactly(UsageDetector.Kind.FREQUENCY_BURST);
        assertThat(flags.get(0).observed()).containsEntry("readsInLastMinute", 121);
        UsageDetector.observe(state, new UsageDetector.Observation(MORNING.plus(Duration.ofDays(1)), true, 5), POLICY);
        assertThat(state.rowsToday()).isEqualTo(5);
    }
}
