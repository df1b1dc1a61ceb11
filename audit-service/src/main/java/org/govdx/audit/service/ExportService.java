package org.govdx.audit.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.audit.domain.PrefetchedNodes;
import org.govdx.audit.domain.StoredCheckpoint;
import org.govdx.audit.mapping.CsvRows;
import org.govdx.audit.mapping.ZipStream;
import org.govdx.audit.repository.LogEntryQuery;
import org.govdx.audit.repository.LogEntryRepository;
import org.govdx.audit.repository.MerkleNodeRepository;
import org.govdx.common.identity.Caller;
import org.govdx.common.problem.ProblemException;
import org.govdx.tlog.ExportRecord;
import org.govdx.tlog.NodeId;
import org.govdx.tlog.ProofElement;
import org.govdx.tlog.ProofGenerator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Streams the entries a query matches, in index order and constant memory (a server-side cursor, chunks of
 * {@value #CHUNK} rows), as
 * <ul>
 *   <li>{@code csv}: one row per entry (see {@link CsvRows});</li>
 *   <li>{@code ndjson}: {@code {"index": i, "entry": "<canonical JSON text>"}} per line;</li>
 *   <li>{@code ndjson-proofs}: a zip holding {@code checkpoint} (the signed checkpoint the proofs refer to),
 *       {@code entries.ndjson} (lines with their {@code inclusionProof} in that checkpoint's tree: exactly the input
 *       of the offline verifier), {@code log.vkey} and {@code README.txt} with the commands to check it.</li>
 * </ul>
 */
@ApplicationScoped
public class ExportService {

    public static final List<String> FORMATS = List.of("csv", "ndjson", "ndjson-proofs");

    static final int CHUNK = 128;

    @Inject
    LogEntryRepository entries;

    @Inject
    MerkleNodeRepository nodes;

    @Inject
    CheckpointService checkpoints;

    @Inject
    LogKeys keys;

    @Inject
    AuditAccess access;

    /** A prepared export: its headers and its body, which streams when subscribed to. */
    public record Export(Map<String, List<String>> headers, Multi<Buffer> body) {
    }

    /**
     * Checks access and logs the query, picks the checkpoint (for {@code ndjson-proofs}: the one of {@code treeSize},
     * or the latest, signed now if the log has grown), and prepares the body.
     */
    public Uni<Export> export(Caller caller, LogEntryQuery query, String format, Long treeSize) {
        if (!FORMATS.contains(format)) {
            return Uni.createFrom().failure(ProblemException.invalidField("format", "must be one of " + String.join(", ", FORMATS)));
        }
        Map<String, Object> filters = new LinkedHashMap<>(query.filters());
        filters.put("format", format);
        filters.put("treeSize", treeSize);
        return access.query(caller, "entries.export", filters).flatMap(grant -> {
            LogEntryQuery scoped = query.visibleTo(grant.visibleToDepartment());
            return switch (format) {
                case "csv" -> Uni.createFrom().item(new Export(headers("text/csv; charset=utf-8", "audit-entries.csv", null), csv(scoped)));
                case "ndjson" -> Uni.createFrom().item(new Export(headers("application/x-ndjson", "audit-entries.ndjson", null), ndjson(scoped)));
                default -> checkpointFor(treeSize).map(checkpoint -> new Export(
                        headers("application/zip", "audit-export-" + checkpoint.treeSize() + ".zip", checkpoint.treeSize()),
                        withProofs(scoped.before(checkpoint.treeSize()), checkpoint)));
            };
        });
    }

    private Uni<StoredCheckpoint> checkpointFor(Long treeSize) {
        if (treeSize == null) {
            return checkpoints.checkpointNow();
        }
        return checkpoints.bySize(treeSize).map(found -> {
            if (found == null) {
                throw ProblemException.invalidField("treeSize", "no checkpoint was signed at tree size " + treeSize);
            }
            return found;
        });
    }

    private static Map<String, List<String>> headers(String contentType, String fileName, Long checkpointSize) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(contentType));
        headers.put("Content-Disposition", List.of("attachment; filename=\"" + fileName + "\""));
        if (checkpointSize != null) {
            headers.put("Govdx-Checkpoint-Size", List.of(Long.toString(checkpointSize)));
        }
        return headers;
    }

    private Multi<Buffer> csv(LogEntryQuery query) {
        Multi<Buffer> rows = entries.stream(query, LogEntryRepository.EXPORT_COLUMNS)
                .group().intoLists().of(CHUNK)
                .map(chunk -> {
                    StringBuilder out = new StringBuilder(chunk.size() * 600);
                    chunk.forEach(row -> CsvRows.append(row, out));
                    return Buffer.buffer(out.toString());
                });
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(Buffer.buffer(CsvRows.HEADER)), rows);
    }

    private Multi<Buffer> ndjson(LogEntryQuery query) {
        return entries.stream(query, "idx, entry")
                .group().intoLists().of(CHUNK)
                .map(chunk -> {
                    StringBuilder out = new StringBuilder(chunk.size() * 600);
                    for (Row row : chunk) {
                        out.append(new ExportRecord(row.getLong("idx"), row.getString("entry"), null).toJsonLine()).append('\n');
                    }
                    return Buffer.buffer(out.toString());
                });
    }

    private Multi<Buffer> withProofs(LogEntryQuery query, StoredCheckpoint checkpoint) {
        return Multi.createFrom().deferred(() -> {
            ZipStream zip = new ZipStream();
            long size = checkpoint.treeSize();
            // evaluated in order, at subscription
            Multi<Buffer> head = Multi.createFrom().items(
                    zip.file("checkpoint", checkpoint.note()),
                    zip.file("log.vkey", keys.verifier().encode() + "\n"),
                    zip.file("README.txt", readme(size)),
                    zip.begin("entries.ndjson"));
            Multi<Buffer> lines = entries.stream(query, "idx, entry")
                    .group().intoLists().of(CHUNK)
                    .onItem().transformToUniAndConcatenate(chunk -> proofLines(chunk, size).map(zip::write));
            Multi<Buffer> tail = Multi.createFrom().item(zip::finish);
            return Multi.createBy().concatenating().streams(head, lines, tail);
        });
    }

    /** The export lines of a chunk of rows, with the proofs of all of them read in one query. */
    private Uni<String> proofLines(List<Row> chunk, long size) {
        LinkedHashSet<NodeId> wanted = new LinkedHashSet<>();
        for (Row row : chunk) {
            for (ProofElement element : ProofGenerator.inclusionProofNodes(row.getLong("idx"), size)) {
                wanted.addAll(element.fullSubtrees());
            }
        }
        List<NodeId> list = new ArrayList<>(wanted);
        return nodes.nodeHashes(list).map(hashes -> {
            ProofGenerator proofs = new ProofGenerator(new PrefetchedNodes(list, hashes));
            StringBuilder out = new StringBuilder(chunk.size() * 2000);
            for (Row row : chunk) {
                long index = row.getLong("idx");
                out.append(new ExportRecord(index, row.getString("entry"), proofs.inclusionProof(index, size)).toJsonLine()).append('\n');
            }
            return out.toString();
        });
    }

    private String readme(long size) {
        return String.join("\n",
                "govdx audit log export with inclusion proofs",
                "",
                "checkpoint      the log's signed checkpoint (tree size " + size + ") that every proof refers to",
                "entries.ndjson  one entry per line: {\"index\", \"entry\" (the canonical JSON as logged), \"inclusionProof\"}",
                "log.vkey        the log's verifier key AS SERVED WITH THIS EXPORT: compare it with the key published",
                "                out of band (GET /api/audit/log/key, the platform's documentation) and verify with that one",
                "",
                "Verify offline (govdx-audit-verifier.jar, built from transparency-log):",
                "  java -jar govdx-audit-verifier.jar verify-entries --vkey '" + keys.verifier().encode() + "' \\",
                "       --checkpoint checkpoint --entries entries.ndjson",
                "An export of the whole log (no filters) can also be recomputed against the checkpoint:",
                "  java -jar govdx-audit-verifier.jar verify-log --vkey <key> --checkpoint checkpoint --entries entries.ndjson",
                "Exit status 0: verified; 1: FAILED (the message names the first bad entry); 2: usage error.",
                "");
    }
}
