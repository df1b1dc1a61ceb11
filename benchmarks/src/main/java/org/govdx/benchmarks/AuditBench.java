package org.govdx.benchmarks;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the audit benchmarks share: the service process, a service token, events, SQL, percentiles. */
final class AuditBench {

    static final String DB_HOST = System.getenv().getOrDefault("GOVDX_DB_HOST", "127.0.0.1");
    static final int DB_PORT = Integer.parseInt(System.getenv().getOrDefault("GOVDX_DB_PORT", "5432"));
    static final String DB_USER = System.getenv().getOrDefault("GOVDX_DB_USER", "postgres");
    static final String DB_PASSWORD = System.getenv().getOrDefault("GOVDX_DB_PASSWORD", "");
    static final String KEYCLOAK = System.getenv().getOrDefault("GOVDX_KEYCLOAK_URL", "http://localhost:8490");
    /** The heap of the audit service under benchmark (the default JIT, unlike ./govdx up's start-up-optimised flags). */
    static final String SERVICE_HEAP = "-Xmx512m";

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final String[] DEPARTMENTS = {"civil-affairs", "health", "public-security", "transport", "market-regulation", "hrss"};

    private AuditBench() {
    }

    /** The packaged audit service on {@code port} and {@code database}, started and ready. */
    static Process startService(Path root, String database, int port, String... extraProperties) throws Exception {
        Path jar = root.resolve("audit-service/target/quarkus-app/quarkus-run.jar");
        Path log = Files.createTempFile("audit-bench", ".log");
        List<String> command = new java.util.ArrayList<>(List.of("java", SERVICE_HEAP, "-Dquarkus.http.port=" + port,
                "-Dgovdx.db.name=" + database, "-Dquarkus.log.console.json.enabled=false"));
        String opts = System.getenv("AUDIT_BENCH_JVM_OPTS"); // e.g. a flight recording while profiling
        if (opts != null && !opts.isBlank()) {
            command.addAll(List.of(opts.trim().split("\\s+")));
        }
        for (String property : extraProperties) {
            command.add("-D" + property);
        }
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(900); // a migration of a large bench database takes a while
        while (!ready(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the audit service did not become ready; see " + log);
            }
            Thread.sleep(100);
        }
        System.out.println("audit service ready (pid " + process.pid() + ", log " + log + ")");
        return process;
    }

    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static boolean ready(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/ready").toURL().openConnection();
            connection.setConnectTimeout(200);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** A token of the relays' client (client credentials). */
    static String serviceToken() throws Exception {
        return token("grant_type=client_credentials&client_id=govdx-internal&client_secret=govdx-internal-secret");
    }

    /** A token of a demo user (password grant). */
    static String userToken(String username) throws Exception {
        return token("grant_type=password&client_id=govdx-cli&username=" + username + "&password=demo");
    }

    private static String token(String form) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/govdx/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("Keycloak gave no token: " + response.body());
        }
        return m.group(1);
    }

    /**
     * A data-access event as the exchange service logs it, written in RFC 8785 canonical form (members sorted, no
     * spaces), so the text is exactly what the audit service stores and hashes. About 560 bytes.
     */
    static String event(UUID eventId, Instant at, long seq) {
        String consumer = DEPARTMENTS[(int) (seq % DEPARTMENTS.length)];
        String owner = DEPARTMENTS[(int) ((seq / 7) % DEPARTMENTS.length)];
        return "{\"action\":\"data.read\",\"actor\":{\"clientId\":\"" + consumer + "-system\",\"department\":\"" + consumer
                + "\",\"roles\":[\"steward\"],\"subject\":\"5d0c2a4e-0d5e-4a4f-9d0e-" + String.format("%012d", seq % 1000)
                + "\",\"username\":\"service-account-" + consumer + "-system\"},\"agreementId\":\"agr-" + (seq % 997)
                + "\",\"datasetId\":\"ds-" + owner + "-" + (seq % 53) + "\",\"datasetVersion\":3,\"details\":{\"mode\":\"VIEW\",\"quotaLeft\":"
                + (100000 - seq % 100000) + ",\"rows\":" + (seq % 500) + "},\"eventId\":\"" + eventId + "\",\"fields\":[\"birth_date\",\"district\",\"name\"],"
                + "\"occurredAt\":\"" + at + "\",\"outcome\":\"ALLOWED\",\"ownerDepartment\":\"" + owner
                + "\",\"source\":\"exchange\",\"traceId\":\"" + eventId.toString().replace("-", "") + "\"}";
    }

    static String department(long seq) {
        return DEPARTMENTS[(int) (seq % DEPARTMENTS.length)];
    }

    static String owner(long seq) {
        return DEPARTMENTS[(int) ((seq / 7) % DEPARTMENTS.length)];
    }

    static byte[] leafHash(String entry) {
        MessageDigest sha = sha256();
        sha.update((byte) 0);
        return sha.digest(entry.getBytes(StandardCharsets.UTF_8));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection jdbc(String database, String... properties) throws SQLException {
        String url = "jdbc:postgresql://" + DB_HOST + ":" + DB_PORT + "/" + database + (properties.length == 0 ? "" : "?" + String.join("&", properties));
        return DriverManager.getConnection(url, DB_USER, DB_PASSWORD);
    }

    /** The q-quantile (0..1) of sorted values. */
    static double quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)];
    }

    static long[] sorted(List<long[]> parts) {
        int n = 0;
        for (long[] p : parts) {
            n += p.length;
        }
        long[] all = new long[n];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        Arrays.sort(all);
        return all;
    }

    /** A growable array of longs (latencies in microseconds), one per thread. */
    static final class Longs {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
