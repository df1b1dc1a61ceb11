package org.govdx.catalog.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.govdx.testsupport.GovdxStack;
import org.govdx.testsupport.Tokens;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers: the demo departments and data elements, dataset bodies built from the demo catalog, and the outbox. */
public final class Catalog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile boolean ready;

    private Catalog() {
    }

    public static Path seeds() {
        return GovdxStack.root().resolve("seeds");
    }

    /** Registers the realm's departments and the demo data elements (idempotent), once per test JVM. */
    public static synchronized void ensureBasics() {
        if (ready) {
            return;
        }
        String admin = Tokens.of("platform-admin");
        for (String[] d : new String[][]{{"civil-affairs", "民政局", "Civil Affairs Bureau"}, {"health", "卫生健康委员会", "Health Commission"},
                {"public-security", "公安局", "Public Security Bureau"}, {"transport", "交通运输局", "Transport Bureau"},
                {"market-regulation", "市场监督管理局", "Market Regulation Administration"}, {"hrss", "人力资源和社会保障局", "HR and Social Security Bureau"}}) {
            given().auth().oauth2(admin).contentType("application/json").body(Map.of("code", d[0], "nameZh", d[1], "nameEn", d[2]))
                    .put("/api/catalog/departments/" + d[0]).then().statusCode(200);
        }
        for (Map<String, Object> element : read(seeds().resolve("catalog/data-elements.json"), new TypeReference<List<Map<String, Object>>>() {
        })) {
            given().auth().oauth2(admin).contentType("application/json").body(element)
                    .put("/api/catalog/data-elements/" + element.get("code")).then().statusCode(200);
        }
        ready = true;
    }

    /** A demo dataset's JSON (seeds/catalog/datasets/NAME.json) with a fresh unique code. */
    public static Map<String, Object> demo(String name) {
        Map<String, Object> body = read(seeds().resolve("catalog/datasets/" + name + ".json"), new TypeReference<LinkedHashMap<String, Object>>() {
        });
        body.put("code", uniqueCode(name));
        return body;
    }

    public static String uniqueCode(String prefix) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder s = new StringBuilder(prefix).append("-T");
        for (int i = 0; i < 8; i++) {
            s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** Two random CJK characters: a Chinese "word" no other test uses. */
    public static String uniqueHanWord() {
        return new String(Character.toChars(0x4E00 + ThreadLocalRandom.current().nextInt(0x9FA5 - 0x4E00)))
                + new String(Character.toChars(0x4E00 + ThreadLocalRandom.current().nextInt(0x9FA5 - 0x4E00)));
    }

    /** An English word no other test uses. */
    public static String uniqueWord() {
        String letters = "bcdfghjklmnpqrstvwxz";
        StringBuilder s = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            s.append(letters.charAt(ThreadLocalRandom.current().nextInt(letters.length())));
        }
        return s.toString();
    }

    /** A copy of a list of maps (the fields of a body) to change safely. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> fields(Map<String, Object> body) {
        List<Map<String, Object>> copy = new ArrayList<>();
        for (Object f : (List<Object>) body.get("fields")) {
            copy.add(new LinkedHashMap<>((Map<String, Object>) f));
        }
        body.put("fields", copy);
        return copy;
    }

    public static Response create(String user, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.of(user)).contentType("application/json").body(body).post("/api/catalog/datasets");
    }

    /** Drafts (steward), submits (steward) and publishes (CDO) a dataset; returns its id. */
    public static String publish(Map<String, Object> body, String steward, String cdo) {
        String id = create(steward, body).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.of(steward)).post("/api/catalog/datasets/" + id + "/submit").then().statusCode(200);
        given().auth().oauth2(Tokens.of(cdo)).post("/api/catalog/datasets/" + id + "/publish").then().statusCode(200);
        return id;
    }

    public static String etag(String user, String id) {
        return given().auth().oauth2(Tokens.of(user)).get("/api/catalog/datasets/" + id).then().statusCode(200).extract().header("ETag");
    }

    /** Outbox events with this action, about this dataset (or department), optionally only DENIED ones. */
    public static long events(Pool pool, String action, String about, boolean deniedOnly) {
        return pool.preparedQuery("select count(*) from outbox_event where action = $1 and payload like $2 and ($3 = false or payload like '%\"outcome\":\"DENIED\"%')")
                .execute(Tuple.of(action, "%" + about + "%", deniedOnly))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    /** ALLOWED outbox events with this action about this dataset. */
    public static long allowed(Pool pool, String action, String about) {
        return events(pool, action, about, false) - events(pool, action, about, true);
    }

    public static long count(Pool pool, String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    public static void exec(Pool pool, String sql, Object... args) {
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(5));
    }

    /** Steers the exchange stub. */
    public static void stub(String exchangeUrl, String method, String path, String body) {
        var request = given().baseUri(exchangeUrl).contentType("application/json");
        if (body != null) {
            request = request.body(body);
        }
        int status = request.request(method, path).statusCode();
        assertThat(status).isBetween(200, 299);
    }

    public static void consumers(String exchangeUrl, String datasetId, String... departments) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < departments.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"department\":\"").append(departments[i]).append("\",\"agreementId\":\"").append(UUID.randomUUID())
                    .append("\",\"datasetVersion\":1}");
        }
        stub(exchangeUrl, "PUT", "/_stub/consumers/" + datasetId, json.append(']').toString());
    }

    /** Polls until {@code condition} holds (the scheduler runs every second in tests). */
    public static void eventually(Duration timeout, Runnable assertion) {
        long deadline = System.nanoTime() + timeout.toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                last = e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw last == null ? new AssertionError("condition not met") : last;
    }

    private static <T> T read(Path file, TypeReference<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
