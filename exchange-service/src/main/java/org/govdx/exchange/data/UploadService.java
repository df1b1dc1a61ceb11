package org.govdx.exchange.data;

import org.govdx.common.outbox.Outbox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.common.events.AuditEvent;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.identity.Roles;
import org.govdx.common.problem.ProblemException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * Hosted data upload (issue 5, part 1). Runs on a worker thread: reads the body row by row, validates each row
 * against the catalog schema, inserts valid rows in batches, all in ONE transaction per upload (serialised per
 * dataset version by an advisory lock), so memory stays constant and readers see the version before or after
 * the upload, never half of it. See docs/decisions/0040.
 */
@ApplicationScoped
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class);
    private static final Duration DB = Duration.ofSeconds(60);
    /** Errors kept in the report; the counts stay exact. */
    public static final int MAX_REPORTED_ERRORS = 1000;

    public enum Mode { REPLACE, APPEND }

    public enum Format { NDJSON, CSV }

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Inject
    DataCatalog catalog;

    @Inject
    AuditEvents events;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "govdx.data.upload-batch-size", defaultValue = "500")
    int batchSize;

    /** The upload's report, as {@code GET .../uploads/{id}} shows it. */
    public record UploadReport(UUID id, UUID datasetId, int datasetVersion, String mode, String format, boolean atomic, String state,
                               long rowsRead, long rowsAccepted, long rowsRejected, List<RowValidator.RowError> errors,
                               Map<String, Object> quality, String message, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
    }

    public UploadReport upload(Caller caller, UUID datasetId, int version, Format format, Mode mode, boolean atomic, boolean gzip, InputStream body) {
        if (!caller.hasRole(Roles.STEWARD)) {
            throw ProblemException.forbidden("Only a department's steward or its system uploads data");
        }
        HostedSchema schema = catalog.schema(datasetId, version).await().atMost(DB);
        if (!caller.belongsTo(schema.ownerDepartment())) {
            throw ProblemException.forbidden("Only the owner department uploads data of its dataset");
        }
        if (!"HOSTED".equals(schema.distributionMode())) {
            throw ProblemException.conflict("The dataset is not hosted on the platform");
        }
        UUID uploadId = UUID.randomUUID();
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
        pool.preparedQuery("insert into data_upload (id, dataset_id, dataset_version, department, uploaded_by, mode, format, atomic, state, started_at) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, $8, 'RUNNING', $9)")
                .execute(Tuple.from(List.of(uploadId, datasetId, version, schema.ownerDepartment(), caller.principal(), mode.name(), format.name(), atomic, started)))
                .await().atMost(DB);

        RowValidator validator = new RowValidator(schema);
        List<RowValidator.RowError> errors = new ArrayList<>();
        long read = 0;
        long accepted = 0;
        long rejected = 0;
        long requiredCells = 0;
        long requiredFilled = 0;
        long cellsChecked = 0;
        long cellsValid = 0;
        SqlConnection conn = pool.getConnection().await().atMost(DB);
        Transaction tx = null;
        try {
            tx = conn.begin().await().atMost(DB);
            conn.preparedQuery("select pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of("hosted:" + datasetId + ":" + version)).await().atMost(DB);
            if (mode == Mode.REPLACE) {
                conn.preparedQuery("delete from hosted_row where dataset_id = $1 and dataset_version = $2").execute(Tuple.of(datasetId, version)).await().atMost(DB);
            }
            long nextRowNo = conn.preparedQuery("select coalesce(max(row_no), 0) from hosted_row where dataset_id = $1 and dataset_version = $2")
                    .execute(Tuple.of(datasetId, version)).await().atMost(DB).iterator().next().getLong(0);
            List<Tuple> batch = new ArrayList<>(batchSize);
            InputStream in = gzip ? new GZIPInputStream(body, 64 * 1024) : body;
            try (RowReader reader = format == Format.CSV ? RowReader.csv(new InputStreamReader(in, StandardCharsets.UTF_8))
                    : RowReader.ndjson(new InputStreamReader(in, StandardCharsets.UTF_8), mapper)) {
                RowReader.RawRow raw;
                while ((raw = reader.next()) != null) {
                    read++;
                    if (raw.values() == null) {
                        rejected++;
                        addError(errors, new RowValidator.RowError(raw.rowNo(), null, raw.unreadable()));
                        continue;
                    }
                    RowValidator.Result result = validator.validate(raw.rowNo(), raw.values(), reader.textual());
                    requiredCells += result.requiredCells();
                    requiredFilled += result.requiredFilled();
                    cellsChecked += result.cellsChecked();
                    cellsValid += result.cellsValid();
                    if (!result.valid()) {
                        rejected++;
                        result.errors().forEach(e -> addError(errors, e));
                        continue;
                    }
                    if (atomic && rejected > 0) {
                        continue; // the upload will be rolled back: only validate the rest, to report every bad row
                    }
                    accepted++;
                    batch.add(Tuple.of(datasetId, version, ++nextRowNo, uploadId, result.row().toString()));
                    if (batch.size() >= batchSize) {
                        flush(conn, batch);
                        progress(uploadId, read, accepted, rejected);
                    }
                }
            }
            if (atomic && rejected > 0) {
                tx.rollback().await().atMost(DB);
                tx = null;
                String message = rejected + " of " + read + " rows are invalid; nothing was stored (atomic upload)";
                finish(uploadId, "REJECTED", read, 0, rejected, errors, null, message);
                recordSeparately(events.of(caller, "data.upload-rejected", schema.ownerDepartment()).dataset(datasetId.toString(), version)
                        .reason(message).details(Map.of("uploadId", uploadId.toString(), "mode", mode.name(), "rowsRead", read, "rowsRejected", rejected)).build());
                return get(uploadId);
            }
            flush(conn, batch);
            Row counts = conn.preparedQuery("select count(*), count(distinct kv) from (select (select jsonb_agg(data -> k order by ord) "
                            + "from unnest($3::text[]) with ordinality as u(k, ord)) as kv from hosted_row where dataset_id = $1 and dataset_version = $2) s")
                    .execute(Tuple.of(datasetId, version, schema.keyFields().toArray(new String[0]))).await().atMost(DB).iterator().next();
            long rowCount = counts.getLong(0);
            long distinctKeys = counts.getLong(1);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            Map<String, Object> quality = new LinkedHashMap<>();
            quality.put("completeness", ratio(requiredFilled, requiredCells));
            quality.put("validity", ratio(cellsValid, cellsChecked));
            quality.put("uniqueness", schema.keyFields().isEmpty() ? 1.0 : ratio(distinctKeys, rowCount));
            quality.put("rowCount", rowCount);
            quality.put("measuredAt", now.toString());
            quality.put("lastUploadAt", now.toString());
            AuditEvent event = events.of(caller, "data.uploaded", schema.ownerDepartment()).dataset(datasetId.toString(), version)
                    .details(Map.of("uploadId", uploadId.toString(), "mode", mode.name(), "format", format.name(), "rowsRead", read,
                            "rowsAccepted", accepted, "rowsRejected", rejected, "rowCount", rowCount)).build();
            outbox.insert(conn, event).await().atMost(DB);
            tx.commit().await().atMost(DB);
            tx = null;
            String message = null;
            try {
                catalog.putQuality(datasetId, version, quality).await().atMost(DB);
            } catch (RuntimeException e) {
                LOG.warnf("quality of %s v%d not recorded in the catalog: %s", datasetId, version, e.getMessage());
                message = "stored; the catalog did not take the quality figures (they are kept here)";
            }
            finish(uploadId, "COMPLETED", read, accepted, rejected, errors, quality, message);
            return get(uploadId);
        } catch (IOException | UncheckedIOException e) {
            rollbackQuietly(tx);
            tx = null;
            finish(uploadId, "FAILED", read, 0, rejected, errors, null, "the body could not be read (" + (gzip ? "gzip or " : "") + "encoding); nothing was stored");
            throw ProblemException.badRequest("The body could not be read" + (gzip ? " as gzip" : "") + "; nothing was stored (upload " + uploadId + ")");
        } catch (RuntimeException e) {
            rollbackQuietly(tx);
            tx = null;
            finish(uploadId, "FAILED", read, 0, rejected, errors, null, "failed; nothing was stored");
            throw e;
        } finally {
            rollbackQuietly(tx);
            conn.close().await().atMost(DB);
        }
    }

    private static void addError(List<RowValidator.RowError> errors, RowValidator.RowError e) {
        if (errors.size() < MAX_REPORTED_ERRORS) {
            errors.add(e);
        }
    }

    private static void rollbackQuietly(Transaction tx) {
        if (tx != null) {
            try {
                tx.rollback().await().atMost(DB);
            } catch (RuntimeException ignored) {
                // the connection is closed next
            }
        }
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 1.0 : Math.round(1_000_000.0 * part / whole) / 1_000_000.0;
    }

    private void flush(SqlConnection conn, List<Tuple> batch) {
        if (batch.isEmpty()) {
            return;
        }
        conn.preparedQuery("insert into hosted_row (dataset_id, dataset_version, row_no, upload_id, data) values ($1, $2, $3, $4, $5::text::jsonb)")
                .executeBatch(List.copyOf(batch)).await().atMost(DB);
        batch.clear();
    }

    private void progress(UUID id, long read, long accepted, long rejected) {
        pool.preparedQuery("update data_upload set rows_read = $2, rows_accepted = $3, rows_rejected = $4 where id = $1")
                .execute(Tuple.of(id, read, accepted, rejected)).await().atMost(DB);
    }

    private void finish(UUID id, String state, long read, long accepted, long rejected, List<RowValidator.RowError> errors,
                        Map<String, Object> quality, String message) {
        pool.preparedQuery("update data_upload set state = $2, rows_read = $3, rows_accepted = $4, rows_rejected = $5, errors = $6, "
                        + "quality = $7, message = $8, finished_at = now() where id = $1")
                .execute(Tuple.from(java.util.Arrays.asList(id, state, read, accepted, rejected, json(errors), quality == null ? null : json(quality), message)))
                .await().atMost(DB);
    }

    private void recordSeparately(AuditEvent event) {
        outbox.insert(pool, event).await().atMost(DB);
    }

    /** The upload's report: the owner department, platform admins and auditors. */
    public UploadReport get(Caller caller, UUID datasetId, int version, UUID uploadId) {
        UploadReport report = get(uploadId);
        String department = pool.preparedQuery("select department from data_upload where id = $1").execute(Tuple.of(uploadId))
                .await().atMost(DB).iterator().next().getString(0);
        boolean sees = caller.belongsTo(department) || caller.hasRole(Roles.PLATFORM_ADMIN) || caller.hasRole(Roles.AUDITOR);
        if (!sees || !report.datasetId().equals(datasetId) || report.datasetVersion() != version) {
            throw ProblemException.notFound("No upload " + uploadId);
        }
        return report;
    }

    @SuppressWarnings("unchecked")
    UploadReport get(UUID uploadId) {
        RowSet<Row> rows = pool.preparedQuery("select * from data_upload where id = $1").execute(Tuple.of(uploadId)).await().atMost(DB);
        if (!rows.iterator().hasNext()) {
            throw ProblemException.notFound("No upload " + uploadId);
        }
        Row r = rows.iterator().next();
        try {
            List<RowValidator.RowError> errors = List.of(mapper.readValue(r.getString("errors"), RowValidator.RowError[].class));
            Map<String, Object> quality = r.getString("quality") == null ? null : mapper.readValue(r.getString("quality"), Map.class);
            return new UploadReport(r.getUUID("id"), r.getUUID("dataset_id"), r.getInteger("dataset_version"), r.getString("mode"),
                    r.getString("format"), r.getBoolean("atomic"), r.getString("state"), r.getLong("rows_read"), r.getLong("rows_accepted"),
                    r.getLong("rows_rejected"), errors, quality, r.getString("message"), r.getOffsetDateTime("started_at"),
                    r.getOffsetDateTime("finished_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
