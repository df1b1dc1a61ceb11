package org.govdx.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the rendered NetworkPolicies allow, evaluated as Kubernetes does: a pod selected by no policy of a
 * direction is open in that direction; a selected one admits only what some rule of a selecting policy
 * allows (peer and port), and a connection needs the source's egress and the destination's ingress. The pods
 * are the Deployments' templates, the pods the operators make for each Cluster, Keycloak and realm import
 * (with the labels and ports those operators give them), and a few outside the namespace: the ingress
 * controller, cluster DNS, the CloudNativePG operator, and an address outside the cluster (for ipBlock).
 * Only TCP is modelled (DNS as TCP 53).
 */
final class NetworkModel {

    record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> ports, boolean internal, boolean outsideCluster) {
    }

    static final String INGRESS_CONTROLLER = "ingress-nginx";
    static final String DNS = "kube-dns";
    static final String CNPG_OPERATOR = "cloudnative-pg";
    static final String OUTSIDE = "outside";

    private final List<Pod> pods = new ArrayList<>();
    private final List<Manifest> policies = new ArrayList<>();
    private final Map<String, Map<String, String>> namespaceLabels = new LinkedHashMap<>();

    NetworkModel(List<Manifest> manifests) {
        String ns = manifests.stream().map(Manifest::namespace).filter(s -> !s.isEmpty()).findFirst().orElse("default");
        namespaceLabels.put(ns, Map.of("kubernetes.io/metadata.name", ns));
        for (String other : List.of("ingress-nginx", "kube-system", "cnpg-system")) {
            namespaceLabels.put(other, Map.of("kubernetes.io/metadata.name", other));
        }
        for (Manifest m : manifests) {
            if (m.is("Namespace")) {
                Map<String, String> labels = new LinkedHashMap<>(m.labels());
                labels.put("kubernetes.io/metadata.name", m.name());
                namespaceLabels.put(m.name(), labels);
            } else if (m.is("NetworkPolicy")) {
                policies.add(m);
            } else if (m.is("Deployment")) {
                Map<String, Integer> ports = new LinkedHashMap<>();
                for (JsonNode c : m.podSpec().path("containers")) {
                    for (JsonNode p : c.path("ports")) {
                        ports.put(p.path("name").asText(String.valueOf(p.path("containerPort").asInt())), p.path("containerPort").asInt());
                    }
                }
                pods.add(new Pod(m.name(), ns, m.podLabels(), ports, true, false));
            } else if (m.type().equals("postgresql.cnpg.io/v1/Cluster")) {
                pods.add(new Pod(m.name(), ns, Map.of("cnpg.io/cluster", m.name(), "cnpg.io/instanceRole", "primary", "cnpg.io/podRole", "instance"),
                        Map.of("postgresql", 5432, "status", 8000, "metrics", 9187), true, false));
            } else if (m.type().equals("k8s.keycloak.org/v2alpha1/Keycloak")) {
                int http = m.spec().path("http").path("httpPort").asInt(8080);
                pods.add(new Pod(m.name(), ns, Map.of("app", "keycloak", "app.kubernetes.io/instance", m.name(),
                        "app.kubernetes.io/managed-by", "keycloak-operator", "app.kubernetes.io/component", "server"),
                        Map.of("http", http, "management", 9000, "jgroups", 7800, "jgroups-fd", 57800), true, false));
            } else if (m.type().equals("k8s.keycloak.org/v2alpha1/KeycloakRealmImport")) {
                pods.add(new Pod("keycloak-realm-import", ns, Map.of("app", "keycloak-realm-import",
                        "app.kubernetes.io/instance", m.spec().path("keycloakCRName").asText(), "app.kubernetes.io/managed-by", "keycloak-operator"),
                        Map.of(), true, false));
            }
        }
        pods.add(new Pod(INGRESS_CONTROLLER, "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of("http", 80), false, false));
        pods.add(new Pod(DNS, "kube-system", Map.of("k8s-app", "kube-dns"), Map.of("dns-tcp", 53), false, false));
        pods.add(new Pod(CNPG_OPERATOR, "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"), Map.of(), false, false));
        pods.add(new Pod(OUTSIDE, null, Map.of(), Map.of("https", 443, "kube-apiserver", 6443, "otlp", 4317, "postgresql", 5432), false, true));
    }

    List<Pod> pods() {
        return pods;
    }

    /** Every allowed connection, as "source -> destination:port". */
    Set<String> flows() {
        Set<String> out = new TreeSet<>();
        for (Pod src : pods) {
            for (Pod dst : pods) {
                if (!dst.internal() && !dst.outsideCluster() && !dst.name().equals(DNS)) {
                    continue; // what reaches the ingress controller or the operator is not ours to govern
                }
                if (!src.internal() && !dst.internal()) {
                    continue;
                }
                for (int port : new TreeSet<>(dst.ports().values())) {
                    if (allowed(src, dst, port)) {
                        out.add(src.name() + " -> " + dst.name() + ":" + port);
                    }
                }
            }
        }
        return out;
    }

    boolean allowed(Pod src, Pod dst, int port) {
        return allowedBy(src, dst, port, "Egress", "egress", "to", src)
                && allowedBy(src, dst, port, "Ingress", "ingress", "from", dst);
    }

    /** Whether {@code subject}'s policies of one direction let the connection through. */
    private boolean allowedBy(Pod src, Pod dst, int port, String type, String rulesField, String peersField, Pod subject) {
        if (!subject.internal()) {
            return true;
        }
        Pod peer = subject == src ? dst : src;
        boolean selected = false;
        for (Manifest p : policies) {
            if (!p.namespace().isEmpty() && !p.namespace().equals(subject.namespace())) {
                continue;
            }
            if (!types(p).contains(type) || !matches(p.spec().path("podSelector"), subject.labels())) {
                continue;
            }
            selected = true;
            for (JsonNode rule : p.spec().path(rulesField)) {
                if (peerMatches(rule.path(peersField), subject.namespace(), peer) && portMatches(rule.path("ports"), dst, port)) {
                    return true;
                }
            }
        }
        return !selected;
    }

    static Set<String> types(Manifest p) {
        Set<String> t = new TreeSet<>();
        if (p.spec().has("policyTypes")) {
            p.spec().path("policyTypes").forEach(n -> t.add(n.asText()));
        } else {
            t.add("Ingress");
            if (p.spec().has("egress")) {
                t.add("Egress");
            }
        }
        return t;
    }

    private boolean peerMatches(JsonNode peers, String policyNamespace, Pod pod) {
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode peer : peers) {
            if (peer.has("ipBlock")) {
                if (pod.outsideCluster()) {
                    return true;
                }
                continue;
            }
            if (pod.outsideCluster()) {
                continue;
            }
            boolean nsOk = peer.has("namespaceSelector")
                    ? matches(peer.path("namespaceSelector"), namespaceLabels.getOrDefault(pod.namespace(), Map.of()))
                    : policyNamespace.equals(pod.namespace());
            boolean podOk = !peer.has("podSelector") || matches(peer.path("podSelector"), pod.labels());
            if (nsOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean portMatches(JsonNode ports, Pod dst, int port) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            if (!p.path("protocol").asText("TCP").equals("TCP")) {
                continue;
            }
            JsonNode n = p.path("port");
            if (n.isMissingNode()) {
                return true;
            }
            if (n.isInt()) {
                int end = p.path("endPort").asInt(n.asInt());
                if (port >= n.asInt() && port <= end) {
                    return true;
                }
            } else if (Integer.valueOf(port).equals(dst.ports().get(n.asText()))) {
                return true;
            }
        }
        return false;
    }

    /** A label selector (matchLabels, matchExpressions) against labels; an empty selector matches everything. */
    static boolean matches(JsonNode selector, Map<String, String> labels) {
        if (selector.isMissingNode() || selector.isNull()) {
            return false;
        }
        for (Map.Entry<String, String> e : Manifest.strings(selector.path("matchLabels")).entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode x : selector.path("matchExpressions")) {
            String key = x.path("key").asText();
            Set<String> values = new TreeSet<>();
            x.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (x.path("operator").asText()) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
