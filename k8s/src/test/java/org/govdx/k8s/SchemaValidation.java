package org.govdx.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every rendered object against its schema. Kubernetes' own kinds are read into the fabric8 kubernetes-model
 * classes (generated from the Kubernetes OpenAPI) strictly: no scalar coercion (a number where a string
 * belongs, "true" for a boolean) and no unknown field anywhere (fabric8 keeps unknown fields aside in
 * additionalProperties; any found is a violation). The operators' kinds are checked against the JSON schemas
 * in k8s/schemas/. Any other apiVersion/kind is refused: add it to one table or the other first.
 */
final class SchemaValidation {

    static final Map<String, Class<?>> BUILT_IN = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "apps/v1/Deployment", Deployment.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    static final Set<String> CUSTOM = Set.of(
            "postgresql.cnpg.io/v1/Cluster",
            "postgresql.cnpg.io/v1/ScheduledBackup",
            "k8s.keycloak.org/v2alpha1/Keycloak",
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport");

    private static final ObjectMapper STRICT = strictMapper();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private SchemaValidation() {
    }

    static List<Violation> validate(List<Manifest> manifests) {
        List<Violation> out = new ArrayList<>();
        for (Manifest m : manifests) {
            out.addAll(validate(m));
        }
        return out;
    }

    static List<Violation> validate(Manifest m) {
        List<Violation> out = new ArrayList<>();
        String type = m.type();
        if (m.name().isEmpty()) {
            out.add(new Violation("schema", m.toString(), "metadata.name is missing"));
        }
        Class<?> cls = BUILT_IN.get(type);
        if (cls != null) {
            Object typed;
            try {
                typed = STRICT.treeToValue(m.node(), cls);
            } catch (IOException | IllegalArgumentException e) {
                out.add(new Violation("schema", m.toString(), "does not fit " + type + ": " + firstLine(e.getMessage())));
                return out;
            }
            unknownFields(typed, "", out, m, new IdentityHashMap<>());
            return out;
        }
        if (CUSTOM.contains(type)) {
            for (ValidationMessage vm : schema(type).validate(m.node())) {
                out.add(new Violation("schema", m.toString(), type + ": " + vm.getMessage()));
            }
            return out;
        }
        out.add(new Violation("schema", m.toString(), "no schema for " + type + " (neither a Kubernetes kind known here nor a CRD in k8s/schemas)"));
        return out;
    }

    private static JsonSchema schema(String type) {
        return SCHEMAS.computeIfAbsent(type, t -> {
            int slash = t.lastIndexOf('/');
            String file = t.substring(0, slash).replace('/', '_') + "_" + t.substring(slash + 1) + ".json";
            Path p = Paths.k8s().resolve("schemas").resolve(file);
            try {
                JsonNode node = new ObjectMapper().readTree(Files.readString(p));
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + p, e);
            }
        });
    }

    /** Walks the typed object graph; any non-empty additionalProperties is a field the schema does not have. */
    private static void unknownFields(Object o, String path, List<Violation> out, Manifest m, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                unknownFields(item, path + "[" + i++ + "]", out, m, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, out, m, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object v;
                try {
                    v = f.get(o);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (f.getName().equals("additionalProperties")) {
                    if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        for (Object key : extra.keySet()) {
                            out.add(new Violation("schema", m.toString(), "unknown field " + (path.isEmpty() ? "" : path.substring(1) + ".") + key));
                        }
                    }
                    continue;
                }
                JsonProperty jp = f.getAnnotation(JsonProperty.class);
                unknownFields(v, path + "." + (jp != null && !jp.value().isEmpty() ? jp.value() : f.getName()), out, m, seen);
            }
        }
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
