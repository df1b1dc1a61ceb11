package org.govdx.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks catch what they are for: each fixture in src/test/fixtures is one of the overlays with one thing
 * broken on purpose, and must fail with the rule that thing breaks (and a message naming it).
 */
class BrokenFixtureTests {

    @ParameterizedTest(name = "{0} is caught by {2}")
    @CsvSource(delimiter = '|', textBlock = """
            missing-limits            | DEV  | limits          | container catalog-service has no limits.cpu
            writable-root             | DEV  | read-only-root  | container gateway does not set readOnlyRootFilesystem
            runs-as-root              | DEV  | non-root        | container exchange-service runs as user 0
            missing-probe             | DEV  | probes          | container audit-service has no startupProbe
            unpinned-image            | DEV  | image-pinned    | uses the floating tag latest
            prod-snapshot-image       | PROD | image-pinned    | is a snapshot build
            real-secret               | DEV  | secret-values   | key password carries a value
            unselected-deployment     | DEV  | network-policy  | no NetworkPolicy of its own selects its pods
            service-selects-nothing   | DEV  | service-selects | selects no Deployment's pods
            cross-database            | DEV  | network-flows   | allows catalog-service -> exchange-db:5432
            edge-to-service           | DEV  | network-flows   | allows ingress-nginx -> catalog-service:8481
            no-default-deny           | DEV  | network-policy  | no default-deny NetworkPolicy
            unknown-field             | DEV  | schema          | unknown field spec.template.spec.containers[0].readinessProbe.httpGett
            wrong-type                | DEV  | schema          | does not fit autoscaling/v2/HorizontalPodAutoscaler
            crd-typo                  | PROD | schema          | instaces
            crd-bad-value             | PROD | schema          | proxy.headers
            prod-single-replica       | PROD | autoscaling     | minReplicas 1; prod runs at least 2 replicas
            prod-no-spread            | PROD | spread          | not spread across nodes
            heap-too-big              | DEV  | jvm-heap        | heap 460Mi of a 512Mi limit
            prod-untemplated-secret   | PROD | references      | reads key master-key-v2 of Secret govdx-exchange-keys
            prod-no-backup            | PROD | backups         | no ScheduledBackup names it
            """)
    void brokenFixtureIsCaught(String fixture, Policies.Profile profile, String rule, String message) {
        Validation.Result r = Validation.run(Paths.fixture(fixture), profile);
        assertThat(r.violations())
                .as("violations of fixture %s:%s", fixture, r.report())
                .anySatisfy(v -> {
                    assertThat(v.rule()).isEqualTo(rule);
                    assertThat(v.toString()).contains(message);
                });
    }
}
