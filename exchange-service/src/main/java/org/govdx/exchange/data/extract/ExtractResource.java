package org.govdx.exchange.data.extract;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.common.identity.Caller;
import org.govdx.common.identity.CurrentCaller;
import org.govdx.common.identity.Roles;
import org.govdx.common.problem.ProblemException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** What an export delivered: its state, row count and the SHA-256 of the bytes sent (decision 0041). */
@Path("/api/exchange/extracts/{extractId}")
@Tag(name = "Governed data")
@Authenticated
public class ExtractResource {

    @Inject
    Pool pool;

    @Inject
    CurrentCaller caller;

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An export's record: RUNNING, COMPLETED, STOPPED (with the reason) or FAILED; rows written and the response hash when it ended",
            description = "Readable by both departments of the agreement, auditors and platform admins; 404 for anyone else.")
    public Map<String, Object> get(@PathParam("extractId") UUID extractId) {
        RowSet<Row> rows = pool.preparedQuery("select e.id, e.agreement_id, e.dataset_id, e.dataset_version, e.department, e.principal, e.on_behalf_of, "
                        + "e.purpose, e.case_reference, e.format, e.request_hash, e.audit_event_id, e.state, e.stop_reason, e.rows_written, "
                        + "e.response_hash, e.completion_event_id, e.started_at, e.finished_at, a.consumer_department, a.provider_department, e.fields "
                        + "from data_extract e join agreement a on a.id = e.agreement_id where e.id = $1")
                .execute(Tuple.of(extractId)).await().atMost(ExtractService.DB);
        Caller c = caller.get();
        if (!rows.iterator().hasNext()) {
            throw ProblemException.notFound("No export " + extractId);
        }
        Row r = rows.iterator().next();
        boolean party = c.belongsTo(r.getString(19)) || c.belongsTo(r.getString(20));
        if (!party && !c.hasRole(Roles.AUDITOR) && !c.hasRole(Roles.PLATFORM_ADMIN)) {
            throw ProblemException.notFound("No export " + extractId);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.getUUID(0).toString());
        m.put("agreementId", r.getUUID(1).toString());
        m.put("datasetId", r.getUUID(2).toString());
        m.put("datasetVersion", r.getInteger(3));
        m.put("department", r.getString(4));
        m.put("principal", r.getString(5));
        m.put("onBehalfOf", r.getString(6));
        m.put("purpose", r.getString(7));
        m.put("caseReference", r.getString(8));
        m.put("format", r.getString(9));
        m.put("requestHash", r.getString(10));
        m.put("auditEventId", r.getUUID(11).toString());
        m.put("state", r.getString(12));
        m.put("stopReason", r.getString(13));
        m.put("rowsWritten", r.getLong(14));
        m.put("responseHash", r.getString(15));
        m.put("completionEventId", r.getUUID(16) == null ? null : r.getUUID(16).toString());
        m.put("startedAt", r.getOffsetDateTime(17).toString());
        m.put("finishedAt", r.getOffsetDateTime(18) == null ? null : r.getOffsetDateTime(18).toString());
        return m;
    }
}
