package org.govdx.exchange.data;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.common.identity.CurrentCaller;
import org.govdx.exchange.data.extract.ExtractNegotiation;

import java.util.Optional;
import java.util.UUID;

/** Governed reads under an agreement, through the one policy decision point (DOMAIN rules 1-4). */
@Path("/api/exchange/agreements/{agreementId}/query")
@Tag(name = "Governed data")
@Authenticated
public class GovernedReadResource {

    @Inject
    GovernedReadService reads;

    @Inject
    CurrentCaller caller;

    @POST
    // an EXTRACT's stream blocks while it writes, and RESTEasy resumes a suspended call where it began: on a worker.
    // A VIEW holds no thread while it waits (the read is a Uni chain on the event loop; decision 0040).
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read data under an agreement (VIEW: masked rows, cursor pages, daily row quota; AGGREGATE; EXTRACT: a streamed, watermarked copy)",
            description = "Body: mode, purpose (the agreement's purpose code), fields, filter (row-filter language), sort (field or -field), "
                    + "pageSize (0 = the cap), cursor (from nextCursor). Headers: X-Case-Reference (percent-encoded UTF-8 for non-ASCII), X-On-Behalf-Of (system clients: the clerk). "
                    + "Every call, allowed or refused, is an audit event: X-Audit-Event-Id and X-Request-Hash name it. A spent quota is 429 with Retry-After. "
                    + "EXTRACT streams NDJSON (default) or CSV (?format=csv or Accept: text/csv); X-Extract-Id names the export, whose row count and "
                    + "response hash GET /api/exchange/extracts/{id} shows when it ends.")
    public Uni<Response> query(@PathParam("agreementId") UUID agreementId, @HeaderParam("X-Case-Reference") String caseReference,
                               @HeaderParam("X-On-Behalf-Of") String onBehalfOf, @QueryParam("format") String format, @HeaderParam("Accept") String accept,
                               GovernedReadService.Query body) {
        GovernedReadService.Query q = body == null ? new GovernedReadService.Query(null, null, null, null, null, null, null, null, null) : body;
        return reads.read(caller.get(), agreementId, q, blankToEmpty(percentDecoded(caseReference)), blankToEmpty(onBehalfOf),
                ExtractNegotiation.format(format, accept)).map(GovernedReadResource::response);
    }

    private static Response response(GovernedReadService.Outcome o) {
        Response.ResponseBuilder b = Response.status(o.status()).entity(o.stream() != null ? o.stream() : o.body()).type(o.contentType()).header("X-Request-Hash", o.requestHash())
                .header("Cache-Control", "no-store");
        if (o.auditEventId() != null) {
            b.header("X-Audit-Event-Id", o.auditEventId().toString());
        }
        o.headers().forEach(b::header);
        return b.build();
    }

    /**
     * HTTP header values are ISO-8859-1, so a case reference such as 人社〔2026〕7号 is sent percent-encoded as UTF-8
     * ({@code %E4%BA%BA...}); a value that does not decode is taken as it is.
     */
    static String percentDecoded(String s) {
        if (s == null || s.indexOf('%') < 0) {
            return s;
        }
        try {
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static Optional<String> blankToEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }
}
