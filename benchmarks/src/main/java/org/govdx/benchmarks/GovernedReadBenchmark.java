package org.govdx.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.govdx.devstack.Databases;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code governed-read} and {@code governed-read-gateway}: throughput and p99 of a governed VIEW read (token
 * check, agreement, policy decision point, a page of 100 masked rows of a 10-field dataset, daily quota, the
 * {@code data.read} audit event in the outbox, committed before the response) at 50 concurrent connections,
 * beside the bare endpoint ({@link BareReadServer}: the same token check and the same 100 rows from the same
 * table, nothing else) measured in the same run; and the same pair through the gateway. Load: wrk (Debian
 * package), 2 threads, 50 connections, keep-alive. The catalog, exchange and gateway run from their built jars
 * with their own databases; the data come in through the public APIs (publish, upload, request, approve).
 * Needs PostgreSQL, Keycloak (./govdx keycloak), wrk and the built services. {@code BENCH_JFR_DIR=dir} records a flight
 * recording of each service into {@code dir/<module>.jfr}.
 */
public final class GovernedReadBenchmark {

    private static final int GATEWAY = 8790;
    private static final int CATALOG = 8791;
    private static final int EXCHANGE = 8792;
    private static final int BARE = 8793;
    private static final String CATALOG_DB = "govdx_catalog_gread";
    private static final String EXCHANGE_DB = "govdx_exchange_gread";
    private static final int ROWS = 10_000;
    private static final String KEYCLOAK = System.getenv().getOrDefault("GOVDX_KEYCLOAK_URL", "http://localhost:8490");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PURPOSE = "SOCIAL_ASSISTANCE_ELIGIBILITY";
    private static final List<String> FIELDS = List.of("resident_id", "name", "mobile", "district_code", "birth_date", "sex", "address",
            "household_size", "income", "status");

    private GovernedReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Databases.recreate("127.0.0.1", 5432, "postgres", "", CATALOG_DB, EXCHANGE_DB);
        List<Process> processes = new ArrayList<>();
        try {
            processes.add(service(root, "catalog-service", CATALOG, List.of("-Dgovdx.db.name=" + CATALOG_DB)));
            processes.add(service(root, "exchange-service", EXCHANGE, List.of("-Dgovdx.db.name=" + EXCHANGE_DB,
                    "-Dgovdx.catalog.url=http://127.0.0.1:" + CATALOG)));
            awaitReady(processes.get(0), CATALOG);
            awaitReady(processes.get(1), EXCHANGE);
            String datasetId = publishAndUpload();
            String agreementId = agreement(datasetId);
            processes.add(bare(root, datasetId));
            processes.add(service(root, "gateway", GATEWAY, List.of("-Dgovdx.gateway.routes.catalog=http://127.0.0.1:" + CATALOG,
                    "-Dgovdx.gateway.routes.exchange=http://127.0.0.1:" + EXCHANGE, "-Dgovdx.gateway.routes.bare=http://127.0.0.1:" + BARE,
                    // the per-department rate limit would turn most of the load into 429s: lifted, the benchmark measures the forwarding
                    "-Dgovdx.gateway.rate-limit.per-second=1000000", "-Dgovdx.gateway.rate-limit.burst=1000000")));
            awaitReady(processes.get(3), GATEWAY);
            awaitPort(BARE);

            String token = token("hrss-steward");
            String governedPath = "/api/exchange/agreements/" + agreementId + "/query";
            String body = JSON.writeValueAsString(Map.of("mode", "VIEW", "purpose", PURPOSE, "fields", FIELDS, "pageSize", 100));
            Path script = Files.createTempFile("governed-read", ".lua");
            Files.writeString(script, "wrk.method = \"POST\"\nwrk.body = '" + body + "'\n"
                    + "wrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n"
                    + "wrk.headers[\"X-Case-Reference\"] = \"HRSS-2026-7\"\n");
            check("http://127.0.0.1:" + EXCHANGE + governedPath, body, token, 100);
            check("http://127.0.0.1:" + BARE + "/bare", body, token, 100);
            check("http://127.0.0.1:" + GATEWAY + governedPath, body, token, 100);
            check("http://127.0.0.1:" + GATEWAY + "/api/bare/read", body, token, 100);

            // warm both JITs, then measure each side; bare and governed alternate so that load from elsewhere hits both alike
            warm("http://127.0.0.1:" + BARE + "/bare", script);
            warm("http://127.0.0.1:" + EXCHANGE + governedPath, script);
            Wrk bare = wrk("http://127.0.0.1:" + BARE + "/bare", script, seconds);
            Wrk governed = wrk("http://127.0.0.1:" + EXCHANGE + governedPath, script, seconds);
            warm("http://127.0.0.1:" + GATEWAY + "/api/bare/read", script);
            warm("http://127.0.0.1:" + GATEWAY + governedPath, script);
            Wrk bareGateway = wrk("http://127.0.0.1:" + GATEWAY + "/api/bare/read", script, seconds);
            Wrk governedGateway = wrk("http://127.0.0.1:" + GATEWAY + governedPath, script, seconds);
            System.out.printf("direct: governed %.0f req/s p99 %.1f ms, bare %.0f req/s p99 %.1f ms%n", governed.rps, governed.p99, bare.rps, bare.p99);
            System.out.printf("gateway: governed %.0f req/s p99 %.1f ms, bare %.0f req/s p99 %.1f ms%n", governedGateway.rps, governedGateway.p99,
                    bareGateway.rps, bareGateway.p99);
            String baseline = "bare endpoint: same token check, same 100 rows of hosted_row, no policy/masking/quota/audit (50 connections, wrk), req/s";
            String baselineGateway = "the bare endpoint through the gateway (50 connections, wrk), req/s";
            Results.write(root, "governed-read", "./benchmarks/run governed-read", List.of(
                    Result.higherIsBetter("governed-read", governed.rps, "req/s", baseline, bare.rps),
                    Result.lowerIsBetter("governed-read-p99", governed.p99, "ms", "p99 of the bare endpoint, ms", bare.p99),
                    Result.higherIsBetter("governed-read-gateway", governedGateway.rps, "req/s", baselineGateway, bareGateway.rps),
                    Result.lowerIsBetter("governed-read-gateway-p99", governedGateway.p99, "ms", "p99 of the bare endpoint through the gateway, ms",
                            bareGateway.p99)));
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            }
        }
    }

    // ------------------------------------------------------------------ processes

    static Process service(Path root, String module, int port, List<String> properties) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-Dquarkus.http.port=" + port, "-Dgovdx.outbox.relay.enabled=false",
                "-Dquarkus.log.console.json.enabled=false", "-Dquarkus.log.level=WARN"));
        command.addAll(properties);
        String jfr = System.getenv("BENCH_JFR_DIR");
        if (jfr != null && !jfr.isBlank()) {
            // a profile of each service during the run (jfr print --events jdk.ExecutionSample ...), off by default
            command.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).resolve(module + ".jfr") + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-jar", root.resolve(module + "/target/quarkus-app/quarkus-run.jar").toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Files.createTempFile("governed-read-" + module, ".log").toFile()).start();
    }

    static Process bare(Path root, String datasetId) throws IOException {
        String cp = root.resolve("benchmarks/target/classes") + ":" + Files.readString(root.resolve("benchmarks/target/classpath.txt")).trim();
        return new ProcessBuilder(List.of("java", "-Xmx256m", "-cp", cp, BareReadServer.class.getName(), Integer.toString(BARE), EXCHANGE_DB, KEYCLOAK,
                datasetId, "1")).redirectErrorStream(true).redirectOutput(Files.createTempFile("governed-read-bare", ".log").toFile()).start();
    }

    static void awaitReady(Process service, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(360); // a shared, busy machine starts services slowly
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service on " + port + " exited while starting");
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("the service on " + port + " did not become ready");
    }

    static void awaitPort(int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("nothing listens on " + port);
    }

    // ------------------------------------------------------------------ data, through the public APIs

    static String publishAndUpload() throws Exception {
        String catalog = "http://127.0.0.1:" + CATALOG;
        for (String dept : List.of("civil-affairs", "hrss")) {
            send("PUT", catalog + "/api/catalog/departments/" + dept, "platform-admin", Map.of("code", dept, "nameZh", dept + " 局", "nameEn", dept), null);
        }
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(field("resident_id", "STRING", "RESTRICTED", "resident_id", true));
        fields.add(field("name", "STRING", "RESTRICTED", "chinese_name", false));
        fields.add(field("mobile", "STRING", "RESTRICTED", "mobile", false));
        fields.add(field("district_code", "STRING", "OPEN", "none", false));
        fields.add(field("birth_date", "DATE", "RESTRICTED", "generalize(date:year)", false));
        fields.add(field("sex", "STRING", "OPEN", "none", false));
        fields.add(field("address", "STRING", "RESTRICTED", "address", false));
        fields.add(field("household_size", "INTEGER", "OPEN", "none", false));
        fields.add(field("income", "DECIMAL", "RESTRICTED", "generalize(number:1000)", false));
        fields.add(field("status", "STRING", "OPEN", "none", false));
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("code", "CIVILAFFAIRS-GREAD");
        dataset.put("ownerDepartment", "civil-affairs");
        dataset.put("titleZh", "低保家庭");
        dataset.put("titleEn", "Minimum living allowance households");
        dataset.put("description", "基准测试 benchmark");
        dataset.put("keywords", List.of("benchmark"));
        dataset.put("category", "population");
        dataset.put("updateFrequency", "DAILY");
        dataset.put("legalBasis", "《政务数据共享条例》");
        dataset.put("classification", "RESTRICTED");
        dataset.put("distribution", "HOSTED");
        dataset.put("fields", fields);
        HttpResponse<String> created = send("POST", catalog + "/api/catalog/datasets", "civil-affairs-steward", dataset, null);
        String id = JSON.readTree(created.body()).get("id").asText();
        send("POST", catalog + "/api/catalog/datasets/" + id + "/submit", "civil-affairs-steward", null, created.headers().firstValue("ETag").orElseThrow());
        String etag = send("GET", catalog + "/api/catalog/datasets/" + id, "civil-affairs-cdo", null, null).headers().firstValue("ETag").orElseThrow();
        send("POST", catalog + "/api/catalog/datasets/" + id + "/publish", "civil-affairs-cdo", null, etag);

        Random random = new Random(5);
        StringBuilder rows = new StringBuilder();
        String surnames = "王李张刘陈杨黄赵吴周";
        for (int i = 0; i < ROWS; i++) {
            rows.append(JSON.writeValueAsString(Map.of("resident_id", residentId(random), "name", surnames.charAt(random.nextInt(10)) + "小明",
                    "mobile", "13" + (100000000 + random.nextInt(899999999)), "district_code", "32050" + random.nextInt(9),
                    "birth_date", LocalDate.of(1940 + random.nextInt(80), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString(),
                    "sex", random.nextBoolean() ? "M" : "F", "address", "江苏省苏州市姑苏区人民路" + random.nextInt(999) + "号",
                    "household_size", 1 + random.nextInt(6), "income", random.nextInt(900000) / 100.0, "status", "ACTIVE"))).append('\n');
        }
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + EXCHANGE + "/api/exchange/datasets/" + id + "/versions/1/rows"))
                .header("Authorization", "Bearer " + token("civil-affairs-steward")).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(rows.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (upload.statusCode() != 201) {
            throw new IllegalStateException("upload answered " + upload.statusCode() + ": " + upload.body());
        }
        return id;
    }

    static String agreement(String datasetId) throws Exception {
        String exchange = "http://127.0.0.1:" + EXCHANGE + "/api/exchange/requests";
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("datasetId", datasetId);
        d.put("fields", FIELDS);
        d.put("purpose", PURPOSE);
        d.put("purposeDetail", "核对低保申请人家庭情况 verify applicants' households");
        d.put("legalBasis", "《社会救助暂行办法》第十一条");
        d.put("accessMode", "VIEW");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        d.put("termStart", today.toString());
        d.put("termEnd", today.plusMonths(6).toString());
        d.put("dailyRowQuota", 100_000_000L);
        d.put("expectedVolume", 10_000_000L);
        d.put("retentionDays", 90);
        d.put("minGroupSize", 10);
        d.put("authorisedUsers", List.of("hrss-steward"));
        d.put("caseReference", "人社〔2026〕7号");
        String id = JSON.readTree(send("POST", exchange, "hrss-steward", d, null).body()).get("id").asText();
        send("POST", exchange + "/" + id + "/submit", "hrss-steward", Map.of(), null);
        send("POST", exchange + "/" + id + "/endorse", "hrss-cdo", Map.of("reason", "同意"), etag(exchange + "/" + id, "hrss-cdo"));
        return JSON.readTree(send("POST", exchange + "/" + id + "/approve", "civil-affairs-cdo", Map.of("reason", "同意"),
                etag(exchange + "/" + id, "civil-affairs-cdo")).body()).get("agreementId").asText();
    }

    static String etag(String url, String user) throws Exception {
        return send("GET", url, user, null, null).headers().firstValue("ETag").orElseThrow();
    }

    static Map<String, Object> field(String name, String type, String fieldClass, String masking, boolean key) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("titleZh", name);
        f.put("titleEn", name.replace('_', ' '));
        f.put("type", type);
        f.put("dataElement", null);
        f.put("fieldClass", fieldClass);
        f.put("defaultMasking", masking);
        f.put("key", key);
        f.put("required", key);
        return f;
    }

    /** A valid 18-character resident identity number (GB 11643 check digit). */
    static String residentId(Random random) {
        String body = "320505" + (1940 + random.nextInt(80)) + String.format("%02d%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))
                + String.format("%03d", random.nextInt(1000));
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    static HttpResponse<String> send(String method, String url, String user, Object body, String ifMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token(user));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    static String token(String user) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/govdx/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=govdx-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("no token for " + user + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    static void check(String url, String body, String token, int rows) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("X-Case-Reference", "HRSS-2026-7")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode page = r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        if (page == null || page.path("rows").size() != rows) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        System.out.println(url + ": " + rows + " rows, " + r.body().length() + " bytes, e.g. " + page.path("rows").get(0));
    }

    // ------------------------------------------------------------------ load

    record Wrk(double rps, double p99, long errors) {
    }

    /**
     * Warms a side until its throughput settles: 5-second runs until it has run at least 30 s, served 15,000 requests
     * and two runs in a row differ by less than 5 % (at most 120 s). A 15-second rule stopped while the exchange's C2
     * compiler still used about a third of the machine during the measured phase (JFR ThreadCPULoad, a quiet run):
     * the governed path runs far more code than the bare endpoint and its throughput climbs in steps. The same rule
     * for both sides keeps them comparable; the bare endpoint settles at the minimum.
     */
    static void warm(String url, Path script) throws Exception {
        double previous = -1;
        double served = 0;
        for (int run = 1; run <= 24; run++) {
            double rps = wrk(url, script, 5).rps;
            served += rps * 5;
            if (run >= 6 && served >= 15_000 && previous > 0 && Math.abs(rps - previous) < 0.05 * previous) {
                return;
            }
            previous = rps;
        }
    }

    static Wrk wrk(String url, Path script, int seconds) throws Exception {
        Process p = new ProcessBuilder("wrk", "-t2", "-c50", "-d" + seconds + "s", "--latency", "--timeout", "10s", "-s", script.toString(), url)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher rps = Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(out);
        Matcher p99 = Pattern.compile("99%\\s+([\\d.]+)(us|ms|s)").matcher(out);
        Matcher errors = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)").matcher(out);
        if (!rps.find() || !p99.find()) {
            throw new IllegalStateException("wrk said: " + out);
        }
        double latency = Double.parseDouble(p99.group(1)) * switch (p99.group(2)) {
            case "us" -> 0.001;
            case "s" -> 1000;
            default -> 1;
        };
        long failed = errors.find() ? Long.parseLong(errors.group(1)) : 0;
        System.out.printf("%s: %s req/s, p99 %.1f ms, non-2xx %d%n", url, rps.group(1), latency, failed);
        if (failed > 0) {
            throw new IllegalStateException(url + ": " + failed + " non-2xx answers under load:\n" + out);
        }
        return new Wrk(Double.parseDouble(rps.group(1)), latency, failed);
    }
}
