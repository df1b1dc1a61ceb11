package org.govdx.acceptance;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.govdx.testsupport.GovdxStack;
import org.govdx.testsupport.Tokens;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everyone who may knock: the roles of the provider department that owns the fixtures (civil-affairs), of the
 * consumer department that holds the agreement (hrss) and of an uninvolved department (transport); the auditor and
 * the platform admin; and four callers who must never get in: no token, an expired govdx token, a token from
 * another realm of the same Keycloak (with the right audience and department claim), and a token with govdx's
 * issuer, audience and Keycloak's key id but signed with a key of our own.
 */
public final class Principals {

    public static final String PROVIDER = "civil-affairs";
    public static final String CONSUMER = "hrss";
    public static final String OTHER = "transport";
    static final String FOREIGN_REALM = "govdx-acceptance-foreign";
    static final String EXPIRING_CLIENT = "govdx-acceptance-expiring";

    /** Column names of the matrix, in order; the department variants name the role and whose fixtures it meets. */
    public static final List<String> COLUMNS = List.of(
            "provider-steward", "provider-cdo", "provider-system",
            "consumer-steward", "consumer-cdo", "consumer-system",
            "other-steward", "other-cdo", "other-system",
            "auditor", "platform-admin",
            "no-token", "expired-token", "other-realm-token", "forged-token");

    public static final List<String> UNAUTHENTICATED = List.of("no-token", "expired-token", "other-realm-token", "forged-token");

    private static String expired;
    private static String foreign;
    private static String forged;

    private Principals() {
    }

    /** The bearer token of a column, or null for no-token. */
    public static synchronized String token(String column) {
        return switch (column) {
            case "no-token" -> null;
            case "expired-token" -> expired == null ? expired = expiredToken() : expired;
            case "other-realm-token" -> foreign == null ? foreign = foreignRealmToken() : foreign;
            case "forged-token" -> forged == null ? forged = forgedToken() : forged;
            case "auditor", "platform-admin" -> Tokens.of(column);
            default -> {
                String department = department(column);
                String role = column.substring(column.indexOf('-') + 1);
                yield "system".equals(role) ? Tokens.ofSystem(department) : Tokens.of(department + "-" + role);
            }
        };
    }

    /** The principal a system column acts on behalf of (X-On-Behalf-Of), else null. */
    public static String onBehalfOf(String column) {
        return column.endsWith("-system") ? department(column) + "-steward" : null;
    }

    static String department(String column) {
        if (column.startsWith("provider-")) {
            return PROVIDER;
        }
        if (column.startsWith("consumer-")) {
            return CONSUMER;
        }
        if (column.startsWith("other-")) {
            return OTHER;
        }
        return null;
    }

    private static String adminToken() {
        return RestAssured.given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post(GovdxStack.KEYCLOAK_URL + "/realms/master/protocol/openid-connect/token").jsonPath().getString("access_token");
    }

    private static void createIfMissing(String url, Map<String, Object> representation) {
        Response r = RestAssured.given().auth().oauth2(adminToken()).contentType("application/json").body(representation).post(url);
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IllegalStateException("Keycloak admin " + url + " answered " + r.statusCode() + ": " + r.asString());
        }
    }

    /** A real govdx token (steward of the provider) from a client whose tokens live 1 s; used after it expired. */
    static String expiredToken() {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", EXPIRING_CLIENT);
        client.put("publicClient", true);
        client.put("directAccessGrantsEnabled", true);
        client.put("standardFlowEnabled", false);
        client.put("defaultClientScopes", List.of("govdx"));
        client.put("attributes", Map.of("access.token.lifespan", "1"));
        createIfMissing(GovdxStack.KEYCLOAK_URL + "/admin/realms/govdx/clients", client);
        Response r = RestAssured.given().formParam("grant_type", "password").formParam("client_id", EXPIRING_CLIENT)
                .formParam("username", PROVIDER + "-steward").formParam("password", Tokens.DEMO_PASSWORD)
                .post(GovdxStack.REALM_URL + "/protocol/openid-connect/token");
        String token = r.jsonPath().getString("access_token");
        if (token == null) {
            throw new IllegalStateException("no token from " + EXPIRING_CLIENT + ": " + r.asString());
        }
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return token;
    }

    /** A token of a second realm on the same Keycloak that claims audience govdx, department civil-affairs and role steward. */
    static String foreignRealmToken() {
        createIfMissing(GovdxStack.KEYCLOAK_URL + "/admin/realms", Map.of("realm", FOREIGN_REALM, "enabled", true));
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", "civil-affairs-system");
        client.put("publicClient", false);
        client.put("secret", "civil-affairs-secret");
        client.put("serviceAccountsEnabled", true);
        client.put("standardFlowEnabled", false);
        client.put("protocolMappers", List.of(
                mapper("audience", "oidc-audience-mapper", Map.of("included.custom.audience", "govdx", "access.token.claim", "true")),
                mapper("department", "oidc-hardcoded-claim-mapper", Map.of("claim.name", "department", "claim.value", PROVIDER,
                        "jsonType.label", "String", "access.token.claim", "true")),
                mapper("groups", "oidc-hardcoded-claim-mapper", Map.of("claim.name", "groups", "claim.value", "[\"steward\",\"platform-admin\"]",
                        "jsonType.label", "JSON", "access.token.claim", "true"))));
        createIfMissing(GovdxStack.KEYCLOAK_URL + "/admin/realms/" + FOREIGN_REALM + "/clients", client);
        Response r = RestAssured.given().formParam("grant_type", "client_credentials").formParam("client_id", "civil-affairs-system")
                .formParam("client_secret", "civil-affairs-secret")
                .post(GovdxStack.KEYCLOAK_URL + "/realms/" + FOREIGN_REALM + "/protocol/openid-connect/token");
        String token = r.jsonPath().getString("access_token");
        if (token == null) {
            throw new IllegalStateException("no token from realm " + FOREIGN_REALM + ": " + r.asString());
        }
        return token;
    }

    private static Map<String, Object> mapper(String name, String type, Map<String, String> config) {
        return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", type, "config", config);
    }

    /** govdx's issuer, audience, claims and Keycloak's current key id, signed with a key Keycloak never saw. */
    static String forgedToken() {
        try {
            String kid = RestAssured.given().get(GovdxStack.REALM_URL + "/protocol/openid-connect/certs").jsonPath()
                    .getString("keys.find { it.use == 'sig' && it.alg == 'RS256' }.kid");
            RSAKey key = new RSAKeyGenerator(2048).keyID(kid).generate();
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(GovdxStack.REALM_URL).audience("govdx")
                    .subject(UUID.randomUUID().toString()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                    .claim("typ", "Bearer").claim("azp", "govdx-cli").claim("preferred_username", PROVIDER + "-steward")
                    .claim("department", PROVIDER).claim("groups", List.of("steward", "cdo", "platform-admin", "auditor")).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException("cannot forge a token", e);
        }
    }
}
