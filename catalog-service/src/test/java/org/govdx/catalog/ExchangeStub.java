package org.govdx.catalog;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for the exchange service: the consumers of a dataset
 * ({@code GET /api/exchange/internal/datasets/{id}/consumers}) and the working-day calendar
 * ({@code GET /api/exchange/calendar/due}). It answers only requests carrying a govdx-internal service token.
 * Tests steer it over HTTP (it lives outside the application's class loader):
 * <ul>
 *   <li>{@code PUT /_stub/consumers/{datasetId}} with a JSON array: the consumers to answer (default none);</li>
 *   <li>{@code PUT /_stub/down/{datasetId}} / {@code DELETE …}: answer 503 for that dataset;</li>
 *   <li>{@code PUT /_stub/holidays/{yyyy-mm-dd}}: a public holiday the calendar skips;</li>
 *   <li>{@code PUT /_stub/calendar-down/{true|false}};</li>
 *   <li>{@code GET /_stub/calls/{datasetId}}: how many consumer look-ups reached it for that dataset.</li>
 * </ul>
 */
public class ExchangeStub implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private final Map<String, JsonArray> consumers = new ConcurrentHashMap<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Set<LocalDate> holidays = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile boolean calendarDown;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            try {
                handle(request, body.toString(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                request.response().setStatusCode(500).end(String.valueOf(e));
            }
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("govdx.exchange.url", "http://127.0.0.1:" + server.actualPort());
    }

    private void handle(HttpServerRequest request, String body) {
        String path = request.path();
        if (path.startsWith("/_stub/")) {
            String[] parts = path.split("/");
            String what = parts[2];
            String arg = parts.length > 3 ? parts[3] : "";
            switch (what) {
                case "consumers" -> consumers.put(arg, new JsonArray(body));
                case "down" -> {
                    if (request.method().name().equals("DELETE")) {
                        down.remove(arg);
                    } else {
                        down.add(arg);
                    }
                }
                case "holidays" -> holidays.add(LocalDate.parse(arg));
                case "calendar-down" -> calendarDown = Boolean.parseBoolean(arg);
                case "calls" -> {
                    request.response().end(Integer.toString(calls.getOrDefault(arg, new AtomicInteger()).get()));
                    return;
                }
                default -> {
                    request.response().setStatusCode(404).end();
                    return;
                }
            }
            request.response().setStatusCode(204).end();
            return;
        }
        if (!isServiceToken(request.getHeader("Authorization"))) {
            request.response().setStatusCode(401).end();
            return;
        }
        if (path.startsWith("/api/exchange/internal/datasets/") && path.endsWith("/consumers")) {
            String id = path.substring("/api/exchange/internal/datasets/".length(), path.length() - "/consumers".length());
            calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            if (down.contains(id)) {
                request.response().setStatusCode(503).end("{\"status\":503}");
                return;
            }
            request.response().putHeader("Content-Type", "application/json").end(consumers.getOrDefault(id, new JsonArray()).encode());
            return;
        }
        if (path.equals("/api/exchange/calendar/due")) {
            if (calendarDown) {
                request.response().setStatusCode(503).end();
                return;
            }
            LocalDate start = LocalDate.parse(request.getParam("start"));
            int workingDays = Integer.parseInt(request.getParam("workingDays"));
            LocalDate due = start;
            int counted = 0;
            while (counted < workingDays) {
                due = due.plusDays(1);
                if (due.getDayOfWeek() != DayOfWeek.SATURDAY && due.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(due)) {
                    counted++;
                }
            }
            request.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("start", start.toString()).put("workingDays", workingDays).put("due", due.toString()).encode());
            return;
        }
        request.response().setStatusCode(404).end();
    }

    /** A bearer token of the govdx-internal client (the payload is read, not verified: the stub is not under test). */
    private static boolean isServiceToken(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length != 3) {
            return false;
        }
        JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        return "govdx-internal".equals(claims.getString("azp")) || "govdx-internal".equals(claims.getString("client_id"));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
