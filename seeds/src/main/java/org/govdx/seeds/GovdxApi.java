package org.govdx.seeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A small client of the govdx public APIs (through the gateway), acting as the demo users. */
public final class GovdxApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String tokenUrl;
    private final Map<String, String[]> tokens = new HashMap<>();

    public GovdxApi(String gateway, String keycloak) {
        this.gateway = gateway;
        this.tokenUrl = keycloak + "/realms/govdx/protocol/openid-connect/token";
    }

    /** An answer: status and parsed body (null when empty or not JSON). */
    public record Answer(int status, JsonNode body, String raw) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    public Answer get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(gateway + path)).GET());
    }

    public Answer put(String user, String path, Object body) {
        return send(user, HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    public Answer post(String user, String path, Object body) {
        return send(user, HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    public Answer postBytes(String user, String path, String contentType, byte[] body) {
        return send(user, HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private Answer send(String user, HttpRequest.Builder request) {
        request.header("Authorization", "Bearer " + token(user)).timeout(Duration.ofSeconds(120));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = null;
            String raw = response.body();
            if (raw != null && !raw.isBlank() && (raw.startsWith("{") || raw.startsWith("["))) {
                body = JSON.readTree(raw);
            }
            return new Answer(response.statusCode(), body, raw);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + gateway + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String token(String user) {
        String[] cached = tokens.get(user);
        if (cached != null && Instant.parse(cached[1]).isAfter(Instant.now().plusSeconds(30))) {
            return cached[0];
        }
        String form = "grant_type=password&client_id=govdx-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=demo";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + user + ": " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            String token = body.get("access_token").asText();
            tokens.put(user, new String[]{token, Instant.now().plusSeconds(body.get("expires_in").asLong()).toString()});
            return token;
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Keycloak at " + tokenUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
