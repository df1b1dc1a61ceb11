package org.govdx.common.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Request-body limits per route. Vert.x has one global limit ({@code quarkus.http.limits.max-body-size}); a service
 * with a streaming upload route must raise it for that route only. This handler, right after Quarkus' own, gives every
 * other route {@code govdx.http.body-limit} (default 2 MiB): a declared length over it is a 413 problem before the body
 * is read, a chunked body is cut off by Quarkus' input stream at the same limit.
 */
@ApplicationScoped
public class RequestBodyLimits {

    /** The routing-context key Quarkus' request input stream reads its limit from. */
    static final String QUARKUS_LIMIT_KEY = "io.quarkus.max-request-size";

    @ConfigProperty(name = "govdx.http.body-limit", defaultValue = "2M")
    MemorySize limit;

    /** Regular expressions of the paths that keep the global (larger) limit: streaming uploads. */
    @ConfigProperty(name = "govdx.http.large-body-paths")
    Optional<List<String>> largeBodyPaths;

    private List<Pattern> large = List.of();

    void register(@Observes Router router) {
        large = largeBodyPaths.orElse(List.of()).stream().map(Pattern::compile).toList();
        router.route().order(-1).handler(this::limit);
    }

    void limit(RoutingContext ctx) {
        String path = ctx.request().path();
        if (large.stream().anyMatch(p -> p.matcher(path).matches())) {
            ctx.next();
            return;
        }
        long max = limit.asLongValue();
        String declared = ctx.request().getHeader("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = Long.MAX_VALUE;
            }
            if (length > max) {
                JsonObject problem = new JsonObject()
                        .put("type", "https://govdx.org/problems/payload-too-large")
                        .put("title", "Content Too Large")
                        .put("status", 413)
                        .put("detail", "This operation takes request bodies of at most " + max + " bytes")
                        .put("instance", path);
                ctx.response().setStatusCode(413).putHeader("Content-Type", "application/problem+json")
                        .putHeader("Connection", "close").end(problem.encode());
                return;
            }
        } else {
            ctx.put(QUARKUS_LIMIT_KEY, max);
        }
        ctx.next();
    }
}
