package org.govdx.gateway.edge;

/**
 * A token bucket: holds at most {@code burst} tokens, refills at {@code perSecond} tokens a second, and a request
 * takes one. Plain Java on a caller-supplied clock (nanoseconds), so its arithmetic is tested without sleeping.
 */
public final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long updatedAt;

    public TokenBucket(double perSecond, double burst, long now) {
        if (!(perSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("a bucket needs a positive rate and a burst of at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.updatedAt = now;
    }

    /**
     * Takes a token if one is there.
     *
     * @return 0 when the request may pass, else the nanoseconds until the next token (always positive)
     */
    public synchronized long tryTake(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond * NANOS_PER_SECOND));
    }

    /** Whole tokens left now (for the RateLimit-Remaining header). */
    public synchronized long remaining(long now) {
        refill(now);
        return (long) Math.floor(tokens);
    }

    public double perSecond() {
        return perSecond;
    }

    public double burst() {
        return burst;
    }

    private void refill(long now) {
        if (now > updatedAt) {
            tokens = Math.min(burst, tokens + (now - updatedAt) * perSecond / NANOS_PER_SECOND);
            updatedAt = now;
        }
    }
}
