package org.govdx.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * govdx's own rules for what it runs on a cluster, over one rendered overlay. Each rule has a name (the
 * violation's first word) and is described where it is checked; {@link #check} runs them all.
 */
final class Policies {

    enum Profile { DEV, PROD, TEMPLATES }

    /**
     * Values published in the repository that the code falls back to in development (KeyService, LogKeys, the
     * seed realm). The dev overlay may carry exactly these; nothing else may carry any value at all.
     */
    static final Set<String> PUBLISHED_DEVELOPMENT_VALUES = Set.of(
            "govdx-internal-secret",
            "ZGV2ZWxvcG1lbnQtb25seS1nb3ZkeC1tYXN0ZXIta2V5",
            "PRIVATE+KEY+govdx.example/audit-log+65ce2905+AYPZuuk7hjjCfzfYUtmxdEDoeXC1udAf+taxwYKsNl/z");

    private static final Set<String> APP_COMPONENTS = Set.of("service", "gateway");
    private static final long MIN_HEAP = 128L << 20;
    private static final long MIN_NON_HEAP = 256L << 20;

    private final List<Manifest> all;
    private final Profile profile;
    private final List<Manifest> secretTemplates;
    private final List<Violation> out = new ArrayList<>();

    private Policies(List<Manifest> all, Profile profile, List<Manifest> secretTemplates) {
        this.all = all;
        this.profile = profile;
        this.secretTemplates = secretTemplates;
    }

    static List<Violation> check(List<Manifest> manifests, Profile profile, List<Manifest> secretTemplates) {
        Policies p = new Policies(manifests, profile, secretTemplates);
        p.secretValues();
        if (profile != Profile.TEMPLATES) {
            p.containers();
            p.jvmHeap();
            p.serviceAccounts();
            p.networkPolicyCoverage();
            p.networkFlows();
            p.servicesSelectPods();
            p.ingressBackends();
            p.references();
            p.autoscaling();
            p.disruptionBudgets();
            p.databaseConnections();
            p.collectorConfig();
            if (profile == Profile.PROD) {
                p.spread();
                p.operatorsHighlyAvailable();
                p.backups();
            }
        }
        return p.out;
    }

    private void fail(String rule, Manifest m, String message) {
        out.add(new Violation(rule, m.toString(), message));
    }

    private List<Manifest> of(String kind) {
        return all.stream().filter(m -> m.is(kind)).toList();
    }

    private Optional<Manifest> find(String kind, String name) {
        return all.stream().filter(m -> m.is(kind) && m.name().equals(name)).findFirst();
    }

    private static boolean isApp(Manifest m) {
        return m.is("Deployment") && APP_COMPONENTS.contains(m.labels().getOrDefault("app.kubernetes.io/component", ""));
    }

    // ------------------------------------------------------------------ containers

    /**
     * limits, probes, non-root, read-only-root, no-escalation, capabilities, seccomp, image-pinned, host: every
     * container has CPU and memory requests and limits (requests within limits), readiness, liveness and
     * startup probes on a port it declares (the SmallRye Health paths for govdx's services), runs as a non-root
     * user with a read-only root file system and a writable emptyDir at /tmp, cannot gain privileges, drops
     * ALL capabilities and adds none, runs under the RuntimeDefault (or a Localhost) seccomp profile, uses an
     * image with a pinned tag (not latest; a release in prod) or digest, and shares nothing with the host.
     */
    private void containers() {
        for (Manifest d : of("Deployment")) {
            JsonNode pod = d.podSpec();
            JsonNode podSc = pod.path("securityContext");
            for (String flag : List.of("hostNetwork", "hostPID", "hostIPC")) {
                if (pod.path(flag).asBoolean(false)) {
                    fail("host", d, flag + " is set");
                }
            }
            Set<String> emptyDirs = new HashSet<>();
            pod.path("volumes").forEach(v -> {
                if (v.has("emptyDir")) {
                    emptyDirs.add(v.path("name").asText());
                }
            });
            List<JsonNode> containers = new ArrayList<>();
            pod.path("initContainers").forEach(containers::add);
            int initCount = containers.size();
            pod.path("containers").forEach(containers::add);
            for (int i = 0; i < containers.size(); i++) {
                JsonNode c = containers.get(i);
                boolean init = i < initCount;
                String where = "container " + c.path("name").asText();
                JsonNode res = c.path("resources");
                for (String kind : List.of("limits", "requests")) {
                    for (String r : List.of("cpu", "memory")) {
                        if (!res.path(kind).hasNonNull(r)) {
                            fail("limits", d, where + " has no " + kind + "." + r);
                        }
                    }
                }
                if (res.path("limits").has("cpu") && res.path("requests").has("cpu")
                        && Quantities.millicores(res.path("requests").path("cpu").asText()) > Quantities.millicores(res.path("limits").path("cpu").asText())) {
                    fail("limits", d, where + " requests more CPU than its limit");
                }
                if (res.path("limits").has("memory") && res.path("requests").has("memory")
                        && Quantities.bytes(res.path("requests").path("memory").asText()) > Quantities.bytes(res.path("limits").path("memory").asText())) {
                    fail("limits", d, where + " requests more memory than its limit");
                }
                if (!init) {
                    probes(d, c, where);
                }
                JsonNode sc = c.path("securityContext");
                if (!effective(sc, podSc, "runAsNonRoot").asBoolean(false)) {
                    fail("non-root", d, where + " does not set runAsNonRoot: true");
                }
                if (effective(sc, podSc, "runAsUser").asLong(-1) == 0) {
                    fail("non-root", d, where + " runs as user 0");
                }
                if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                    fail("read-only-root", d, where + " does not set readOnlyRootFilesystem: true");
                }
                boolean tmp = false;
                for (JsonNode vm : c.path("volumeMounts")) {
                    if (vm.path("mountPath").asText().equals("/tmp") && emptyDirs.contains(vm.path("name").asText())) {
                        tmp = true;
                    }
                }
                if (!tmp) {
                    fail("read-only-root", d, where + " has no emptyDir mounted at /tmp");
                }
                if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                    fail("no-escalation", d, where + " does not set allowPrivilegeEscalation: false");
                }
                if (sc.path("privileged").asBoolean(false)) {
                    fail("no-escalation", d, where + " is privileged");
                }
                Set<String> drop = new HashSet<>();
                sc.path("capabilities").path("drop").forEach(x -> drop.add(x.asText()));
                if (!drop.contains("ALL")) {
                    fail("capabilities", d, where + " does not drop ALL capabilities");
                }
                if (!sc.path("capabilities").path("add").isEmpty()) {
                    fail("capabilities", d, where + " adds capabilities " + sc.path("capabilities").path("add"));
                }
                String seccomp = effective(sc, podSc, "seccompProfile").path("type").asText("");
                if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
                    fail("seccomp", d, where + " has no RuntimeDefault seccomp profile");
                }
                image(d, where, c.path("image").asText(""));
            }
        }
        for (Manifest m : all) {
            if (m.type().equals("postgresql.cnpg.io/v1/Cluster")) {
                image(m, "imageName", m.spec().path("imageName").asText(""));
            } else if (m.type().equals("k8s.keycloak.org/v2alpha1/Keycloak")) {
                image(m, "image", m.spec().path("image").asText(""));
            }
        }
    }

    private static JsonNode effective(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.path(field) : pod.path(field);
    }

    private void probes(Manifest d, JsonNode c, String where) {
        Set<String> portNames = new HashSet<>();
        Set<Integer> portNumbers = new HashSet<>();
        c.path("ports").forEach(p -> {
            portNames.add(p.path("name").asText());
            portNumbers.add(p.path("containerPort").asInt());
        });
        Map<String, String> healthPaths = Map.of("readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live", "startupProbe", "/q/health/started");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            JsonNode p = c.path(probe);
            if (p.isMissingNode() || p.isEmpty()) {
                fail("probes", d, where + " has no " + probe);
                continue;
            }
            JsonNode http = p.path("httpGet");
            if (!http.isMissingNode()) {
                JsonNode port = http.path("port");
                if (port.isInt() ? !portNumbers.contains(port.asInt()) : !portNames.contains(port.asText())) {
                    fail("probes", d, where + " " + probe + " probes port " + port.asText() + ", which the container does not declare");
                }
                if (isApp(d) && !http.path("path").asText().equals(healthPaths.get(probe))) {
                    fail("probes", d, where + " " + probe + " is not SmallRye Health's " + healthPaths.get(probe));
                }
            } else if (isApp(d)) {
                fail("probes", d, where + " " + probe + " is not an HTTP probe of SmallRye Health");
            }
        }
    }

    private static final Pattern IMAGE = Pattern.compile("^(?:(?<repo>[^@]+?)(?::(?<tag>[\\w][\\w.-]{0,127}))?)(?:@(?<digest>sha256:[0-9a-f]{64}))?$");

    private void image(Manifest m, String where, String image) {
        if (image.isEmpty()) {
            fail("image-pinned", m, where + " names no image");
            return;
        }
        Matcher x = IMAGE.matcher(image);
        String tag = null;
        String digest = null;
        if (x.matches()) {
            tag = x.group("tag");
            digest = x.group("digest");
            if (tag != null && x.group("repo").endsWith("/")) {
                tag = null;
            }
        }
        if (tag == null && digest == null) {
            fail("image-pinned", m, where + " image " + image + " has neither a tag nor a digest");
        } else if ("latest".equals(tag) && digest == null) {
            fail("image-pinned", m, where + " image " + image + " uses the floating tag latest");
        } else if (profile == Profile.PROD && tag != null && tag.toUpperCase().contains("SNAPSHOT") && digest == null) {
            fail("image-pinned", m, where + " image " + image + " is a snapshot build; prod runs releases");
        }
    }

    // ------------------------------------------------------------------ JVM

    private static final Pattern MAX_RAM = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)");
    private static final Pattern XMX = Pattern.compile("-Xmx([0-9]+[kKmMgG]?)");

    /**
     * jvm-heap: each govdx service sets its heap (MaxRAMPercentage or -Xmx in JAVA_OPTS_APPEND or
     * JAVA_TOOL_OPTIONS) so that the heap is 25-75% of the memory limit, at least 128Mi, and leaves at least
     * 256Mi for everything else a JVM needs (metaspace, code cache, threads, Netty's direct buffers).
     */
    private void jvmHeap() {
        for (Manifest d : of("Deployment")) {
            for (JsonNode c : d.podSpec().path("containers")) {
                String opts = "";
                for (JsonNode e : c.path("env")) {
                    if (List.of("JAVA_OPTS_APPEND", "JAVA_TOOL_OPTIONS", "JAVA_OPTS").contains(e.path("name").asText())) {
                        opts += " " + e.path("value").asText();
                    }
                }
                boolean jvm = isApp(d) || !opts.isBlank();
                if (!jvm) {
                    continue;
                }
                String limitText = c.path("resources").path("limits").path("memory").asText("");
                if (limitText.isEmpty()) {
                    continue; // the limits rule already says so
                }
                long limit = Quantities.bytes(limitText);
                Matcher xmx = XMX.matcher(opts);
                Matcher pct = MAX_RAM.matcher(opts);
                long heap;
                if (xmx.find()) {
                    heap = Quantities.bytes(xmx.group(1).toUpperCase().replaceAll("([KMG])$", "$1i"));
                } else if (pct.find()) {
                    heap = (long) (limit * Double.parseDouble(pct.group(1)) / 100);
                } else {
                    fail("jvm-heap", d, "container " + c.path("name").asText() + " sets no heap size (MaxRAMPercentage or -Xmx)");
                    continue;
                }
                double share = (double) heap / limit;
                if (share < 0.25 || share > 0.75 || heap < MIN_HEAP || limit - heap < MIN_NON_HEAP) {
                    fail("jvm-heap", d, "container " + c.path("name").asText() + ": heap " + Quantities.mib(heap) + " of a " + Quantities.mib(limit)
                            + " limit; it must be 25-75% of the limit, at least 128Mi, and leave at least 256Mi");
                }
            }
        }
    }

    // ------------------------------------------------------------------ identity

    /** service-account: each Deployment runs under its own ServiceAccount (rendered, not default) without an API token. */
    private void serviceAccounts() {
        for (Manifest d : of("Deployment")) {
            String sa = d.podSpec().path("serviceAccountName").asText("");
            if (sa.isEmpty() || sa.equals("default")) {
                fail("service-account", d, "runs under the default ServiceAccount");
                continue;
            }
            if (find("ServiceAccount", sa).isEmpty()) {
                fail("service-account", d, "names ServiceAccount " + sa + ", which is not rendered");
            }
            if (d.podSpec().path("automountServiceAccountToken").asBoolean(true)) {
                fail("service-account", d, "mounts a Kubernetes API token (automountServiceAccountToken is not false)");
            }
        }
    }

    // ------------------------------------------------------------------ network

    /**
     * network-policy: a default-deny policy (every pod, both directions, no rule) exists, and every Deployment
     * is selected, for both directions, by a policy of its own (a non-empty podSelector).
     */
    private void networkPolicyCoverage() {
        boolean defaultDeny = of("NetworkPolicy").stream().anyMatch(p -> p.spec().path("podSelector").isEmpty()
                && NetworkModel.types(p).containsAll(List.of("Ingress", "Egress"))
                && p.spec().path("ingress").isEmpty() && p.spec().path("egress").isEmpty());
        if (!defaultDeny) {
            out.add(new Violation("network-policy", "(namespace)", "no default-deny NetworkPolicy (podSelector: {}, policyTypes Ingress and Egress, no rules)"));
        }
        for (Manifest d : of("Deployment")) {
            Set<String> types = new TreeSet<>();
            for (Manifest p : of("NetworkPolicy")) {
                if (!p.spec().path("podSelector").isEmpty() && NetworkModel.matches(p.spec().path("podSelector"), d.podLabels())) {
                    types.addAll(NetworkModel.types(p));
                }
            }
            if (types.isEmpty()) {
                fail("network-policy", d, "no NetworkPolicy of its own selects its pods");
            } else if (!types.containsAll(List.of("Ingress", "Egress"))) {
                fail("network-policy", d, "its own NetworkPolicies govern only " + types);
            }
        }
    }

    /**
     * network-flows: what the NetworkPolicies allow is exactly govdx's intended flows, no more and no less
     * (see {@link #expectedFlows}): the ingress controller reaches only the gateway (and Keycloak's login);
     * the gateway reaches the three services; the catalog and the exchange reach each other; the outbox
     * relays reach the audit service; each service reaches its own database and no other; everything reaches
     * DNS; the collector is reachable over OTLP and reaches what it scrapes.
     */
    private void networkFlows() {
        NetworkModel model = new NetworkModel(all);
        Set<String> actual = model.flows();
        Set<String> expected = expectedFlows(model);
        for (String f : actual) {
            if (!expected.contains(f)) {
                out.add(new Violation("network-flows", "NetworkPolicy", "allows " + f + ", which govdx does not need"));
            }
        }
        for (String f : expected) {
            if (!actual.contains(f)) {
                out.add(new Violation("network-flows", "NetworkPolicy", "blocks " + f + ", which govdx needs"));
            }
        }
    }

    Set<String> expectedFlows(NetworkModel model) {
        Set<String> e = new TreeSet<>();
        Set<String> present = new HashSet<>();
        model.pods().forEach(p -> present.add(p.name()));
        String[] intended = {
                "ingress-nginx -> gateway:8480", "ingress-nginx -> keycloak:8080",
                "gateway -> catalog-service:8481", "gateway -> exchange-service:8482", "gateway -> audit-service:8483",
                "gateway -> keycloak:8080", "gateway -> otel-collector:4317",
                "catalog-service -> catalog-db:5432", "catalog-service -> keycloak:8080", "catalog-service -> exchange-service:8482",
                "catalog-service -> audit-service:8483", "catalog-service -> otel-collector:4317",
                "exchange-service -> exchange-db:5432", "exchange-service -> keycloak:8080", "exchange-service -> catalog-service:8481",
                "exchange-service -> audit-service:8483", "exchange-service -> otel-collector:4317",
                "audit-service -> audit-db:5432", "audit-service -> keycloak:8080", "audit-service -> otel-collector:4317",
                "otel-collector -> gateway:8480", "otel-collector -> catalog-service:8481", "otel-collector -> exchange-service:8482",
                "otel-collector -> audit-service:8483", "otel-collector -> keycloak:9000",
                "keycloak -> keycloak-db:5432", "keycloak -> keycloak:7800", "keycloak -> keycloak:57800",
                "keycloak-realm-import -> keycloak-db:5432", "keycloak-realm-import -> keycloak:7800", "keycloak-realm-import -> keycloak:57800",
        };
        for (String f : intended) {
            String src = f.substring(0, f.indexOf(" -> "));
            String dst = f.substring(f.indexOf(" -> ") + 4, f.lastIndexOf(':'));
            if (present.contains(src) && present.contains(dst)) {
                e.add(f);
            }
        }
        for (Manifest c : all) {
            if (c.type().equals("postgresql.cnpg.io/v1/Cluster")) {
                String db = c.name();
                for (int port : new int[] {5432, 8000}) {
                    e.add(db + " -> " + db + ":" + port);
                    e.add(NetworkModel.CNPG_OPERATOR + " -> " + db + ":" + port);
                }
                e.add(db + " -> " + NetworkModel.OUTSIDE + ":443");
                e.add(db + " -> " + NetworkModel.OUTSIDE + ":6443");
            }
        }
        for (NetworkModel.Pod p : model.pods()) {
            if (p.internal()) {
                e.add(p.name() + " -> " + NetworkModel.DNS + ":53");
            }
        }
        if (profile == Profile.PROD) {
            e.add("otel-collector -> " + NetworkModel.OUTSIDE + ":4317");
            e.add("otel-collector -> " + NetworkModel.OUTSIDE + ":443");
        }
        return e;
    }

    // ------------------------------------------------------------------ services and ingress

    /** service-selects: every Service selects the pods of a Deployment, and each of its ports reaches a port those pods declare. */
    private void servicesSelectPods() {
        for (Manifest s : of("Service")) {
            JsonNode selector = s.spec().path("selector");
            if (selector.isEmpty()) {
                fail("service-selects", s, "has no selector");
                continue;
            }
            Map<String, String> want = Manifest.strings(selector);
            List<Manifest> targets = of("Deployment").stream().filter(d -> d.podLabels().entrySet().containsAll(want.entrySet())).toList();
            if (targets.isEmpty()) {
                fail("service-selects", s, "selects no Deployment's pods (" + want + ")");
                continue;
            }
            for (JsonNode port : s.spec().path("ports")) {
                JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
                for (Manifest d : targets) {
                    boolean found = false;
                    for (JsonNode c : d.podSpec().path("containers")) {
                        for (JsonNode cp : c.path("ports")) {
                            if (target.isInt() ? cp.path("containerPort").asInt() == target.asInt() : cp.path("name").asText().equals(target.asText())) {
                                found = true;
                            }
                        }
                    }
                    if (!found) {
                        fail("service-selects", s, "port " + port.path("name").asText(port.path("port").asText()) + " targets " + target.asText()
                                + ", which " + d + " does not declare");
                    }
                }
            }
        }
    }

    /** ingress-backend: every Ingress backend is a Service that exists (or the one the Keycloak Operator makes) on a port it has. */
    private void ingressBackends() {
        for (Manifest ing : of("Ingress")) {
            for (JsonNode rule : ing.spec().path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    JsonNode svc = path.path("backend").path("service");
                    String name = svc.path("name").asText();
                    JsonNode port = svc.path("port");
                    Optional<Manifest> s = find("Service", name);
                    if (s.isPresent()) {
                        boolean ok = false;
                        for (JsonNode p : s.get().spec().path("ports")) {
                            if (port.has("number") ? p.path("port").asInt() == port.path("number").asInt() : p.path("name").asText().equals(port.path("name").asText())) {
                                ok = true;
                            }
                        }
                        if (!ok) {
                            fail("ingress-backend", ing, "Service " + name + " has no port " + port);
                        }
                        continue;
                    }
                    Optional<Manifest> kc = all.stream().filter(m -> m.type().equals("k8s.keycloak.org/v2alpha1/Keycloak")
                            && (m.name() + "-service").equals(name)).findFirst();
                    if (kc.isPresent()) {
                        int http = kc.get().spec().path("http").path("httpPort").asInt(8080);
                        if (!kc.get().spec().path("http").path("httpEnabled").asBoolean(false) || port.path("number").asInt() != http) {
                            fail("ingress-backend", ing, "Keycloak " + kc.get().name() + " does not serve HTTP on " + port);
                        }
                        continue;
                    }
                    fail("ingress-backend", ing, "backend Service " + name + " does not exist");
                }
            }
        }
    }

    // ------------------------------------------------------------------ references and secrets

    /**
     * references: every ConfigMap a pod reads is rendered; every Secret key anything reads (pods, the
     * databases' backup credentials, Keycloak's database login, the realm import's placeholders, TLS) is
     * rendered, made by CloudNativePG (&lt;cluster&gt;-app), or - in prod - declared in the templates of k8s/secrets.
     */
    private void references() {
        Map<String, Set<String>> secrets = new HashMap<>();
        for (Manifest s : of("Secret")) {
            secrets.put(s.name(), keys(s));
        }
        for (Manifest c : all) {
            if (c.type().equals("postgresql.cnpg.io/v1/Cluster")) {
                secrets.put(c.name() + "-app", Set.of("username", "password", "host", "port", "dbname", "uri", "jdbc-uri", "pgpass"));
            }
        }
        Map<String, Set<String>> templates = new HashMap<>();
        for (Manifest s : secretTemplates) {
            templates.put(s.name(), keys(s));
        }
        for (Manifest d : of("Deployment")) {
            JsonNode pod = d.podSpec();
            for (JsonNode c : pod.path("containers")) {
                for (JsonNode e : c.path("envFrom")) {
                    if (e.has("configMapRef")) {
                        configMap(d, e.path("configMapRef").path("name").asText());
                    }
                    if (e.has("secretRef")) {
                        secret(d, secrets, templates, e.path("secretRef").path("name").asText(), null);
                    }
                }
                for (JsonNode e : c.path("env")) {
                    JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode() && !ref.path("optional").asBoolean(false)) {
                        secret(d, secrets, templates, ref.path("name").asText(), ref.path("key").asText());
                    }
                    JsonNode cm = e.path("valueFrom").path("configMapKeyRef");
                    if (!cm.isMissingNode()) {
                        configMap(d, cm.path("name").asText());
                    }
                }
            }
            for (JsonNode v : pod.path("volumes")) {
                if (v.has("configMap")) {
                    configMap(d, v.path("configMap").path("name").asText());
                }
                if (v.has("secret")) {
                    secret(d, secrets, templates, v.path("secret").path("secretName").asText(), null);
                }
            }
        }
        for (Manifest m : all) {
            switch (m.type()) {
                case "postgresql.cnpg.io/v1/Cluster" -> m.spec().path("backup").path("barmanObjectStore").path("s3Credentials").forEach(ref -> {
                    if (ref.has("name")) {
                        secret(m, secrets, templates, ref.path("name").asText(), ref.path("key").asText());
                    }
                });
                case "k8s.keycloak.org/v2alpha1/Keycloak" -> {
                    for (String f : List.of("usernameSecret", "passwordSecret")) {
                        JsonNode ref = m.spec().path("db").path(f);
                        if (!ref.isMissingNode()) {
                            secret(m, secrets, templates, ref.path("name").asText(), ref.path("key").asText());
                        }
                    }
                }
                case "k8s.keycloak.org/v2alpha1/KeycloakRealmImport" -> m.spec().path("placeholders").forEach(p ->
                        secret(m, secrets, templates, p.path("secret").path("name").asText(), p.path("secret").path("key").asText()));
                case "networking.k8s.io/v1/Ingress" -> m.spec().path("tls").forEach(t -> {
                    if (!m.node().path("metadata").path("annotations").has("cert-manager.io/cluster-issuer")) {
                        secret(m, secrets, templates, t.path("secretName").asText(), "tls.crt");
                    }
                });
                default -> {
                }
            }
        }
    }

    private static Set<String> keys(Manifest s) {
        Set<String> k = new TreeSet<>();
        s.node().path("data").fieldNames().forEachRemaining(k::add);
        s.node().path("stringData").fieldNames().forEachRemaining(k::add);
        return k;
    }

    private void configMap(Manifest m, String name) {
        if (find("ConfigMap", name).isEmpty()) {
            fail("references", m, "reads ConfigMap " + name + ", which is not rendered");
        }
    }

    private void secret(Manifest m, Map<String, Set<String>> rendered, Map<String, Set<String>> templates, String name, String key) {
        Set<String> keys = rendered.get(name);
        String where = "rendered";
        if (keys == null && profile == Profile.PROD) {
            keys = templates.get(name);
            where = "templated in k8s/secrets";
        }
        if (keys == null) {
            fail("references", m, "reads Secret " + name + ", which is neither rendered, made by an operator"
                    + (profile == Profile.PROD ? " nor templated in k8s/secrets" : ""));
        } else if (key != null && !keys.contains(key)) {
            fail("references", m, "reads key " + key + " of Secret " + name + " (" + where + "), which has no such key");
        }
    }

    /**
     * secret-values: no Secret carries a value (templates are empty strings) - except, in the dev overlay,
     * the development values the repository already publishes.
     */
    private void secretValues() {
        for (Manifest s : of("Secret")) {
            Map<String, String> values = new LinkedHashMap<>();
            s.node().path("data").fields().forEachRemaining(e ->
                    values.put(e.getKey(), new String(Base64.getMimeDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
            s.node().path("stringData").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
            values.forEach((k, v) -> {
                if (v.isEmpty()) {
                    return;
                }
                if (profile == Profile.DEV && PUBLISHED_DEVELOPMENT_VALUES.contains(v)) {
                    return;
                }
                fail("secret-values", s, "key " + k + " carries a value (" + v.length() + " characters); Secrets here are templates"
                        + (profile == Profile.DEV ? " or the published development values" : ""));
            });
        }
    }

    // ------------------------------------------------------------------ scaling and availability

    /**
     * autoscaling: each govdx service has one HorizontalPodAutoscaler on an existing Deployment, min &lt;= max,
     * at least 2 replicas in prod; a Deployment the HPA owns sets no replicas (an apply would fight the
     * HPA), any other sets them.
     */
    private void autoscaling() {
        Map<String, List<Manifest>> hpas = new HashMap<>();
        for (Manifest h : of("HorizontalPodAutoscaler")) {
            JsonNode ref = h.spec().path("scaleTargetRef");
            String target = ref.path("name").asText();
            if (!ref.path("kind").asText().equals("Deployment") || find("Deployment", target).isEmpty()) {
                fail("autoscaling", h, "scales " + ref.path("kind").asText() + " " + target + ", which is not a rendered Deployment");
            }
            hpas.computeIfAbsent(target, k -> new ArrayList<>()).add(h);
            int min = h.spec().path("minReplicas").asInt(1);
            int max = h.spec().path("maxReplicas").asInt();
            if (min > max) {
                fail("autoscaling", h, "minReplicas " + min + " exceeds maxReplicas " + max);
            }
            if (profile == Profile.PROD && min < 2) {
                fail("autoscaling", h, "minReplicas " + min + "; prod runs at least 2 replicas of each service");
            }
        }
        for (Manifest d : of("Deployment")) {
            List<Manifest> mine = hpas.getOrDefault(d.name(), List.of());
            if (isApp(d) && mine.size() != 1) {
                fail("autoscaling", d, "has " + mine.size() + " HorizontalPodAutoscalers; a govdx service has exactly one");
            }
            if (!mine.isEmpty() && d.spec().has("replicas")) {
                fail("autoscaling", d, "sets replicas although an HPA owns its replica count");
            }
            if (mine.isEmpty() && !d.spec().has("replicas")) {
                fail("autoscaling", d, "sets no replicas and has no HPA");
            }
            if (profile == Profile.PROD && isApp(d) && mine.isEmpty() && d.spec().path("replicas").asInt(1) < 2) {
                fail("autoscaling", d, "runs fewer than 2 replicas in prod");
            }
        }
    }

    /** disruption: each govdx service has a PodDisruptionBudget over its pods that still lets a node drain. */
    private void disruptionBudgets() {
        for (Manifest d : of("Deployment")) {
            if (!isApp(d)) {
                continue;
            }
            List<Manifest> pdbs = of("PodDisruptionBudget").stream()
                    .filter(p -> NetworkModel.matches(p.spec().path("selector"), d.podLabels())).toList();
            if (pdbs.isEmpty()) {
                fail("disruption", d, "no PodDisruptionBudget selects its pods");
            }
            int min = of("HorizontalPodAutoscaler").stream().filter(h -> h.spec().path("scaleTargetRef").path("name").asText().equals(d.name()))
                    .map(h -> h.spec().path("minReplicas").asInt(1)).findFirst().orElse(d.spec().path("replicas").asInt(1));
            for (Manifest p : pdbs) {
                JsonNode maxU = p.spec().path("maxUnavailable");
                JsonNode minA = p.spec().path("minAvailable");
                boolean blocks = (maxU.isInt() && maxU.asInt() < 1) || (minA.isInt() && minA.asInt() >= min) || (minA.isTextual() && minA.asText().equals("100%"));
                if (blocks) {
                    fail("disruption", p, "allows no voluntary disruption of " + d + " at its minimum of " + min + " replicas: nodes could not drain");
                }
            }
        }
    }

    /**
     * spread (prod): each govdx service's replicas are spread over nodes - a DoNotSchedule topology spread on
     * kubernetes.io/hostname (or required anti-affinity) whose selector takes only that service's pods.
     */
    private void spread() {
        for (Manifest d : of("Deployment")) {
            if (!isApp(d)) {
                continue;
            }
            boolean ok = false;
            for (JsonNode t : d.podSpec().path("topologySpreadConstraints")) {
                if (!t.path("topologyKey").asText().equals("kubernetes.io/hostname") || !t.path("whenUnsatisfiable").asText().equals("DoNotSchedule")) {
                    continue;
                }
                Set<String> keys = new HashSet<>();
                t.path("matchLabelKeys").forEach(k -> keys.add(k.asText()));
                boolean own = NetworkModel.matches(t.path("labelSelector"), d.podLabels())
                        && (keys.contains("app.kubernetes.io/name") || t.path("labelSelector").path("matchLabels").has("app.kubernetes.io/name"));
                ok |= own;
            }
            for (JsonNode a : d.podSpec().path("affinity").path("podAntiAffinity").path("requiredDuringSchedulingIgnoredDuringExecution")) {
                ok |= a.path("topologyKey").asText().equals("kubernetes.io/hostname") && NetworkModel.matches(a.path("labelSelector"), d.podLabels());
            }
            if (!ok) {
                fail("spread", d, "its replicas are not spread across nodes (topologySpreadConstraints on kubernetes.io/hostname, DoNotSchedule, over its own pods)");
            }
        }
    }

    /** ha (prod): three PostgreSQL instances per cluster on distinct nodes; two Keycloak instances. */
    private void operatorsHighlyAvailable() {
        for (Manifest m : all) {
            if (m.type().equals("postgresql.cnpg.io/v1/Cluster")) {
                if (m.spec().path("instances").asInt() < 3) {
                    fail("ha", m, "runs " + m.spec().path("instances").asInt() + " instances; prod runs 3");
                }
                JsonNode a = m.spec().path("affinity");
                if (!a.path("enablePodAntiAffinity").asBoolean(false) || !a.path("podAntiAffinityType").asText().equals("required")
                        || !a.path("topologyKey").asText("kubernetes.io/hostname").equals("kubernetes.io/hostname")) {
                    fail("ha", m, "does not require its instances on distinct nodes");
                }
            }
            if (m.type().equals("k8s.keycloak.org/v2alpha1/Keycloak") && m.spec().path("instances").asInt(1) < 2) {
                fail("ha", m, "runs fewer than 2 Keycloak instances");
            }
        }
    }

    /** backups (prod): every PostgreSQL cluster archives to object storage and has a ScheduledBackup. */
    private void backups() {
        for (Manifest m : all) {
            if (!m.type().equals("postgresql.cnpg.io/v1/Cluster")) {
                continue;
            }
            if (m.spec().path("backup").path("barmanObjectStore").isMissingNode()) {
                fail("backups", m, "has no backup.barmanObjectStore");
            }
            boolean scheduled = all.stream().anyMatch(s -> s.type().equals("postgresql.cnpg.io/v1/ScheduledBackup")
                    && s.spec().path("cluster").path("name").asText().equals(m.name()));
            if (!scheduled) {
                fail("backups", m, "no ScheduledBackup names it");
            }
        }
    }

    /**
     * db-connections: at the HPA's maximum, a service's replicas stay within its database's max_connections
     * (less 10 for superuser and replication): each replica opens GOVDX_DB_POOL reactive connections, 2 JDBC
     * (Flyway) and 1 more (the audit log's leader lock).
     */
    private void databaseConnections() {
        Map<String, String> config = new HashMap<>();
        of("ConfigMap").stream().filter(c -> c.name().startsWith("govdx-config")).findFirst()
                .ifPresent(c -> config.putAll(Manifest.strings(c.node().path("data"))));
        for (Manifest d : of("Deployment")) {
            for (JsonNode c : d.podSpec().path("containers")) {
                String host = null;
                String pool = config.getOrDefault("GOVDX_DB_POOL", "16");
                for (JsonNode e : c.path("env")) {
                    if (e.path("name").asText().equals("GOVDX_DB_HOST")) {
                        host = e.path("value").asText();
                    }
                    if (e.path("name").asText().equals("GOVDX_DB_POOL")) {
                        pool = e.path("value").asText();
                    }
                }
                if (host == null || !host.endsWith("-rw")) {
                    continue;
                }
                String cluster = host.substring(0, host.length() - 3);
                Optional<Manifest> db = all.stream().filter(m -> m.type().equals("postgresql.cnpg.io/v1/Cluster") && m.name().equals(cluster)).findFirst();
                if (db.isEmpty()) {
                    fail("db-connections", d, "connects to " + host + ", but no CloudNativePG Cluster " + cluster + " is rendered");
                    continue;
                }
                int max = of("HorizontalPodAutoscaler").stream().filter(h -> h.spec().path("scaleTargetRef").path("name").asText().equals(d.name()))
                        .map(h -> h.spec().path("maxReplicas").asInt()).findFirst().orElse(d.spec().path("replicas").asInt(1));
                int perReplica = Integer.parseInt(pool) + 3;
                int maxConnections = Integer.parseInt(db.get().spec().path("postgresql").path("parameters").path("max_connections").asText("100"));
                if (max * perReplica > maxConnections - 10) {
                    fail("db-connections", d, max + " replicas x " + perReplica + " connections exceed " + cluster + "'s max_connections " + maxConnections + " less 10");
                }
            }
        }
    }

    // ------------------------------------------------------------------ the collector

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * collector: the collector's configuration parses, every pipeline names receivers, processors and
     * exporters it defines, its OTLP receivers listen on the ports the collector's container and Service
     * declare, and GOVDX_OTLP_ENDPOINT points at that Service's gRPC port.
     */
    private void collectorConfig() {
        Optional<Manifest> cm = of("ConfigMap").stream().filter(c -> c.name().startsWith("otel-collector-config")).findFirst();
        Optional<Manifest> dep = find("Deployment", "otel-collector");
        Optional<Manifest> svc = find("Service", "otel-collector");
        if (cm.isEmpty() || dep.isEmpty() || svc.isEmpty()) {
            out.add(new Violation("collector", "otel-collector", "the collector's Deployment, Service or configuration is not rendered"));
            return;
        }
        JsonNode conf;
        try {
            conf = YAML.readTree(cm.get().node().path("data").path("config.yaml").asText());
        } catch (IOException e) {
            fail("collector", cm.get(), "config.yaml does not parse: " + e.getMessage());
            return;
        }
        conf.path("service").path("pipelines").fields().forEachRemaining(p -> {
            for (String section : List.of("receivers", "processors", "exporters")) {
                p.getValue().path(section).forEach(n -> {
                    if (!conf.path(section).has(n.asText())) {
                        fail("collector", cm.get(), "pipeline " + p.getKey() + " uses " + section + " " + n.asText() + ", which is not defined");
                    }
                });
            }
        });
        conf.path("service").path("extensions").forEach(n -> {
            if (!conf.path("extensions").has(n.asText())) {
                fail("collector", cm.get(), "extension " + n.asText() + " is not defined");
            }
        });
        Set<Integer> containerPorts = new HashSet<>();
        dep.get().podSpec().path("containers").forEach(c -> c.path("ports").forEach(p -> containerPorts.add(p.path("containerPort").asInt())));
        Map<String, Integer> servicePorts = new HashMap<>();
        svc.get().spec().path("ports").forEach(p -> servicePorts.put(p.path("name").asText(), p.path("port").asInt()));
        conf.path("receivers").path("otlp").path("protocols").fields().forEachRemaining(p -> {
            String endpoint = p.getValue().path("endpoint").asText("");
            int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
            if (!containerPorts.contains(port)) {
                fail("collector", dep.get(), "the OTLP " + p.getKey() + " receiver listens on " + port + ", which the container does not declare");
            }
        });
        of("ConfigMap").stream().filter(c -> c.name().startsWith("govdx-config")).findFirst().ifPresent(c -> {
            String endpoint = c.node().path("data").path("GOVDX_OTLP_ENDPOINT").asText("");
            if (!endpoint.equals("http://otel-collector:" + servicePorts.getOrDefault("otlp-grpc", -1))) {
                fail("collector", c, "GOVDX_OTLP_ENDPOINT " + endpoint + " is not the collector Service's OTLP gRPC port");
            }
        });
    }
}
