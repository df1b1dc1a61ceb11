package org.govdx.testsupport;

import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real access tokens from the govdx realm: demo users (password grant on govdx-cli) and department systems. */
public final class Tokens {

    public static final String DEMO_PASSWORD = "demo";
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, Instant expires) {
    }

    private Tokens() {
    }

    /** A token for a demo user, e.g. {@code civil-affairs-steward}, {@code health-cdo}, {@code auditor}. */
    public static String of(String username) {
        return cached("user:" + username, () -> RestAssured.given()
                .formParam("grant_type", "password")
                .formParam("client_id", "govdx-cli")
                .formParam("username", username)
                .formParam("password", DEMO_PASSWORD)
                .post(GovdxStack.REALM_URL + "/protocol/openid-connect/token"));
    }

    /** A token for a department's system client, e.g. {@code health-system}: secret {@code health-secret}. */
    public static String ofSystem(String department) {
        String clientId = department + "-system";
        return cached("client:" + clientId, () -> RestAssured.given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", department + "-secret")
                .post(GovdxStack.REALM_URL + "/protocol/openid-connect/token"));
    }

    /** The internal service client the outbox relays use. */
    public static String ofService() {
        return cached("client:govdx-internal", () -> RestAssured.given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "govdx-internal")
                .formParam("client_secret", "govdx-internal-secret")
                .post(GovdxStack.REALM_URL + "/protocol/openid-connect/token"));
    }

    private static String cached(String key, java.util.function.Supplier<Response> fetch) {
        Cached hit = CACHE.get(key);
        if (hit != null && hit.expires().isAfter(Instant.now().plusSeconds(30))) {
            return hit.token();
        }
        GovdxStack.ensureKeycloak();
        Response response = fetch.get();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + key + ": " + response.asString());
        }
        String token = response.jsonPath().getString("access_token");
        int expiresIn = response.jsonPath().getInt("expires_in");
        CACHE.put(key, new Cached(token, Instant.now().plusSeconds(expiresIn)));
        return token;
    }
}
