package org.govdx.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every operation the services publish in their OpenAPI documents ({@code /q/openapi?format=json} of each service). */
public final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static List<Operation> cached;

    /**
     * One operation.
     *
     * @param service     catalog, exchange or audit
     * @param method      GET, POST, …
     * @param path        the path template, e.g. {@code /api/exchange/requests/{id}}
     * @param parameters  its parameters: name to location (path, query, header)
     * @param contentType the request body's first media type, or null without a body
     * @param schema      the request body's JSON schema with references resolved one level, or null
     */
    public record Operation(String service, String method, String path, Map<String, String> parameters, String contentType, JsonNode schema) {

        /** The key in the matrix file: {@code METHOD path}. */
        public String key() {
            return method + " " + path;
        }

        public boolean mutates() {
            return !"GET".equals(method);
        }

        public boolean takesJson() {
            return "application/json".equals(contentType);
        }
    }

    private OpenApiOperations() {
    }

    public static synchronized List<Operation> all() {
        if (cached != null) {
            return cached;
        }
        ObjectMapper json = new ObjectMapper();
        List<Operation> operations = new ArrayList<>();
        for (String service : AcceptanceStack.SERVICES) {
            try {
                JsonNode doc = json.readTree(RestAssured.given().baseUri(AcceptanceStack.url(service)).queryParam("format", "json")
                        .get("/q/openapi").then().statusCode(200).extract().asString());
                for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
                    Map.Entry<String, JsonNode> path = paths.next();
                    for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                        Map.Entry<String, JsonNode> op = ops.next();
                        if (!METHODS.contains(op.getKey())) {
                            continue;
                        }
                        Map<String, String> parameters = new java.util.LinkedHashMap<>();
                        for (JsonNode p : path.getValue().path("parameters")) {
                            parameters.put(p.path("name").asText(), p.path("in").asText());
                        }
                        for (JsonNode p : op.getValue().path("parameters")) {
                            parameters.put(p.path("name").asText(), p.path("in").asText());
                        }
                        JsonNode content = op.getValue().path("requestBody").path("content");
                        String contentType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
                        JsonNode schema = contentType == null ? null : resolve(doc, content.path(contentType).path("schema"));
                        operations.add(new Operation(service, op.getKey().toUpperCase(), path.getKey(), parameters, contentType, schema));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the OpenAPI document of " + service, e);
            }
        }
        operations.sort(java.util.Comparator.comparing(Operation::path).thenComparing(Operation::method));
        cached = List.copyOf(operations);
        return cached;
    }

    /** Resolves {@code $ref} (also inside properties and items) against the document's components. */
    static JsonNode resolve(JsonNode doc, JsonNode schema) {
        return resolve(doc, schema, 0);
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 6) {
            return schema;
        }
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            return resolve(doc, doc.path("components").path("schemas").path(name), depth + 1);
        }
        if (schema.has("properties") || schema.has("items")) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = schema.deepCopy();
            if (schema.has("properties")) {
                com.fasterxml.jackson.databind.node.ObjectNode props = copy.putObject("properties");
                schema.path("properties").fields().forEachRemaining(e -> props.set(e.getKey(), resolve(doc, e.getValue(), depth + 1)));
            }
            if (schema.has("items")) {
                copy.set("items", resolve(doc, schema.path("items"), depth + 1));
            }
            return copy;
        }
        return schema;
    }
}
