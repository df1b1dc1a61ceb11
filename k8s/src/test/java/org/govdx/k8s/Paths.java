package org.govdx.k8s;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the module's manifests and the repository's seed live, wherever the build runs from. */
final class Paths {

    private Paths() {
    }

    /** The repository root: govdx.root (set by the root pom for every test JVM), else found upwards. */
    static Path root() {
        String configured = System.getProperty("govdx.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "k8s"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("k8s/base"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (a folder with k8s/base) from " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static Path k8s() {
        return root().resolve("k8s");
    }

    static Path overlay(String name) {
        return k8s().resolve("overlays").resolve(name);
    }

    static Path fixture(String name) {
        return k8s().resolve("src/test/fixtures").resolve(name);
    }

    static Path seedRealm() {
        return root().resolve("seeds/realm/govdx-realm.json");
    }
}
