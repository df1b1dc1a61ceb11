package org.govdx.exchange.data.proxy;

import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls a provider's endpoint (an idempotent GET) for a proxied read: a timeout per attempt, retries with
 * exponential backoff and jitter on transient failures only (connection errors, timeouts, 5xx, 408, 429), and
 * one circuit breaker per dataset version's endpoint (SmallRye Fault Tolerance's programmatic {@link Guard}),
 * so a provider that is down costs its consumers a quick 503 instead of a pile of waiting threads. Logs name
 * the dataset and the failure kind, never the credential or the answer's body.
 */
@ApplicationScoped
public class ProviderClient {

    private static final Logger LOG = Logger.getLogger(ProviderClient.class);

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "govdx.data.proxy.timeout", defaultValue = "PT5S")
    Duration timeout;

    @ConfigProperty(name = "govdx.data.proxy.retries", defaultValue = "2")
    int retries;

    @ConfigProperty(name = "govdx.data.proxy.retry-delay", defaultValue = "PT0.2S")
    Duration retryDelay;

    @ConfigProperty(name = "govdx.data.proxy.circuit-requests", defaultValue = "6")
    int circuitRequests;

    @ConfigProperty(name = "govdx.data.proxy.circuit-delay", defaultValue = "PT15S")
    Duration circuitDelay;

    @ConfigProperty(name = "govdx.data.proxy.max-bytes", defaultValue = "16777216")
    int maxBytes;

    private WebClient client;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        WebClientOptions options = new WebClientOptions().setConnectTimeout((int) timeout.toMillis()).setFollowRedirects(false)
                .setMaxPoolSize(HttpClientOptions.DEFAULT_MAX_POOL_SIZE).setUserAgent("govdx-exchange");
        client = WebClient.create(vertx, options);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** The body of a 2xx answer, at most {@code max-bytes}; a {@link ProviderFailure} otherwise. Call on a worker thread. */
    public byte[] get(ProviderEndpoint endpoint) {
        Guard guard = guards.computeIfAbsent(endpoint.circuitName() + " " + endpoint.uri(), name -> Guard.create().withDescription(endpoint.circuitName())
                .withRetry().maxRetries(retries).delay(retryDelay.toMillis(), ChronoUnit.MILLIS).jitter(retryDelay.toMillis() / 2, ChronoUnit.MILLIS)
                .maxDuration(timeout.toMillis() * (retries + 2), ChronoUnit.MILLIS).retryOn(ProviderFailure.Transient.class)
                .withExponentialBackoff().factor(2).maxDelay(retryDelay.toMillis() * 8, ChronoUnit.MILLIS).done().done()
                .withCircuitBreaker().requestVolumeThreshold(circuitRequests).failureRatio(0.5).delay(circuitDelay.toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1).failOn(ProviderFailure.Transient.class).done()
                .build());
        try {
            return guard.call(() -> attempt(endpoint), byte[].class);
        } catch (ProviderFailure f) {
            LOG.warnf("proxied read of %s/%d failed: %s", endpoint.datasetId(), endpoint.version(), f.kind());
            throw f;
        } catch (CircuitBreakerOpenException e) {
            throw new ProviderFailure(ProviderFailure.Kind.CIRCUIT_OPEN, "circuit open");
        } catch (Exception e) {
            LOG.warnf("proxied read of %s/%d failed: %s", endpoint.datasetId(), endpoint.version(), e.getClass().getSimpleName());
            throw new ProviderFailure(ProviderFailure.Kind.UNAVAILABLE, e.getClass().getSimpleName());
        }
    }

    private byte[] attempt(ProviderEndpoint endpoint) {
        HttpRequest<Buffer> request = client.getAbs(endpoint.uri().toString()).timeout(timeout.toMillis()).putHeader("Accept", "application/json");
        if (endpoint.authHeaderName() != null) {
            request.putHeader(endpoint.authHeaderName(), endpoint.authHeaderValue());
        }
        HttpResponse<Buffer> response;
        try {
            response = request.send().await().atMost(timeout.plusMillis(250));
        } catch (RuntimeException e) {
            boolean timedOut = isTimeout(e);
            throw new ProviderFailure.Transient(timedOut ? ProviderFailure.Kind.TIMEOUT : ProviderFailure.Kind.UNAVAILABLE, e.getClass().getSimpleName());
        }
        int status = response.statusCode();
        if (status >= 500 || status == 408 || status == 429) {
            throw new ProviderFailure.Transient(ProviderFailure.Kind.UNAVAILABLE, "status " + status);
        }
        if (status / 100 != 2) {
            throw new ProviderFailure(ProviderFailure.Kind.REFUSED, "status " + status);
        }
        Buffer body = response.body();
        if (body == null) {
            throw new ProviderFailure(ProviderFailure.Kind.BAD_ANSWER, "empty body");
        }
        if (body.length() > maxBytes) {
            throw new ProviderFailure(ProviderFailure.Kind.BAD_ANSWER, "body over " + maxBytes + " bytes");
        }
        return body.getBytes();
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
