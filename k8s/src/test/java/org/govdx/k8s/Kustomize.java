package org.govdx.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a kustomization with the real kustomize: {@code -Dgovdx.kustomize=/path/to/kustomize} or $KUSTOMIZE,
 * else {@code kustomize} on the PATH, else the one built into {@code kubectl} (kubectl kustomize). Version 5 or
 * newer is required (labels.includeTemplates, patches selected by label). The project's machines have kubectl
 * 1.32 with kustomize v5.5 in their image; anywhere else, install kubectl or kustomize.
 */
final class Kustomize {

    private static final Pattern VERSION = Pattern.compile("(?i)kustomize(?: version)?:?\\s*(?:\\{Version:)?(?:kustomize/)?v?(\\d+)\\.(\\d+)\\.(\\d+)");
    private static volatile List<String> command;
    private static volatile String version;

    private Kustomize() {
    }

    /** The rendered YAML stream of the kustomization in {@code dir}. */
    static String render(Path dir) {
        List<String> cmd = new ArrayList<>(command());
        cmd.add(dir.toString());
        Result r = run(cmd);
        if (r.exit != 0) {
            throw new IllegalStateException("kustomize failed on " + dir + " (" + String.join(" ", cmd) + "):\n" + r.err);
        }
        return r.out;
    }

    static String version() {
        command();
        return version;
    }

    static synchronized List<String> command() {
        if (command != null) {
            return command;
        }
        String configured = System.getProperty("govdx.kustomize", System.getenv("KUSTOMIZE"));
        List<List<String>> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(List.of(configured, "build"));
        }
        Path kustomize = onPath("kustomize");
        if (kustomize != null) {
            candidates.add(List.of(kustomize.toString(), "build"));
        }
        Path kubectl = onPath("kubectl");
        if (kubectl != null) {
            candidates.add(List.of(kubectl.toString(), "kustomize"));
        }
        StringBuilder tried = new StringBuilder();
        for (List<String> c : candidates) {
            String v = versionOf(c);
            tried.append("\n  ").append(c.get(0)).append(": ").append(v == null ? "no kustomize version found" : v);
            if (v != null && major(v) >= 5) {
                command = c;
                version = v;
                return c;
            }
        }
        String missing = "No kustomize 5 or newer found (tried: -Dgovdx.kustomize, $KUSTOMIZE, kustomize and kubectl on the PATH)"
                + tried + "\nInstall kubectl 1.27+ (it embeds kustomize 5) or kustomize 5, or point -Dgovdx.kustomize at one.";
        // CI always validates (.ci/run installs kubectl); a developer's machine with only a JDK skips these tests, saying why
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("CI") != null, "Kubernetes manifests not validated here. " + missing);
        throw new IllegalStateException(missing);
    }

    private static String versionOf(List<String> c) {
        List<String> cmd = c.get(1).equals("build") ? List.of(c.get(0), "version") : List.of(c.get(0), "version", "--client");
        try {
            Result r = run(cmd);
            Matcher m = VERSION.matcher(r.out + "\n" + r.err);
            if (c.get(1).equals("build") && !m.find()) {
                // `kustomize version` prints a bare "v5.6.0"
                Matcher bare = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)").matcher(r.out);
                return bare.find() ? bare.group(1) + "." + bare.group(2) + "." + bare.group(3) : null;
            }
            m.reset();
            return m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int major(String v) {
        return Integer.parseInt(v.substring(0, v.indexOf('.')));
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> cmd) {
        try {
            Path out = Files.createTempFile("kustomize", ".out");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: " + String.join(" ", cmd));
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
