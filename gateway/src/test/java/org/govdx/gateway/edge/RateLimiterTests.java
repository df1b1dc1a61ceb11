package org.govdx.gateway.edge;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

    private final AtomicLong clock = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(new RateLimiter.Budget(1, 2),
            Map.of("department:health", new RateLimiter.Budget(10, 20)), clock::get);

    @Test
    void oneDepartmentSpendingItsBudgetLeavesTheOthersAlone() {
        assertThat(limiter.check("department:transport").allowed()).isTrue();
        assertThat(limiter.check("department:transport").allowed()).isTrue();
        RateLimiter.Verdict refused = limiter.check("department:transport");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(limiter.check("department:hrss").allowed()).isTrue();
    }

    @Test
    void aDepartmentWithItsOwnBudgetGetsIt() {
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.check("department:health").allowed()).as("request %d", i).isTrue();
        }
        RateLimiter.Verdict refused = limiter.check("department:health");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(20);
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndHonouringItSucceeds() {
        RateLimiter slow = new RateLimiter(new RateLimiter.Budget(0.25, 1), Map.of(), clock::get);
        assertThat(slow.check("department:transport").allowed()).isTrue();
        RateLimiter.Verdict refused = slow.check("department:transport");
        assertThat(refused.retryAfterSeconds()).isEqualTo(4);
        clock.addAndGet(4_000_000_000L);
        assertThat(slow.check("department:transport").allowed()).isTrue();
    }
}
