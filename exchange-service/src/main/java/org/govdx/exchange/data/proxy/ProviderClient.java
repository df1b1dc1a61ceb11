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

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** Host names (or {@code *.domain}, or {@code *}) a provider endpoint may point at; see {@link ProviderHosts}. */
    @ConfigProperty(name = "govdx.data.proxy.allowed-hosts")
    Optional<List<String>> allowedHosts;

    private ProviderHosts hosts;

    private WebClient client;
    /** Exports read the provider's answer as it arrives (the web client above buffers whole answers, which VIEW pages need). */
    private java.net.http.HttpClient streaming;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        WebClientOptions options = new WebClientOptions().setConnectTimeout((int) timeout.toMillis()).setFollowRedirects(false)
                .setMaxPoolSize(HttpClientOptions.DEFAULT_MAX_POOL_SIZE).setUserAgent("govdx-exchange");
        client = WebClient.create(vertx, options);
        streaming = java.net.http.HttpClient.newBuilder().connectTimeout(timeout).followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        hosts = ProviderHosts.resolving(allowedHosts.orElse(List.of()));
    }

    /** Why the exchange will not call {@code uri}, or empty when it will (the allow-list and the never-called addresses). */
    public Optional<String> refusal(URI uri) {
        return hosts.refusal(uri);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** The body of a 2xx answer, at most {@code max-bytes}; a {@link ProviderFailure} otherwise. Call on a worker thread. */
    public byte[] get(ProviderEndpoint endpoint) {
        Guard guard = guard(endpoint);
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

    /** One circuit breaker and retry policy per dataset version's endpoint, shared by its VIEW pages and its exports. */
    private Guard guard(ProviderEndpoint endpoint) {
        return guards.computeIfAbsent(endpoint.circuitName() + " " + endpoint.uri(), name -> Guard.create().withDescription(endpoint.circuitName())
                .withRetry().maxRetries(retries).delay(retryDelay.toMillis(), ChronoUnit.MILLIS).jitter(retryDelay.toMillis() / 2, ChronoUnit.MILLIS)
                .maxDuration(timeout.toMillis() * (retries + 2), ChronoUnit.MILLIS).retryOn(ProviderFailure.Transient.class)
                .withExponentialBackoff().factor(2).maxDelay(retryDelay.toMillis() * 8, ChronoUnit.MILLIS).done().done()
                .withCircuitBreaker().requestVolumeThreshold(circuitRequests).failureRatio(0.5).delay(circuitDelay.toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1).failOn(ProviderFailure.Transient.class).done()
                .build());
    }

    /**
     * Opens one page of an export's answer for reading as it arrives ({@code page}: the registered URL or a next-page
     * link on its origin), under the same timeout, retries and circuit as {@link #get}: a connection failure, a timeout
     * before the answer starts, or a 5xx/408/429 is tried again; a stream that then stalls for longer than the timeout
     * is closed (its read fails). Call on a worker thread; the caller closes the stream.
     */
    public InputStream open(ProviderEndpoint endpoint, URI page) {
        try {
            return guard(endpoint).call(() -> attemptOpen(endpoint, page), InputStream.class);
        } catch (ProviderFailure f) {
            LOG.warnf("proxied export of %s/%d failed: %s", endpoint.datasetId(), endpoint.version(), f.kind());
            throw f;
        } catch (CircuitBreakerOpenException e) {
            throw new ProviderFailure(ProviderFailure.Kind.CIRCUIT_OPEN, "circuit open");
        } catch (Exception e) {
            LOG.warnf("proxied export of %s/%d failed: %s", endpoint.datasetId(), endpoint.version(), e.getClass().getSimpleName());
            throw new ProviderFailure(ProviderFailure.Kind.UNAVAILABLE, e.getClass().getSimpleName());
        }
    }

    private InputStream attemptOpen(ProviderEndpoint endpoint, URI page) {
        refuseDisallowedHost(page);
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(page).timeout(timeout).header("Accept", "application/json")
                .header("User-Agent", "govdx-exchange").GET();
        if (endpoint.authHeaderName() != null) {
            request.header(endpoint.authHeaderName(), endpoint.authHeaderValue());
        }
        java.net.http.HttpResponse<InputStream> response;
        try {
            response = streaming.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderFailure(ProviderFailure.Kind.UNAVAILABLE, "interrupted");
        } catch (java.io.IOException e) {
            throw new ProviderFailure.Transient(isTimeout(e) ? ProviderFailure.Kind.TIMEOUT : ProviderFailure.Kind.UNAVAILABLE, e.getClass().getSimpleName());
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            try {
                response.body().close();
            } catch (java.io.IOException ignored) {
                // not read
            }
            if (status >= 500 || status == 408 || status == 429) {
                throw new ProviderFailure.Transient(ProviderFailure.Kind.UNAVAILABLE, "status " + status);
            }
            throw new ProviderFailure(ProviderFailure.Kind.REFUSED, "status " + status);
        }
        return new StallGuard(response.body(), timeout, vertx);
    }

    private byte[] attempt(ProviderEndpoint endpoint) {
        refuseDisallowedHost(endpoint.uri());
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

    /** Checked before every call, not only at registration: the allow-list may have changed, and a name may resolve elsewhere now. */
    void refuseDisallowedHost(URI uri) {
        Optional<String> refused = hosts.refusal(uri);
        if (refused.isPresent()) {
            throw new ProviderFailure(ProviderFailure.Kind.HOST_NOT_ALLOWED, refused.get());
        }
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
