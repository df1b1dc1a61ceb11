package org.govdx.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.govdx.testsupport.GovdxStack;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server standing in for a service behind the gateway: it echoes what reached it (method,
 * path, the headers the gateway set) and streams a large body on {@code /api/catalog/stream}. The
 * exchange route points at a closed port, to see how the gateway answers when a service is down.
 */
public class EchoUpstream implements QuarkusTestResourceLifecycleManager {

    static final int STREAM_CHUNKS = 2048;
    static final int CHUNK_SIZE = 4096;
    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        GovdxStack.ensureKeycloak();
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().endsWith("/stream")) {
                request.response().setChunked(true).putHeader("Content-Type", "application/x-ndjson");
                Buffer chunk = Buffer.buffer("x".repeat(CHUNK_SIZE - 1) + "\n");
                for (int i = 0; i < STREAM_CHUNKS; i++) {
                    request.response().write(chunk);
                }
                request.response().end();
                return;
            }
            request.body().onSuccess(body -> {
                JsonObject echo = new JsonObject()
                        .put("method", request.method().name())
                        .put("uri", request.uri())
                        .put("authorization", request.getHeader("Authorization"))
                        .put("requestId", request.getHeader("X-Request-Id"))
                        .put("traceparent", request.getHeader("traceparent"))
                        .put("host", request.getHeader("Host"))
                        .put("bodyLength", body.length());
                request.response().putHeader("Content-Type", "application/json").end(echo.encode());
            });
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String url = "http://127.0.0.1:" + server.actualPort();
        return Map.of("govdx.gateway.routes.catalog", url,
                // a tight budget for one department, to see 429s without flooding the others
                "govdx.gateway.rate-limit.departments.transport.per-second", "0.2",
                "govdx.gateway.rate-limit.departments.transport.burst", "3",
                "govdx.gateway.body-limit.upload-paths", "/api/exchange/datasets/*/versions/*/rows,/api/catalog/uploads/*",
                "govdx.gateway.routes.audit", url,
                "govdx.gateway.routes.exchange", "http://127.0.0.1:9",
                "govdx.keycloak.url", GovdxStack.KEYCLOAK_URL);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
