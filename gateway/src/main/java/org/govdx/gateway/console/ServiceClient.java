package org.govdx.gateway.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.govdx.gateway.GatewayConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The console's server-side calls to the services, made with the signed-in person's access token from the
 * session (each service verifies it itself, exactly as for a bearer call through {@code /api}). The token
 * never leaves the gateway.
 */
@RequestScoped
public class ServiceClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Inject
    GatewayConfig config;

    @Inject
    SecurityIdentity identity;

    /** An answer: status, headers we care about, and the body as plain maps and lists (templates read them directly). */
    public record Answer(int status, Object body, String etag, Map<String, String> headers) {
        public boolean ok() {
            return status / 100 == 2;
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> map() {
            return body instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        @SuppressWarnings("unchecked")
        public List<Object> list() {
            return body instanceof List<?> l ? (List<Object>) l : List.of();
        }

        /** The RFC 9457 problem as the page shows it, or null. */
        public Problem problem() {
            return ok() ? null : Problem.of(status, map());
        }
    }

    /** A service's refusal as the console shows it: title, detail and each broken rule. */
    public record Problem(int status, String title, String detail, List<String> errors) {
        @SuppressWarnings("unchecked")
        static Problem of(int status, Map<String, Object> body) {
            List<String> errors = new java.util.ArrayList<>();
            for (String key : List.of("errors", "violations")) {
                if (body.get(key) instanceof List<?> list) {
                    for (Object o : list) {
                        if (o instanceof Map<?, ?> v) {
                            Object field = v.get("field");
                            errors.add((field == null ? "" : field + ": ") + v.get("message"));
                        } else {
                            errors.add(String.valueOf(o));
                        }
                    }
                }
            }
            String title = body.get("title") instanceof String t ? t : "HTTP " + status;
            String detail = body.get("detail") instanceof String d ? d : "";
            return new Problem(status, title, detail, errors);
        }
    }

    public Answer get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    public Answer get(String path, Map<String, ?> query) {
        return get(path + queryString(query));
    }

    public Answer post(String path, Object body, String ifMatch) {
        return send("POST", path, body, ifMatch, Map.of());
    }

    public Answer post(String path, Object body, String ifMatch, Map<String, String> headers) {
        return send("POST", path, body, ifMatch, headers);
    }

    /** Streams the upstream body (exports, uploads) without buffering it in the gateway. */
    public HttpResponse<InputStream> stream(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer send(String method, String path, Object body, String ifMatch, Map<String, String> headers) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
            HttpRequest.Builder request = request(path).method(method, publisher).header("Accept", "application/json, text/plain;q=0.9, */*;q=0.5");
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            headers.forEach(request::header);
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Object parsed = null;
            byte[] bytes = response.body();
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (bytes.length > 0 && type.contains("json")) {
                parsed = JSON.readValue(bytes, new TypeReference<Object>() {
                });
            } else if (bytes.length > 0) {
                parsed = new String(bytes, StandardCharsets.UTF_8);
            }
            Map<String, String> kept = new LinkedHashMap<>();
            for (String h : List.of("X-Audit-Event-Id", "Retry-After", "Location")) {
                response.headers().firstValue(h).ifPresent(v -> kept.put(h, v));
            }
            return new Answer(response.statusCode(), parsed, response.headers().firstValue("ETag").orElse(null), kept);
        } catch (IOException e) {
            return new Answer(502, Map.of("title", "Service unavailable", "detail", "The service did not answer; try again shortly"), null, Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        if (!path.startsWith("/api/")) {
            throw new IllegalArgumentException(path);
        }
        int end = path.indexOf('/', 5);
        String name = path.substring(5, end < 0 ? path.length() : end);
        String base = Optional.ofNullable(config.routes().get(name)).orElseThrow(() -> new IllegalArgumentException("no upstream " + name));
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(config.upstreamTimeout())
                .header("Authorization", "Bearer " + accessToken())
                .header("X-Request-Id", UUID.randomUUID().toString());
    }

    String accessToken() {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null) {
            throw new io.quarkus.security.UnauthorizedException("no console session");
        }
        return credential.getToken();
    }

    static String queryString(Map<String, ?> query) {
        StringBuilder s = new StringBuilder();
        query.forEach((k, v) -> {
            if (v != null && !v.toString().isBlank()) {
                s.append(s.isEmpty() ? '?' : '&').append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v.toString().trim(), StandardCharsets.UTF_8));
            }
        });
        return s.toString();
    }
}
