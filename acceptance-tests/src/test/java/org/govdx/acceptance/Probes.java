package org.govdx.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.govdx.acceptance.OpenApiOperations.Operation;
import org.govdx.testsupport.GovdxStack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns an OpenAPI operation into a concrete, well-formed request against the {@link World}: path parameters name
 * the world's resources, bodies are valid, and {@code If-Match} carries a version that does not exist yet. So a caller
 * the service lets through meets 412 (or 4xx validation of the state) and changes nothing, while a caller it refuses
 * meets 401/403/404: the status tells the authorization decision without writing.
 */
public final class Probes {

    public static final String STALE_ETAG = "\"999999\"";
    static final String SETTLED_DAY = "2031-01-07";
    /** Never set, so deleting it is 404 for whoever may delete and 403 for the rest, whatever ran before. */
    static final String UNSET_DAY = "2031-01-08";
    static final RestAssuredConfig TIMEOUTS = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 5000).setParam("http.socket.timeout", 30000));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode dataElement;

    private Probes() {
    }

    /** The concrete path of an operation in this world. */
    public static String path(Operation op, World world) {
        String path = op.path();
        String collection = path.split("/")[3];
        for (Map.Entry<String, String> p : op.parameters().entrySet()) {
            if (!"path".equals(p.getValue())) {
                continue;
            }
            String value = switch (p.getKey()) {
                case "id" -> switch (collection) {
                    case "datasets" -> world.dataset.toString();
                    case "corrections" -> world.correctionId;
                    case "agreements" -> world.agreementId;
                    case "requests" -> world.requestId;
                    default -> UUID.nameUUIDFromBytes(collection.getBytes(StandardCharsets.UTF_8)).toString();
                };
                case "code" -> switch (collection) {
                    case "datasets" -> world.datasetCode;
                    case "departments" -> Principals.PROVIDER;
                    default -> "DE0001";
                };
                // registering a proxy endpoint would turn the world's hosted dataset into a proxied one: a dataset that does not exist
                case "datasetId" -> op.path().endsWith("/proxy") && "PUT".equals(op.method())
                        ? UUID.nameUUIDFromBytes("no-such-dataset".getBytes(StandardCharsets.UTF_8)).toString() : world.dataset.toString();
                case "requestId" -> world.requestId;
                case "agreementId" -> world.agreementId;
                case "uploadId" -> world.uploadId;
                case "version" -> "1";
                case "day" -> "DELETE".equals(op.method()) ? UNSET_DAY : SETTLED_DAY;
                case "year" -> "2026";
                case "department" -> Principals.PROVIDER;
                case "name" -> "conformity-review-working-days";
                case "action" -> "endorse";
                case "size" -> "999999999"; // never signed: who may look gets 404, whatever the checkpointer did meanwhile
                case "path" -> "0/000";
                // a resource the world does not have (an extract, …): the matrix still shows who is refused before the lookup
                default -> UUID.nameUUIDFromBytes(p.getKey().getBytes(StandardCharsets.UTF_8)).toString();
            };
            path = path.replace("{" + p.getKey() + "}", value);
        }
        return path;
    }

    /** A valid body for the operation, or null when it takes none. */
    public static Object body(Operation op, World world) {
        if (op.contentType() == null) {
            return null;
        }
        String key = op.key();
        if (!op.takesJson()) {
            return "{\"resident_id\":\"110101199003077777\",\"name\":\"王五\",\"district_code\":\"320599\",\"income\":1,\"ethnicity\":\"汉\"}\n";
        }
        Map<String, Object> reason = Map.of("reason", "验收测试 acceptance probe");
        return switch (key) {
            case "POST /api/catalog/datasets", "PUT /api/catalog/datasets/{id}/draft" -> datasetDraft();
            case "POST /api/catalog/datasets/{id}/corrections" -> Map.of("recordKey", Map.of("resident_id", "320505199001011233"),
                    "field", "name", "proposedValue", "李四", "evidence", "户口簿");
            case "POST /api/catalog/corrections/{id}/answer" -> Map.of("outcome", "REJECTED", "reason", "经核对原始登记材料，登记值无误");
            case "PUT /api/catalog/departments/{code}" -> Map.of("code", Principals.PROVIDER, "nameZh", "民政局", "nameEn", "Civil Affairs");
            case "PUT /api/catalog/data-elements/{code}" -> dataElement();
            case "POST /api/catalog/data-elements/{code}/validate" -> Map.of("value", "110101199003077777");
            case "PUT /api/catalog/datasets/{id}/versions/{version}/quality" -> Map.of("completeness", 1.0, "validity", 1.0,
                    "uniqueness", 1.0, "rowCount", World.ROWS, "measuredAt", java.time.OffsetDateTime.now().toString());
            case "POST /api/exchange/agreements/{agreementId}/query" -> World.view(World.GRANTED, 5);
            case "PUT /api/exchange/calendar/days/{day}" -> Map.of("kind", "HOLIDAY", "name", "验收");
            case "POST /api/exchange/disputes/{id}/close" -> Map.of("outcome", "SETTLED", "resolution", "协调完毕");
            case "POST /api/exchange/requests", "PUT /api/exchange/requests/{id}" -> world.draftBody("VIEW");
            case "POST /api/exchange/requests/{id}/disputes" -> Map.of("statement", "请平台协调");
            case "PUT /api/exchange/settings/{name}" -> Map.of("value", 2);
            case "PUT /api/exchange/datasets/{datasetId}/versions/{version}/proxy" -> Map.of("endpoint",
                    "https://api.civil-affairs.example.gov.cn/residents", "auth", Map.of("scheme", "bearer", "token", "acceptance-probe"));
            case "POST /api/audit/ingest" -> Map.of("events", List.of());
            default -> reason;
        };
    }

    static Map<String, Object> datasetDraft() {
        String code = "CIVILAFFAIRS-P" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("code", code);
        dataset.put("ownerDepartment", Principals.PROVIDER);
        dataset.put("titleZh", "验收数据集 " + code);
        dataset.put("titleEn", "Acceptance dataset " + code);
        dataset.put("description", "acceptance probe");
        dataset.put("keywords", List.of("acceptance"));
        dataset.put("category", "population");
        dataset.put("updateFrequency", "DAILY");
        dataset.put("legalBasis", "《政务数据共享条例》");
        dataset.put("classification", "RESTRICTED");
        dataset.put("distribution", "HOSTED");
        dataset.put("fields", List.of(org.govdx.testsupport.CatalogDatasets.field("resident_id", "公民身份号码", "RESTRICTED", "resident_id", true)));
        return dataset;
    }

    static synchronized JsonNode dataElement() {
        if (dataElement == null) {
            try {
                dataElement = JSON.readTree(Files.readString(GovdxStack.root().resolve("seeds/catalog/data-elements.json"))).get(0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return dataElement;
    }

    /** Sends the probe of an operation as a column to a base URL (the gateway or the owning service). */
    public static Response send(Operation op, World world, String column, String baseUri) {
        RequestSpecification spec = World.as(baseUri, column).config(TIMEOUTS);
        for (Map.Entry<String, String> p : op.parameters().entrySet()) {
            if ("header".equals(p.getValue())) {
                switch (p.getKey()) {
                    case "If-Match" -> spec.header("If-Match", STALE_ETAG);
                    case "X-Case-Reference" -> spec.header("X-Case-Reference", World.CASE_REFERENCE);
                    default -> { }
                }
            }
        }
        if (op.key().startsWith("POST /api/exchange/datasets/")) {
            spec.queryParam("mode", "append");
        }
        Object body = body(op, world);
        if (body != null) {
            spec.contentType(op.contentType());
            if (body instanceof String text) {
                spec.body(text.getBytes(StandardCharsets.UTF_8));
            } else {
                spec.body(body);
            }
        }
        return spec.request(op.method(), path(op, world));
    }
}
