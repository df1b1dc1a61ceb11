package org.govdx.exchange.data.proxy;

/**
 * Why a proxied read got no usable rows from the provider. Each kind is a problem the consumer sees (never a
 * 500, never part of the rows): the provider's address, status text and body are not repeated to the consumer.
 */
public class ProviderFailure extends RuntimeException {

    /** The kinds, with their HTTP status and problem slug. */
    public enum Kind {
        /** Connection refused or reset, or a 5xx from the provider, after retries. */
        UNAVAILABLE(502, "provider-unavailable", "The provider's endpoint did not answer usably; try again later"),
        /** No answer within the timeout, after retries. */
        TIMEOUT(504, "provider-timeout", "The provider's endpoint did not answer in time"),
        /** The circuit to this provider is open after repeated failures; calls are not attempted for a while. */
        CIRCUIT_OPEN(503, "provider-circuit-open", "The provider's endpoint has been failing; calls to it are paused, try again shortly"),
        /** The provider refused the exchange (401/403/404 or another 4xx): usually a wrong or expired registration. */
        REFUSED(502, "provider-refused", "The provider's endpoint refused the exchange's call; its steward should check the registration"),
        /** Not JSON rows: malformed JSON, not an array of objects, a nested value, or too large. */
        BAD_ANSWER(502, "provider-bad-answer", "The provider's endpoint answered with something other than JSON rows; nothing is returned"),
        /** The registered endpoint's host is no longer allowed (allow-list, or it resolves to a never-called address). */
        HOST_NOT_ALLOWED(502, "provider-host-not-allowed", "The provider's endpoint is not on the exchange's allow-list of provider hosts; its steward should check the registration"),
        /** No endpoint is registered for the dataset version. */
        NOT_REGISTERED(503, "provider-not-registered", "The provider has not registered an endpoint for this dataset version");

        public final int status;
        public final String slug;
        public final String detail;

        Kind(int status, String slug, String detail) {
            this.status = status;
            this.slug = slug;
            this.detail = detail;
        }
    }

    private final Kind kind;

    public ProviderFailure(Kind kind, String internalReason) {
        super(kind + ": " + internalReason, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** A failure that retrying and the circuit breaker should count: the provider is down or slow. */
    public static final class Transient extends ProviderFailure {
        public Transient(Kind kind, String internalReason) {
            super(kind, internalReason);
        }
    }
}
