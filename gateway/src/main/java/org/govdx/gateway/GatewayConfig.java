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

    /** Paths forwarded without a token: public documents such as the agreement-signing JWKS. */
    @WithDefault("/api/exchange/.well-known/jwks.json")
    java.util.Set<String> publicPaths();
}
