package org.govdx.acceptance;

import io.restassured.response.Response;
import org.govdx.acceptance.OpenApiOperations.Operation;
import org.govdx.testsupport.GovdxStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of every service's OpenAPI document, called by every principal, straight at the owning service
 * and through the gateway, against resources of the provider department, so the department columns say what
 * "own" (provider), "counterpart" (consumer) and "uninvolved" (other) departments may do. The expected statuses are
 * the table {@code authorization-matrix.csv}; an operation without a row fails the build, as does a row without an
 * operation. Where the gateway answers differently from the service the cell reads {@code service/gateway}.
 * {@code -Dacceptance.matrix.record} rewrites the table from what the stack answers (review the diff!).
 */
@ExtendWith(AcceptanceStack.class)
@org.junit.jupiter.api.Order(1)
class AuthorizationMatrixIT {

    static final Path MATRIX = MatrixTable.FILE;
    /** Operations anyone may call without a token: the public keys. */
    static final List<String> PUBLIC = List.of("GET /api/exchange/.well-known/jwks.json", "GET /api/audit/log/key");

    /** POSTs an auditor may make: they write nothing of a department's (a fresh signed checkpoint; checking a value). */
    static final List<String> AUDITOR_MAY_POST = List.of("POST /api/audit/log/checkpoint", "POST /api/catalog/data-elements/{code}/validate");

    @Test
    void everyOperationAnswersEveryPrincipalAsTheMatrixSaysDirectlyAndThroughTheGateway() throws Exception {
        World world = World.shared();
        List<Operation> operations = OpenApiOperations.all();
        Map<String, String> observed = new ConcurrentHashMap<>();
        List<String> serverErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> notProblems = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> runs = new ArrayList<>();
        for (Operation op : operations) {
            runs.add(pool.submit(() -> {
                for (String column : Principals.COLUMNS) {
                    Response direct = Probes.send(op, world, column, AcceptanceStack.url(op.service()));
                    Response gateway = Probes.send(op, world, column, AcceptanceStack.GATEWAY);
                    for (Response r : List.of(direct, gateway)) {
                        if (r.statusCode() >= 500) {
                            serverErrors.add(op.key() + " as " + column + ": " + r.statusCode() + " " + r.asString());
                        } else if (r.statusCode() >= 400 && !String.valueOf(r.contentType()).startsWith("application/problem+json")) {
                            notProblems.add(op.key() + " as " + column + ": " + r.statusCode() + " " + r.contentType());
                        }
                    }
                    observed.put(op.key() + "|" + column, direct.statusCode() == gateway.statusCode()
                            ? Integer.toString(direct.statusCode()) : direct.statusCode() + "/" + gateway.statusCode());
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();

        Map<String, Map<String, String>> table = new TreeMap<>();
        observed.forEach((k, v) -> table.computeIfAbsent(k.substring(0, k.indexOf('|')), x -> new LinkedHashMap<>())
                .put(k.substring(k.indexOf('|') + 1), v));
        if (Boolean.getBoolean("acceptance.matrix.record")) {
            write(table);
        }
        Map<String, Map<String, String>> expected = MatrixTable.read();
        List<String> missing = table.keySet().stream().filter(op -> !expected.containsKey(op)).toList();
        List<String> stale = expected.keySet().stream().filter(op -> !table.containsKey(op)).toList();
        List<String> differences = new ArrayList<>();
        table.forEach((op, cells) -> {
            Map<String, String> want = expected.get(op);
            if (want != null) {
                cells.forEach((column, got) -> {
                    if (!got.equals(want.get(column))) {
                        differences.add(op + " as " + column + ": expected " + want.get(column) + ", got " + got);
                    }
                });
            }
        });
        List<String> ruleBreaks = rules(table);
        int cells = table.size() * Principals.COLUMNS.size();
        long failed = differences.size() + ruleBreaks.size() + serverErrors.size() + notProblems.size();
        Reliability.record(new Reliability.Result("1-authorization-matrix", "Authorization matrix",
                "every operation of the three OpenAPI documents x 15 principals (provider/consumer/uninvolved department's steward, CDO and "
                        + "system; auditor; platform admin; no token, expired token, other realm's token, forged token), straight to the "
                        + "service and through the gateway",
                cells * 2L, cells * 2L - failed, failed == 0 ? "nothing" : failed + " cells broke the matrix",
                List.of(table.size() + " operations, " + cells + " cells, " + (cells * 2) + " requests; table: "
                                + "[acceptance-tests/src/test/resources/authorization-matrix.csv](acceptance-tests/src/test/resources/authorization-matrix.csv)",
                        "rules checked over the table: the four unauthenticated callers get 401 everywhere but the public keys; the auditor "
                                + "writes nothing; the uninvolved department reaches none of the provider's and consumer's requests, agreements, "
                                + "uploads, corrections or data; nobody gets a 5xx; every 4xx is application/problem+json",
                        "differences: " + differences.size() + ", rule breaks: " + ruleBreaks.size() + ", 5xx: " + serverErrors.size()
                                + ", 4xx without problem+json: " + notProblems.size())));
        assertThat(missing).as("operations without a row in " + MATRIX + " (add one; -Dacceptance.matrix.record writes them)").isEmpty();
        assertThat(stale).as("rows in " + MATRIX + " for operations that no longer exist").isEmpty();
        assertThat(serverErrors).as("5xx answers").isEmpty();
        assertThat(notProblems).as("4xx answers that are not application/problem+json").isEmpty();
        assertThat(ruleBreaks).as("rules every matrix must keep").isEmpty();
        assertThat(differences).as("cells that differ from " + MATRIX).isEmpty();
    }

    /** Rules no recorded table may break, whatever it says. */
    static List<String> rules(Map<String, Map<String, String>> table) {
        List<String> breaks = new ArrayList<>();
        table.forEach((op, cells) -> cells.forEach((column, status) -> {
            boolean success = status.startsWith("2") || status.contains("/2");
            if (Principals.UNAUTHENTICATED.contains(column) && !PUBLIC.contains(op) && !status.equals("401")) {
                breaks.add(op + " as " + column + " answered " + status + " instead of 401");
            }
            if (column.equals("auditor") && !op.startsWith("GET ") && !AUDITOR_MAY_POST.contains(op) && success) {
                breaks.add(op + " let the auditor write (" + status + ")");
            }
            boolean counterpartResource = op.contains("/requests/{id}") || op.contains("/agreements/{") || op.contains("/uploads/")
                    || op.contains("/corrections/{id}") || op.contains("/rows") || op.contains("/sample");
            if (column.startsWith("other-") && counterpartResource && success) {
                breaks.add(op + " let an uninvolved department in (" + status + ")");
            }
        }));
        return breaks;
    }

    static void write(Map<String, Map<String, String>> table) throws IOException {
        StringBuilder csv = new StringBuilder();
        csv.append("# Authorization matrix of govdx: expected HTTP status per operation (rows) and caller (columns).\n")
                .append("# Resources belong to the provider department (civil-affairs); the consumer (hrss) holds an ACTIVE agreement and a\n")
                .append("# submitted request on them; 'other' (transport) is uninvolved. Bodies are valid and If-Match names a version that\n")
                .append("# does not exist, so a caller the service lets through meets 412/409/422 and nothing is written.\n")
                .append("# 'a/b': the service answers a, the gateway b. Checked by AuthorizationMatrixIT; new operations need a row.\n");
        csv.append("operation,").append(String.join(",", Principals.COLUMNS)).append('\n');
        table.forEach((op, cells) -> {
            csv.append(op);
            Principals.COLUMNS.forEach(c -> csv.append(',').append(cells.get(c)));
            csv.append('\n');
        });
        Files.writeString(MATRIX, csv.toString());
    }
}
