package org.govdx.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Render a kustomization, then check every object against its schema and the policies. */
final class Validation {

    record Result(List<Manifest> manifests, List<Violation> violations) {

        String report() {
            StringBuilder sb = new StringBuilder();
            violations.forEach(v -> sb.append("\n  ").append(v));
            return sb.toString();
        }
    }

    private static final Map<Path, List<Manifest>> RENDERED = new ConcurrentHashMap<>();

    private Validation() {
    }

    static List<Manifest> render(Path dir) {
        return RENDERED.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> Manifest.parse(Kustomize.render(d)));
    }

    static List<Manifest> secretTemplates() {
        return render(Paths.k8s().resolve("secrets"));
    }

    static Result run(Path dir, Policies.Profile profile) {
        List<Manifest> manifests = render(dir);
        List<Violation> violations = new ArrayList<>(SchemaValidation.validate(manifests));
        violations.addAll(Policies.check(manifests, profile, profile == Policies.Profile.TEMPLATES ? List.of() : secretTemplates()));
        return new Result(manifests, violations);
    }
}
