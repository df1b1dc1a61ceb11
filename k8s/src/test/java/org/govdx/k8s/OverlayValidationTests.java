package org.govdx.k8s;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both overlays, rendered with kustomize, hold every object to its schema and every policy; so do the Secret
 * templates. What each overlay must contain is asserted too, so an overlay that renders nothing passes nothing.
 */
class OverlayValidationTests {

    @Test
    void devRendersAndKeepsEveryRule() {
        Validation.Result r = Validation.run(Paths.overlay("dev"), Policies.Profile.DEV);
        assertThat(r.violations()).as("violations in overlays/dev (kustomize %s):%s", Kustomize.version(), r.report()).isEmpty();
        assertThat(kinds(r.manifests())).containsAllEntriesOf(Map.of(
                "Deployment", 5, "Cluster", 4, "Keycloak", 1, "KeycloakRealmImport", 1, "HorizontalPodAutoscaler", 4,
                "PodDisruptionBudget", 4, "Ingress", 2, "ServiceAccount", 5, "Secret", 3));
        assertThat(r.manifests()).allSatisfy(m -> {
            if (!m.is("Namespace")) {
                assertThat(m.namespace()).as("%s", m).isEqualTo("govdx-dev");
            }
        });
    }

    @Test
    void prodRendersAndKeepsEveryRule() {
        Validation.Result r = Validation.run(Paths.overlay("prod"), Policies.Profile.PROD);
        assertThat(r.violations()).as("violations in overlays/prod (kustomize %s):%s", Kustomize.version(), r.report()).isEmpty();
        assertThat(kinds(r.manifests())).containsAllEntriesOf(Map.of(
                "Deployment", 5, "Cluster", 4, "ScheduledBackup", 4, "Keycloak", 1, "KeycloakRealmImport", 1,
                "HorizontalPodAutoscaler", 4, "PodDisruptionBudget", 4, "Ingress", 2));
        assertThat(kinds(r.manifests())).doesNotContainKey("Secret");
        assertThat(r.manifests()).allSatisfy(m -> {
            if (!m.is("Namespace")) {
                assertThat(m.namespace()).as("%s", m).isEqualTo("govdx");
            }
        });
    }

    @Test
    void secretTemplatesCarryNoValue() {
        Validation.Result r = Validation.run(Paths.k8s().resolve("secrets"), Policies.Profile.TEMPLATES);
        assertThat(r.violations()).as("violations in k8s/secrets:%s", r.report()).isEmpty();
        assertThat(r.manifests()).extracting(Manifest::name).contains(
                "govdx-internal-client", "govdx-exchange-keys", "govdx-audit-log-key", "govdx-realm-client-secrets", "govdx-backup-s3");
    }

    @Test
    void prodNetworkFlowsAreGovdxsAndNoOthers() {
        java.util.Set<String> flows = new NetworkModel(Validation.render(Paths.overlay("prod"))).flows();
        assertThat(flows).contains(
                "ingress-nginx -> gateway:8480", "gateway -> catalog-service:8481", "exchange-service -> catalog-service:8481",
                "catalog-service -> exchange-service:8482", "catalog-service -> audit-service:8483", "exchange-service -> audit-service:8483",
                "catalog-service -> catalog-db:5432", "audit-service -> keycloak:8080", "gateway -> otel-collector:4317",
                "otel-collector -> audit-service:8483", "catalog-service -> kube-dns:53");
        assertThat(flows).doesNotContain(
                "ingress-nginx -> catalog-service:8481", "ingress-nginx -> audit-db:5432", "catalog-service -> exchange-db:5432",
                "exchange-service -> catalog-db:5432", "gateway -> audit-db:5432", "audit-service -> catalog-service:8481",
                "audit-service -> exchange-service:8482", "keycloak -> catalog-service:8481", "otel-collector -> catalog-db:5432");
    }

    private static Map<String, Integer> kinds(List<Manifest> manifests) {
        Map<String, Integer> k = new TreeMap<>();
        manifests.forEach(m -> k.merge(m.kind(), 1, Integer::sum));
        return k;
    }
}
