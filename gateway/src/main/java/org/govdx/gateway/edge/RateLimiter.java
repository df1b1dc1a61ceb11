package org.govdx.gateway.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-department request budgets at the gateway: one {@link TokenBucket} per caller key (the department claim of a
 * verified token, else the client or the remote address). Departments may have their own rate; the rest share the
 * default. Each gateway replica keeps its own buckets (see docs/decisions/0051), so a cluster of n replicas admits up to
 * n times the configured rate.
 */
public final class RateLimiter {

    /** What the gateway tells the caller: allowed or not, and when to retry. */
    public record Verdict(boolean allowed, long limit, long remaining, long retryAfterSeconds) {
    }

    public record Budget(double perSecond, double burst) {
    }

    private final Budget defaults;
    private final Map<String, Budget> perKey;
    private final LongSupplier clock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Budget defaults, Map<String, Budget> perKey, LongSupplier clock) {
        this.defaults = defaults;
        this.perKey = Map.copyOf(perKey);
        this.clock = clock;
    }

    public Verdict check(String key) {
        long now = clock.getAsLong();
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> {
            Budget budget = perKey.getOrDefault(k, defaults);
            return new TokenBucket(budget.perSecond(), budget.burst(), now);
        });
        long wait = bucket.tryTake(now);
        long limit = (long) bucket.burst();
        if (wait == 0) {
            return new Verdict(true, limit, bucket.remaining(now), 0);
        }
        return new Verdict(false, limit, 0, Math.max(1, (wait + 999_999_999L) / 1_000_000_000L));
    }
}
