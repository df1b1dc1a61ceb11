package org.govdx.gateway;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.govdx.gateway.edge.BodyLimits;
import org.govdx.gateway.edge.LimitedBody;
import org.govdx.gateway.edge.RateLimiter;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Routes {@code /api/<name>/**} to the upstream named {@code <name>}, after the token was verified: the
 * request and response bodies stream through unbuffered (exports can be large); the bearer token is
 * forwarded so each service checks it again; every request gets an {@code X-Request-Id} and the W3C
 * {@code traceparent} of the gateway's span.
 */
@ApplicationScoped
public class ApiProxy {

    static final String REQUEST_ID = "X-Request-Id";
    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** Hop-by-hop headers (RFC 9110 §7.6.1) are not forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "host", "traceparent", "tracestate");

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    @Inject
    OpenTelemetry openTelemetry;

    private final Map<String, Upstream> upstreams = new ConcurrentHashMap<>();
    private HttpClient client;
    private RateLimiter rateLimiter;
    private BodyLimits bodyLimits;

    private record Upstream(String host, int port, boolean ssl) {
    }

    void registerRoutes(@Observes Router router) {
        client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(200).setKeepAlive(true)
                .setConnectTimeout(5000).setIdleTimeout(60));
        config.routes().forEach((name, url) -> {
            URI uri = URI.create(url);
            boolean ssl = "https".equals(uri.getScheme());
            upstreams.put(name, new Upstream(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80), ssl));
        });
        GatewayConfig.RateLimit limits = config.rateLimit();
        Map<String, RateLimiter.Budget> departments = new java.util.HashMap<>();
        limits.departments().forEach((code, budget) -> departments.put("department:" + code,
                new RateLimiter.Budget(budget.perSecond(), budget.burst().orElse(Math.max(1, budget.perSecond() * 2)))));
        rateLimiter = new RateLimiter(new RateLimiter.Budget(limits.perSecond(), limits.burst()), departments, System::nanoTime);
        GatewayConfig.BodyLimit body = config.bodyLimit();
        bodyLimits = new BodyLimits(body.defaultMax().asLongValue(),
                body.uploadPaths().stream().map(p -> BodyLimits.route(p, body.uploadMax().asLongValue())).toList());
        router.route("/api/*").order(-10).failureHandler(this::failure);
        router.route("/api/*").handler(this::proxy);
    }

    void proxy(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String requestId = request.getHeader(REQUEST_ID);
        if (requestId == null || !SAFE_REQUEST_ID.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
            request.headers().set(REQUEST_ID, requestId);
        }
        boolean publicPath = config.publicPaths().contains(request.path());
        if (!publicPath && (!(ctx.user() instanceof QuarkusHttpUser user) || user.getSecurityIdentity().isAnonymous())) {
            Problems.send(ctx, 401, "unauthenticated", "Authentication required", "A valid bearer token from the govdx realm is required");
            return;
        }
        String path = request.path();
        int end = path.indexOf('/', "/api/".length());
        String name = end < 0 ? path.substring("/api/".length()) : path.substring("/api/".length(), end);
        Upstream upstream = upstreams.get(name);
        if (upstream == null) {
            Problems.send(ctx, 404, "not-found", "Not Found", "No API named '" + name + "'; try catalog, exchange or audit");
            return;
        }
        if (config.rateLimit().enabled()) {
            RateLimiter.Verdict verdict = rateLimiter.check(callerKey(ctx));
            ctx.response().putHeader("RateLimit-Limit", Long.toString(verdict.limit()))
                    .putHeader("RateLimit-Remaining", Long.toString(verdict.remaining()));
            if (!verdict.allowed()) {
                ctx.response().putHeader("Retry-After", Long.toString(verdict.retryAfterSeconds()));
                Problems.send(ctx, 429, "rate-limited", "Too Many Requests",
                        "This department has used its request budget for now; retry after " + verdict.retryAfterSeconds() + " s");
                return;
            }
        }
        long maxBytes = bodyLimits.maxBytes(path);
        String declared = request.getHeader("Content-Length");
        if (declared != null && declared.chars().allMatch(Character::isDigit) && declared.length() < 19 && Long.parseLong(declared) > maxBytes) {
            tooLarge(ctx, maxBytes);
            return;
        }
        forward(ctx, upstream, requestId, maxBytes);
    }

    /** Whose budget a request spends: the verified token's department, else its client or user, else the address. */
    private static String callerKey(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()
                && user.getSecurityIdentity().getPrincipal() instanceof JsonWebToken token) {
            Object department = token.getClaim("department");
            if (department != null && !department.toString().isBlank()) {
                return "department:" + department;
            }
            Object client = token.getClaim("azp");
            return client != null ? "client:" + client : "user:" + token.getName();
        }
        return "address:" + (ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().host());
    }

    private static void tooLarge(RoutingContext ctx, long maxBytes) {
        ctx.response().putHeader("Connection", "close");
        Problems.send(ctx, 413, "payload-too-large", "Content Too Large",
                "This API takes request bodies of at most " + maxBytes + " bytes");
    }

    private void forward(RoutingContext ctx, Upstream upstream, String requestId, long maxBytes) {
        HttpServerRequest request = ctx.request();
        request.pause();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(upstream.host()).setPort(upstream.port()).setSsl(upstream.ssl())
                .setURI(request.uri())
                .setTimeout(config.upstreamTimeout().toMillis());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        headers.set(REQUEST_ID, requestId);
        headers.set("X-Forwarded-For", request.remoteAddress() == null ? "" : request.remoteAddress().host());
        headers.set("X-Forwarded-Proto", request.scheme());
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), headers, (carrier, key, value) -> carrier.set(key, value));
        options.setHeaders(headers);

        client.request(options)
                .onSuccess(upstreamRequest -> upstreamRequest.send(new LimitedBody(request, maxBytes, () -> {
                            upstreamRequest.reset();
                            tooLarge(ctx, maxBytes);
                        }))
                        .onSuccess(upstreamResponse -> relay(ctx, upstreamResponse, requestId))
                        .onFailure(e -> {
                            // e.g. the client went away before its body was forwarded: without a reset the upstream request waits for
                            // that body until its timeout, holding a pooled connection (under load the pool ran dry and every call timed out)
                            upstreamRequest.reset();
                            upstreamFailed(ctx, upstream, e);
                        }))
                .onFailure(e -> upstreamFailed(ctx, upstream, e));
    }

    private static void upstreamFailed(RoutingContext ctx, Upstream upstream, Throwable e) {
        HttpServerRequest request = ctx.request();
        LOG.warnf("upstream %s:%d failed for %s %s: %s", upstream.host(), upstream.port(), request.method(), request.path(), e.getMessage());
        if (!ctx.response().ended() && !ctx.response().closed()) {
            Problems.send(ctx, 502, "upstream-unavailable", "Bad Gateway", "The service behind this API did not answer; try again shortly");
        }
    }

    private void relay(RoutingContext ctx, HttpClientResponse upstreamResponse, String requestId) {
        HttpServerResponse response = ctx.response();
        response.setStatusCode(upstreamResponse.statusCode());
        upstreamResponse.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(java.util.Locale.ROOT)) && !h.getKey().equalsIgnoreCase("content-length")) {
                response.headers().add(h.getKey(), h.getValue());
            }
        });
        String length = upstreamResponse.getHeader("Content-Length");
        if (length != null) {
            response.putHeader("Content-Length", length);
        } else {
            response.setChunked(true);
        }
        response.putHeader(REQUEST_ID, requestId);
        upstreamResponse.pipeTo(response).onFailure(e -> LOG.debugf("response stream ended early: %s", e.getMessage()));
    }

    void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof AuthenticationFailedException || ctx.statusCode() == 401) {
            Problems.send(ctx, 401, "unauthenticated", "Authentication required", "The bearer token is missing, expired or not from the govdx realm");
        } else if (ctx.statusCode() == 403) {
            Problems.send(ctx, 403, "forbidden", "Forbidden", "Not allowed");
        } else {
            LOG.error("gateway failure", failure);
            Problems.send(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, "gateway-error", "Gateway error", "The gateway could not handle the request");
        }
    }
}
