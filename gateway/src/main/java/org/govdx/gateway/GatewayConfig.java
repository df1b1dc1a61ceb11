package org.govdx.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "govdx.gateway")
public interface GatewayConfig {

    /** Upstream base URL per API name: {@code /api/<name>/**} goes to {@code routes.<name>}. */
    Map<String, String> routes();

    @WithDefault("30s")
    Duration upstreamTimeout();

    /** Paths forwarded without a token: public documents, the agreement-signing JWKS and the audit log's checkpoint key. */
    @WithDefault("/api/exchange/.well-known/jwks.json,/api/audit/log/key")
    java.util.Set<String> publicPaths();

    RateLimit rateLimit();

    BodyLimit bodyLimit();

    /** Per-department request budgets; a department without its own entry gets the default. */
    interface RateLimit {

        @WithDefault("true")
        boolean enabled();

        /** Sustained requests a second per department (per gateway replica). */
        @WithDefault("200")
        double perSecond();

        /** Requests a department may send at once after being idle. */
        @WithDefault("400")
        double burst();

        /** {@code govdx.gateway.rate-limit.departments.<code>.per-second} / {@code .burst}. */
        Map<String, DepartmentBudget> departments();

        interface DepartmentBudget {
            double perSecond();

            java.util.Optional<Double> burst();
        }
    }

    /** The largest request body: one default for API calls, a larger one for the data-upload routes. */
    interface BodyLimit {

        @WithDefault("2M")
        io.quarkus.runtime.configuration.MemorySize defaultMax();

        @WithDefault("2G")
        io.quarkus.runtime.configuration.MemorySize uploadMax();

        /** Routes taking uploads; {@code *} is one path segment. */
        @WithDefault("/api/exchange/datasets/*/versions/*/rows")
        java.util.List<String> uploadPaths();
    }
}
