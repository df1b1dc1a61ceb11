package org.govdx.testsupport;

import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes datasets in a real catalog the way departments do: the owner's steward drafts and submits, the
 * owner's CDO publishes. Each call makes a fresh dataset (unique code), so tests share no state.
 */
public final class CatalogDatasets {

    private final String baseUri;

    public CatalogDatasets(String baseUri) {
        this.baseUri = baseUri;
    }

    /** A civil-affairs residents dataset: RESTRICTED, with OPEN, RESTRICTED and FORBIDDEN fields. */
    public UUID publishResidents() {
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(field("resident_id", "公民身份号码", "RESTRICTED", "resident_id", true));
        fields.add(field("name", "姓名", "RESTRICTED", "chinese_name", false));
        fields.add(field("district_code", "区县代码", "OPEN", "none", false));
        fields.add(field("birth_date", "出生日期", "RESTRICTED", "generalize(date:year)", false));
        fields.add(field("ethnicity", "民族", "FORBIDDEN", "redact", false));
        return publish("civil-affairs", "RESTRICTED", fields);
    }

    /** A transport traffic-count dataset: OPEN, all fields OPEN. */
    public UUID publishTrafficCounts() {
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(field("station_id", "站点", "OPEN", "none", true));
        fields.add(field("district_code", "区县代码", "OPEN", "none", false));
        fields.add(field("vehicle_count", "车流量", "OPEN", "none", false));
        return publish("transport", "OPEN", fields);
    }

    /** A health dataset classed FORBIDDEN. */
    public UUID publishVaccinations() {
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(field("clinic_name", "接种单位", "OPEN", "none", true));
        fields.add(field("vaccine", "疫苗", "FORBIDDEN", "redact", false));
        return publish("health", "FORBIDDEN", fields);
    }

    public static Map<String, Object> field(String name, String titleZh, String fieldClass, String masking, boolean key) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("titleZh", titleZh);
        f.put("titleEn", name.replace('_', ' '));
        f.put("type", "STRING");
        f.put("dataElement", null);
        f.put("fieldClass", fieldClass);
        f.put("defaultMasking", masking);
        f.put("key", key);
        f.put("required", key);
        return f;
    }

    public UUID publish(String owner, String classification, List<Map<String, Object>> fields) {
        return publish(owner, classification, fields, "HOSTED");
    }

    /** {@code distribution}: "HOSTED", or {@code Map.of("mode", "PROXIED", "endpoint", url)} for a dataset served by its provider. */
    public UUID publish(String owner, String classification, List<Map<String, Object>> fields, Object distribution) {
        registerDepartment(owner);
        String code = owner.toUpperCase().replace("-", "") + "-T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("code", code);
        dataset.put("ownerDepartment", owner);
        dataset.put("titleZh", "测试数据集 " + code);
        dataset.put("titleEn", "Test dataset " + code);
        dataset.put("description", "用于测试 for tests");
        dataset.put("keywords", List.of("test"));
        dataset.put("category", "population");
        dataset.put("updateFrequency", "DAILY");
        dataset.put("legalBasis", "OPEN".equals(classification) ? null : "《政务数据共享条例》");
        dataset.put("classification", classification);
        dataset.put("distribution", distribution);
        dataset.put("fields", fields);
        Response created = RestAssured.given().baseUri(baseUri).auth().oauth2(Tokens.of(owner + "-steward"))
                .contentType("application/json").body(dataset).post("/api/catalog/datasets");
        expect(created, "draft");
        String id = created.jsonPath().getString("id");
        expect(RestAssured.given().baseUri(baseUri).auth().oauth2(Tokens.of(owner + "-steward"))
                .header("If-Match", created.header("ETag")).post("/api/catalog/datasets/" + id + "/submit"), "submit");
        Response current = RestAssured.given().baseUri(baseUri).auth().oauth2(Tokens.of(owner + "-cdo")).get("/api/catalog/datasets/" + id);
        expect(RestAssured.given().baseUri(baseUri).auth().oauth2(Tokens.of(owner + "-cdo"))
                .header("If-Match", current.header("ETag")).post("/api/catalog/datasets/" + id + "/publish"), "publish");
        return UUID.fromString(id);
    }

    /** The platform admin registers the department (idempotent), as the demo loader does from the realm. */
    public void registerDepartment(String code) {
        expect(RestAssured.given().baseUri(baseUri).auth().oauth2(Tokens.of("platform-admin")).contentType("application/json")
                .body(Map.of("code", code, "nameZh", code + " 局", "nameEn", code)).put("/api/catalog/departments/" + code), "register department");
    }

    private static void expect(Response response, String step) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("catalog " + step + " answered " + response.statusCode() + ": " + response.asString());
        }
    }
}
