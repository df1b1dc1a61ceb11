package org.govdx.acceptance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.govdx.testsupport.GovdxStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The suite's results, one file per case under {@code acceptance-tests/target/acceptance-results}, and RELIABILITY.md
 * made from them: per case what was tried, how many, what passed, what was lost or leaked. The report is written to
 * {@code acceptance-tests/target/RELIABILITY.md} after every run, and to the repository root with
 * {@code -Dacceptance.write-report}.
 */
public final class Reliability {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One case's outcome.
     *
     * @param id      stable key and order in the report, e.g. {@code 1-authorization-matrix}
     * @param title   the case as a reviewer names it
     * @param tried   what was tried (the inputs, the faults)
     * @param count   how many attempts
     * @param passed  how many behaved as required
     * @param lost    what was lost or leaked: must be "nothing"
     * @param details figures and notes worth reading
     */
    public record Result(String id, String title, String tried, long count, long passed, String lost, List<String> details) {
    }

    /** Every case of issue #9; one without a result is reported as not run rather than left out. */
    static final Map<String, String> EXPECTED = new java.util.TreeMap<>(Map.of(
            "1-authorization-matrix", "Authorization matrix", "2-fuzzing", "Fuzzing", "3-leak-hunting", "Leak hunting",
            "4-faults", "Faults: kill -9 under load", "5-soak", "Soak at 70% of maximum read throughput",
            "6-postgres-restart", "PostgreSQL restart under load", "7-keycloak-outage", "Keycloak outage under load"));

    private Reliability() {
    }

    public static Path resultsDir() {
        return GovdxStack.root().resolve("acceptance-tests/target/acceptance-results");
    }

    public static synchronized void record(Result result) {
        try {
            Files.createDirectories(resultsDir());
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("result", result);
            file.put("form", AcceptanceStack.FULL ? "full" : "CI");
            file.put("at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            JSON.writeValue(resultsDir().resolve(result.id() + ".json").toFile(), file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot record " + result.id(), e);
        }
    }

    public static synchronized void writeReport() {
        try {
            List<Map<String, Object>> results = new ArrayList<>();
            if (Files.isDirectory(resultsDir())) {
                try (Stream<Path> files = Files.list(resultsDir())) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted(Comparator.comparing(Path::toString)).toList()) {
                        results.add(JSON.readValue(f.toFile(), Map.class));
                    }
                }
            }
            String report = render(results);
            Files.writeString(GovdxStack.root().resolve("acceptance-tests/target/RELIABILITY.md"), report);
            if (Boolean.getBoolean("acceptance.write-report")) {
                Files.writeString(GovdxStack.root().resolve("RELIABILITY.md"), report);
            }
        } catch (IOException e) {
            System.err.println("cannot write RELIABILITY.md: " + e);
        }
    }

    @SuppressWarnings("unchecked")
    static String render(List<Map<String, Object>> results) {
        StringBuilder md = new StringBuilder();
        md.append("# Reliability\n\n")
                .append("What the acceptance suite (`acceptance-tests`) tried against a whole govdx stack started by `./govdx up`, ")
                .append("and what came of it. Generated from the suite's results by `Reliability` (do not edit by hand); ")
                .append("see [acceptance-tests/README.md](acceptance-tests/README.md) for how to run the CI form and the full form.\n\n")
                .append("| case | what was tried | how many | passed | lost or leaked | form, when |\n|---|---|---:|---:|---|---|\n");
        for (Map<String, Object> file : results) {
            Map<String, Object> r = (Map<String, Object>) file.get("result");
            md.append("| ").append(cell(r.get("title"))).append(" | ").append(cell(r.get("tried"))).append(" | ").append(r.get("count"))
                    .append(" | ").append(r.get("passed")).append(" | ").append(cell(r.get("lost"))).append(" | ")
                    .append(file.get("form")).append(", ").append(file.get("at")).append(" |\n");
        }
        java.util.Set<String> recorded = new java.util.HashSet<>();
        results.forEach(file -> recorded.add(String.valueOf(((Map<String, Object>) file.get("result")).get("id"))));
        EXPECTED.forEach((id, title) -> {
            if (!recorded.contains(id)) {
                md.append("| ").append(title).append(" | not run in this build (see acceptance-tests/README.md) | 0 | 0 | not measured | — |\n");
            }
        });
        for (Map<String, Object> file : results) {
            Map<String, Object> r = (Map<String, Object>) file.get("result");
            List<String> details = (List<String>) r.get("details");
            if (details == null || details.isEmpty()) {
                continue;
            }
            md.append("\n## ").append(r.get("title")).append("\n\n");
            details.forEach(d -> md.append("- ").append(d).append('\n'));
        }
        return md.toString();
    }

    private static String cell(Object value) {
        return String.valueOf(value).replace("|", "\\|").replace("\n", " ");
    }
}
