package org.govdx.acceptance;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.govdx.testsupport.GovdxStack;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The faults that stop shared infrastructure, run on the suite's own PostgreSQL and Keycloak (a separate JVM, the
 * {@code own-infrastructure} failsafe execution; see {@link OwnInfrastructure}):
 * <ol>
 *   <li>PostgreSQL stopped cleanly and, later, its postmaster killed with SIGKILL, under read load: while it is down
 *   every call answers at once with 503 problem+json (never a 500, never a hang); once it is back the services serve
 *   again without being restarted; every answered read and refusal is in the audit log exactly once, audit = quota, and
 *   the Merkle log verifies.</li>
 *   <li>Keycloak stopped under read load: tokens are verified offline against the cached signing keys, so callers
 *   holding a valid token keep being served (decision 0061); nobody gets a new token; a token that is missing, expired,
 *   from another issuer, forged, or signed under a key id the services never saw is 401 problem+json; nothing is a 500.
 *   Keycloak restarted: new tokens work, and the outboxes deliver every audit event.</li>
 * </ol>
 */
@ExtendWith(AcceptanceStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwnInfrastructureIT {

    static final int THREADS = 3;
    static final int STEADY_SECONDS = AcceptanceStack.FULL ? 20 : 6;
    static final int DOWN_SECONDS = AcceptanceStack.FULL ? 30 : 8;
    static final long SLOW_MILLIS = 10_000;
    /** Audit event ids of the probes' answered reads (they read the same agreement as the load). */
    final java.util.Set<String> probeIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    /** One call made while something was down: what came back and how long it took. */
    record Probe(String what, int status, String contentType, long millis, boolean data) {
        String kind() {
            return what + " → " + (status < 0 ? "no answer" : status + (contentType.startsWith("application/problem+json") ? " problem+json" : " " + contentType))
                    + (millis > SLOW_MILLIS ? " SLOW" : "") + (data ? " WITH DATA" : "");
        }
    }

    @org.junit.jupiter.api.BeforeAll
    static void onlyOnTheOwnInfrastructure() {
        org.junit.jupiter.api.Assumptions.assumeTrue(OwnInfrastructure.ENABLED, "runs in the own-infrastructure execution only");
    }

    @Test
    @Order(1)
    void restartingPostgresqlUnderLoadLosesNothingAndAnswers503WhileItIsDown() throws Exception {
        World world = World.shared();
        String agreement = world.agreement("VIEW", 100_000_000L);
        Map<String, Long> pids = servicePids();
        List<String> timeline = new ArrayList<>();
        Map<String, Integer> outage = new TreeMap<>();
        List<Probe> probes = new ArrayList<>();
        ReadLoad load = new ReadLoad(agreement, THREADS, 0, 10).start();
        try {
            Thread.sleep(STEADY_SECONDS * 1000L);
            for (String fault : List.of("stopped (pg_ctl stop -m fast)", "postmaster killed with SIGKILL")) {
                long before = load.allowedIds.size();
                long t0 = System.nanoTime();
                String how = fault;
                if (fault.startsWith("stopped")) {
                    OwnInfrastructure.stopPostgres();
                } else {
                    how += " (pid " + OwnInfrastructure.killPostmaster() + ")";
                }
                long until = System.nanoTime() + DOWN_SECONDS * 1_000_000_000L;
                while (System.nanoTime() < until) {
                    for (Probe p : probeReads(agreement)) {
                        probes.add(p);
                        outage.merge(p.kind(), 1, Integer::sum);
                    }
                    Thread.sleep(500);
                }
                OwnInfrastructure.startPostgres();
                long restarted = System.nanoTime();
                long recovered = awaitServed(agreement, Duration.ofSeconds(120));
                timeline.add("PostgreSQL " + how + " after " + before + " answered reads; down " + (restarted - t0) / 1_000_000
                        + " ms; reads served again " + (recovered - restarted) / 1_000_000 + " ms after it was back");
                Thread.sleep(STEADY_SECONDS * 1000L);
            }
        } finally {
            load.close();
        }
        Map<String, Long> pidsAfter = servicePids();
        AuditTrail.Consistency result = AuditTrail.Consistency.after(load, probeIds, agreement);
        long badProbes = probes.stream().filter(p -> p.status() != 503 || !p.contentType().startsWith("application/problem+json")
                || p.millis() > SLOW_MILLIS || p.data()).count();
        List<String> details = new ArrayList<>(timeline);
        details.add("calls while PostgreSQL was down (a VIEW read, an aggregate and a catalog search through the gateway, and a read "
                + "straight to the exchange, every 0.5 s): " + outage);
        details.add("services restarted: " + (pids.equals(pidsAfter) ? "none (the same pids before and after: " + pids + ")" : pids + " → " + pidsAfter));
        details.addAll(result.details(THREADS));
        boolean ok = result.holds(THREADS * 2L) && badProbes == 0 && pids.equals(pidsAfter) && !probes.isEmpty();
        Reliability.record(new Reliability.Result("6-postgres-restart", "PostgreSQL restart under load",
                "the stack on its own embedded PostgreSQL 15 (devstack): stopped cleanly, then its postmaster killed with SIGKILL, each "
                        + "under " + THREADS + " threads of governed reads, down " + DOWN_SECONDS + " s, started again; services not restarted",
                result.answered() + result.refused() + probes.size(), ok ? result.answered() + result.refused() + probes.size() - badProbes : 0,
                ok ? "nothing" : "see details", details));

        assertThat(probes).as("calls while PostgreSQL was down").isNotEmpty();
        assertThat(outage.keySet()).as("every call while PostgreSQL is down answers 503 problem+json at once, without data")
                .allMatch(k -> k.endsWith("503 problem+json"));
        assertThat(pidsAfter).as("the services recover without a restart").isEqualTo(pids);
        result.assertHolds(THREADS * 2L);
    }

    @Test
    @Order(2)
    void stoppingKeycloakLetsValidTokensReadAndRefusesEveryOtherCaller() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(OwnInfrastructure.OWN_KEYCLOAK, "full form only (or -Dacceptance.own-keycloak)");
        World world = World.shared();
        String agreement = world.agreement("VIEW", 100_000_000L);
        // tokens are fetched before the outage: they live 15 minutes (the realm's access token lifespan)
        Map<String, String> invalid = new LinkedHashMap<>();
        invalid.put("no token", null);
        invalid.put("expired token", Principals.token("expired-token"));
        invalid.put("forged token (known key id)", Principals.token("forged-token"));
        invalid.put("token signed under an unknown key id", forgedWithUnknownKeyId());
        String otherIssuer = otherKeycloakToken();
        if (otherIssuer != null) {
            invalid.put("token of another Keycloak (the machine's shared one)", otherIssuer);
        }
        String consumerToken = Principals.token("consumer-steward");
        Map<String, Long> pids = servicePids();
        Map<String, Integer> outage = new TreeMap<>();
        List<Probe> probes = new ArrayList<>();
        List<String> timeline = new ArrayList<>();
        ReadLoad load = new ReadLoad(agreement, THREADS, 0, 10).start();
        long servedDuringOutage;
        String tokenFetchDuringOutage;
        String draftDuringOutage;
        try {
            Thread.sleep(STEADY_SECONDS * 1000L);
            long before = load.allowedIds.size();
            long t0 = System.nanoTime();
            OwnInfrastructure.stopKeycloak();
            long stopped = System.nanoTime();
            long atStop = load.allowedIds.size();
            tokenFetchDuringOutage = tokenFetch();
            long until = System.nanoTime() + DOWN_SECONDS * 1_000_000_000L;
            while (System.nanoTime() < until) {
                for (Map.Entry<String, String> caller : invalid.entrySet()) {
                    for (String base : List.of(AcceptanceStack.GATEWAY, AcceptanceStack.url("exchange"))) {
                        Probe p = read(caller.getKey() + (base.equals(AcceptanceStack.GATEWAY) ? "" : " direct"), base, agreement, caller.getValue());
                        probes.add(p);
                        outage.merge(p.kind(), 1, Integer::sum);
                    }
                }
                Thread.sleep(1000);
            }
            // a write that calls the catalog with the exchange's own service token (obtained from Keycloak earlier)
            HttpResponse<String> draft = http.send(HttpRequest.newBuilder(URI.create(AcceptanceStack.GATEWAY + "/api/exchange/requests"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + consumerToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(world.draftBody("VIEW"))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            draftDuringOutage = draft.statusCode() + " " + draft.headers().firstValue("Content-Type").orElse("");
            servedDuringOutage = load.allowedIds.size() - atStop;
            OwnInfrastructure.startKeycloak();
            long back = System.nanoTime();
            timeline.add("Keycloak stopped after " + before + " answered reads (stopping took " + (stopped - t0) / 1_000_000 + " ms), down "
                    + (back - stopped) / 1_000_000 + " ms including its restart; " + servedDuringOutage
                    + " reads with tokens issued before the outage were served meanwhile");
            timeline.add("a token fetch while Keycloak was down: " + tokenFetchDuringOutage + "; drafting a request (the exchange asks the "
                    + "catalog with its service token): " + draftDuringOutage);
            Thread.sleep(STEADY_SECONDS * 1000L);
        } finally {
            load.close();
        }
        String tokenAfter = tokenFetch();
        Probe withNewToken = read("a token issued after the restart", AcceptanceStack.GATEWAY, agreement, freshConsumerToken());
        timeline.add("after the restart: token fetch " + tokenAfter + "; a read with it → " + withNewToken.status());
        Map<String, Long> pidsAfter = servicePids();
        AuditTrail.Consistency result = AuditTrail.Consistency.after(load, probeIds, agreement);
        long badProbes = probes.stream().filter(p -> p.status() != 401 || !p.contentType().startsWith("application/problem+json")
                || p.millis() > SLOW_MILLIS || p.data()).count();
        boolean draftOk = draftDuringOutage.startsWith("201") || draftDuringOutage.startsWith("503 application/problem+json");
        List<String> details = new ArrayList<>(timeline);
        details.add("callers without a valid token while Keycloak was down (a VIEW read through the gateway and straight to the exchange, "
                + "every second): " + outage);
        details.add("services restarted: " + (pids.equals(pidsAfter) ? "none" : pids + " → " + pidsAfter));
        details.addAll(result.details(THREADS));
        boolean ok = result.holds(0) && badProbes == 0 && servedDuringOutage > 0 && draftOk && withNewToken.status() == 200
                && tokenFetchDuringOutage.startsWith("refused") && pids.equals(pidsAfter);
        Reliability.record(new Reliability.Result("7-keycloak-outage", "Keycloak outage under load",
                "the stack on its own Keycloak (same distribution, own data): stopped for " + DOWN_SECONDS + " s under " + THREADS
                        + " threads of governed reads holding valid tokens, while callers with no, expired, forged, foreign or unknown-key "
                        + "tokens knock; then restarted",
                result.answered() + result.refused() + probes.size(), ok ? result.answered() + result.refused() + probes.size() - badProbes : 0,
                ok ? "nothing" : "see details", details));

        assertThat(servedDuringOutage).as("reads with valid tokens served while Keycloak is down (offline verification)").isPositive();
        assertThat(tokenFetchDuringOutage).as("no new token while Keycloak is down").startsWith("refused");
        assertThat(outage.keySet()).as("every caller without a valid token gets 401 problem+json at once, without data")
                .allMatch(k -> k.endsWith("401 problem+json"));
        assertThat(draftOk).as("a write needing a service token during the outage: " + draftDuringOutage).isTrue();
        assertThat(withNewToken.status()).as("a read with a token issued after the restart").isEqualTo(200);
        assertThat(pidsAfter).as("the services recover without a restart").isEqualTo(pids);
        result.assertHolds(0);
    }

    // ---- calls ----

    private List<Probe> probeReads(String agreement) {
        String token = Principals.token("consumer-steward");
        List<Probe> probes = new ArrayList<>();
        probes.add(read("VIEW read", AcceptanceStack.GATEWAY, agreement, token));
        probes.add(read("VIEW read direct", AcceptanceStack.url("exchange"), agreement, token));
        probes.add(call("AGGREGATE", HttpRequest.newBuilder(URI.create(AcceptanceStack.GATEWAY + "/api/exchange/agreements/" + agreement + "/query"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").header("X-Case-Reference", "HRSS-2026-7")
                .POST(HttpRequest.BodyPublishers.ofString(json(World.aggregate(List.of("district_code"), List.of("count")))))));
        probes.add(call("catalog search", HttpRequest.newBuilder(URI.create(AcceptanceStack.GATEWAY + "/api/catalog/datasets?q=x"))
                .header("Authorization", "Bearer " + token).GET()));
        return probes;
    }

    private Probe read(String what, String base, String agreement, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/exchange/agreements/" + agreement + "/query"))
                .header("Content-Type", "application/json").header("X-Case-Reference", "HRSS-2026-7")
                .POST(HttpRequest.BodyPublishers.ofString(json(World.view(World.GRANTED, 5))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return call(what, request);
    }

    private Probe call(String what, HttpRequest.Builder request) {
        long t0 = System.nanoTime();
        try {
            HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> r = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && built.uri().getPath().endsWith("/query")) {
                r.headers().firstValue("X-Audit-Event-Id").ifPresent(probeIds::add);
            }
            return new Probe(what, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), (System.nanoTime() - t0) / 1_000_000,
                    r.body().contains("\"rows\"") || r.body().contains("\"groups\"") || r.body().contains("\"items\""));
        } catch (Exception e) {
            return new Probe(what + " (" + e.getClass().getSimpleName() + ")", -1, "", (System.nanoTime() - t0) / 1_000_000, false);
        }
    }

    private long awaitServed(String agreement, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (read("recovery", AcceptanceStack.GATEWAY, agreement, Principals.token("consumer-steward")).status() == 200) {
                return System.nanoTime();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("reads were not served again within " + timeout + " after PostgreSQL came back");
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> servicePids() throws Exception {
        Map<String, Long> pids = new TreeMap<>();
        for (String s : List.of("gateway", "catalog", "exchange", "audit")) {
            long pid = AcceptanceStack.pid(s);
            pids.put(s, ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? pid : -pid);
        }
        return pids;
    }

    // ---- tokens ----

    /** A password grant at the own Keycloak, bypassing the token cache: "refused (...)" or "issued". */
    private String tokenFetch() {
        try {
            HttpResponse<String> r = tokenRequest(GovdxStack.REALM_URL);
            return r.statusCode() == 200 ? "issued" : "refused (" + r.statusCode() + ")";
        } catch (Exception e) {
            return "refused (" + e.getClass().getSimpleName() + ")";
        }
    }

    private String freshConsumerToken() throws Exception {
        HttpResponse<String> r = tokenRequest(GovdxStack.REALM_URL);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("access_token").asText();
    }

    private HttpResponse<String> tokenRequest(String realmUrl) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=govdx-cli&username=" + Principals.CONSUMER
                        + "-steward&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A token of the same consumer from the machine's shared Keycloak (same realm file, other issuer and keys), if it runs. */
    private String otherKeycloakToken() {
        try {
            HttpResponse<String> r = tokenRequest("http://localhost:8490/realms/govdx");
            return r.statusCode() == 200 ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("access_token").asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The right issuer, audience and claims, signed with a key of our own under a key id Keycloak never published. */
    private static String forgedWithUnknownKeyId() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(GovdxStack.REALM_URL).audience("govdx")
                .subject(UUID.randomUUID().toString()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("typ", "Bearer").claim("azp", "govdx-cli").claim("preferred_username", Principals.CONSUMER + "-steward")
                .claim("department", Principals.CONSUMER).claim("groups", List.of("steward", "cdo")).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
