package org.govdx.gateway.edge;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketTests {

    private static final long SECOND = 1_000_000_000L;

    @Property
    void noWindowAdmitsMoreThanTheBurstPlusWhatRefilledInIt(@ForAll @IntRange(min = 1, max = 50) int perSecond,
                                                          @ForAll @IntRange(min = 1, max = 20) int burst,
                                                          @ForAll @Size(max = 150) List<@LongRange(min = 0, max = 200_000_000L) Long> gaps) {
        TokenBucket bucket = new TokenBucket(perSecond, burst, 0);
        List<Long> admitted = new ArrayList<>();
        long now = 0;
        for (long gap : gaps) {
            now += gap;
            if (bucket.tryTake(now) == 0) {
                admitted.add(now);
            }
        }
        for (int from = 0; from < admitted.size(); from++) {
            for (int to = from; to < admitted.size(); to++) {
                double window = (admitted.get(to) - admitted.get(from)) / (double) SECOND;
                assertThat(to - from + 1).isLessThanOrEqualTo((int) Math.floor(burst + perSecond * window + 1e-9));
            }
        }
    }

    @Property
    void callersKeepingToTheRateAreNeverRefused(@ForAll @IntRange(min = 1, max = 1000) int perSecond,
                                                @ForAll @IntRange(min = 1, max = 20) int burst,
                                                @ForAll @IntRange(min = 1, max = 300) int requests) {
        TokenBucket bucket = new TokenBucket(perSecond, burst, 0);
        long spacing = (SECOND + perSecond - 1) / perSecond;
        for (int i = 0; i < requests; i++) {
            assertThat(bucket.tryTake(i * spacing)).as("request %d", i).isZero();
        }
    }

    @Property
    void aRefusedCallerThatWaitsTheAnnouncedTimeIsAdmitted(@ForAll @IntRange(min = 1, max = 1000) int perSecond,
                                                         @ForAll @IntRange(min = 1, max = 20) int burst,
                                                         @ForAll @LongRange(min = 0, max = 5 * SECOND) long start) {
        TokenBucket bucket = new TokenBucket(perSecond, burst, 0);
        long wait;
        int taken = 0;
        while ((wait = bucket.tryTake(start)) == 0) {
            taken++;
        }
        assertThat(taken).isGreaterThanOrEqualTo(burst);
        assertThat(wait).isPositive().isLessThanOrEqualTo(SECOND / perSecond + 1);
        assertThat(bucket.tryTake(start + wait)).isZero();
    }

    @Test
    void aFullBucketAnswersTheBurstAtOnceThenRefillsOverTime() {
        TokenBucket bucket = new TokenBucket(2, 3, 0);
        assertThat(List.of(bucket.tryTake(0), bucket.tryTake(0), bucket.tryTake(0))).containsOnly(0L);
        assertThat(bucket.tryTake(0)).isEqualTo(SECOND / 2);
        assertThat(bucket.remaining(SECOND)).isEqualTo(2);
        assertThat(bucket.remaining(100 * SECOND)).isEqualTo(3);
    }

    @Test
    void aBucketNeedsARateAndRoomForOneRequest() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
