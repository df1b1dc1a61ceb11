package org.govdx.k8s;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One rendered Kubernetes object, with the accessors the checks need. */
record Manifest(ObjectNode node) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<Manifest> parse(String yamlStream) {
        List<Manifest> out = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(yamlStream);
             MappingIterator<JsonNode> it = YAML.readValues(parser, JsonNode.class)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && n.isObject() && !n.isEmpty()) {
                    out.add(new Manifest((ObjectNode) n));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("rendered YAML does not parse: " + e.getMessage(), e);
        }
        return out;
    }

    String apiVersion() {
        return node.path("apiVersion").asText();
    }

    String kind() {
        return node.path("kind").asText();
    }

    /** apiVersion/kind, e.g. apps/v1/Deployment. */
    String type() {
        return apiVersion() + "/" + kind();
    }

    String name() {
        return node.path("metadata").path("name").asText();
    }

    String namespace() {
        return node.path("metadata").path("namespace").asText("");
    }

    boolean is(String kind) {
        return kind().equals(kind);
    }

    JsonNode spec() {
        return node.path("spec");
    }

    Map<String, String> labels() {
        return strings(node.path("metadata").path("labels"));
    }

    /** The pod template's spec of a workload, or a missing node. */
    JsonNode podSpec() {
        return is("Deployment") || is("StatefulSet") || is("DaemonSet") ? spec().path("template").path("spec") : MissingNode.getInstance();
    }

    Map<String, String> podLabels() {
        return strings(spec().path("template").path("metadata").path("labels"));
    }

    static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    @Override
    public String toString() {
        return kind() + "/" + name();
    }
}
