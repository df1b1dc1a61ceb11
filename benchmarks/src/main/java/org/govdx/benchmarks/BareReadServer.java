package org.govdx.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The baseline of {@code governed-read}: the bare endpoint. It checks the same bearer token the exchange does
 * (RS256 signature against Keycloak's JWKS, expiry, issuer, audience) and reads the same 100 rows of the same
 * {@code hosted_row} table with the same reactive PostgreSQL client (pool of 16, as the services), and writes
 * them as JSON: no agreement, no policy decision, no masking, no quota, no audit. Benchmark-only; it is not part
 * of any service. Args: port, database, keycloak URL, dataset id, version.
 */
public final class BareReadServer extends AbstractVerticle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Buffer UNAUTHORIZED = Buffer.buffer("{\"status\":401}");

    private final Pool pool;
    private final Map<String, PublicKey> keys;
    private final String issuer;
    private final UUID dataset;
    private final int version;
    private final int port;

    BareReadServer(Pool pool, Map<String, PublicKey> keys, String issuer, UUID dataset, int version, int port) {
        this.pool = pool;
        this.keys = keys;
        this.issuer = issuer;
        this.dataset = dataset;
        this.version = version;
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String database = args[1];
        String keycloak = args[2];
        UUID dataset = UUID.fromString(args[3]);
        int version = Integer.parseInt(args[4]);
        String issuer = keycloak + "/realms/govdx";
        Map<String, PublicKey> keys = jwks(issuer + "/protocol/openid-connect/certs");
        Vertx vertx = Vertx.vertx();
        Pool pool = Pool.pool(vertx, new PgConnectOptions().setHost("127.0.0.1").setPort(5432).setDatabase(database).setUser("postgres")
                .setCachePreparedStatements(true), new PoolOptions().setMaxSize(16));
        int instances = 2 * Runtime.getRuntime().availableProcessors();
        vertx.deployVerticle(() -> new BareReadServer(pool, keys, issuer, dataset, version, port), new DeploymentOptions().setInstances(instances))
                .toCompletionStage().toCompletableFuture().get();
        System.out.println("bare read server on " + port);
    }

    @Override
    public void start() {
        vertx.createHttpServer().requestHandler(this::handle).listen(port);
    }

    private void handle(HttpServerRequest request) {
        request.body().onComplete(ignored -> {
            if (!verified(request.getHeader("Authorization"))) {
                request.response().setStatusCode(401).end(UNAUTHORIZED);
                return;
            }
            pool.preparedQuery("select row_no, data::text from hosted_row where dataset_id = $1 and dataset_version = $2 and row_no > $3 order by row_no limit $4")
                    .execute(Tuple.of(dataset, version, 0L, 101)).onComplete(ar -> {
                        if (ar.failed()) {
                            request.response().setStatusCode(500).end(String.valueOf(ar.cause()));
                            return;
                        }
                        Buffer out = Buffer.buffer(32 * 1024).appendString("{\"rows\":[");
                        int n = 0;
                        long last = 0;
                        for (Row r : ar.result()) {
                            if (n == 100) {
                                break;
                            }
                            out.appendString(n++ == 0 ? "" : ",").appendString(r.getString(1));
                            last = r.getLong(0);
                        }
                        out.appendString("],\"nextCursor\":\"").appendString(Long.toString(last)).appendString("\"}");
                        request.response().putHeader("Content-Type", "application/json").end(out);
                    });
        });
    }

    /** The same checks as the services' OIDC: signature by a realm key, not expired, the realm as issuer, govdx in the audience. */
    private boolean verified(String authorization) {
        try {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return false;
            }
            String[] parts = authorization.substring(7).split("\\.");
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            PublicKey key = keys.get(header.path("kid").asText());
            if (key == null || !"RS256".equals(header.path("alg").asText())) {
                return false;
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return false;
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode aud = claims.path("aud");
            boolean audience = aud.isArray() ? aud.toString().contains("\"govdx\"") : "govdx".equals(aud.asText());
            return claims.path("exp").asLong() > System.currentTimeMillis() / 1000 && issuer.equals(claims.path("iss").asText()) && audience;
        } catch (Exception e) {
            return false;
        }
    }

    static Map<String, PublicKey> jwks(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, PublicKey> keys = new HashMap<>();
        for (JsonNode k : JSON.readTree(r.body()).path("keys")) {
            if (!"RSA".equals(k.path("kty").asText()) || !"sig".equals(k.path("use").asText("sig"))) {
                continue;
            }
            BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(k.path("n").asText()));
            BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(k.path("e").asText()));
            keys.put(k.path("kid").asText(), KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
        }
        return keys;
    }
}
