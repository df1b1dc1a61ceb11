package org.govdx.gateway.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An auditor's pages: log search with every filter of the audit API and CSV export, an entry page whose
 * inclusion proof the browser checks (WebCrypto), "verify the log" against the last checkpoint this auditor saw
 * (kept in the browser's localStorage), and charts.
 */
@Path("/console/audit")
@RolesAllowed({"auditor", "platform-admin"})
@Produces(MediaType.TEXT_HTML)
public class AuditPages {

    static final List<String> FILTERS = List.of("from", "to", "actor", "actorDepartment", "ownerDepartment", "dataset", "agreement", "action", "outcome");

    @Inject
    Pages pages;

    @Inject
    ServiceClient services;

    /** The CSRF token of this request: every GET renews the CSRF cookie, so a script's GET hands the page its new token. */
    @Inject
    io.quarkus.csrf.reactive.runtime.CsrfTokenParameterProvider csrf;

    @Location("audit.html")
    Template audit;
    @Location("audit-entry.html")
    Template entry;
    @Location("audit-verify.html")
    Template verify;
    @Location("audit-charts.html")
    Template charts;

    @GET
    public TemplateInstance search(@Context UriInfo uri) {
        Map<String, String> filters = filters(uri);
        boolean searched = !filters.isEmpty() || uri.getQueryParameters().containsKey("go");
        Map<String, Object> query = new LinkedHashMap<>(filters);
        query.put("cursor", uri.getQueryParameters().getFirst("cursor"));
        query.put("limit", "50");
        ServiceClient.Answer found = searched ? services.get("/api/audit/entries", withInstants(query)) : null;
        return pages.page(audit, "audit").data("f", filters).data("result", found == null ? Map.of() : found.map())
                .data("problem", found == null ? null : found.problem()).data("searched", searched)
                .data("query", ServiceClient.queryString(filters)).data("nextQuery", ServiceClient.queryString(filters));
    }

    @GET
    @Path("entries/{index}")
    public TemplateInstance entry(@PathParam("index") long index) {
        Map<String, Object> query = new LinkedHashMap<>();
        if (index > 0) {
            query.put("cursor", index - 1);
        }
        query.put("limit", 1);
        ServiceClient.Answer found = services.get("/api/audit/entries", query);
        Object item = found.map().get("items") instanceof List<?> l && !l.isEmpty() ? l.get(0) : null;
        if (item instanceof Map<?, ?> m && !Long.valueOf(index).equals(((Number) m.get("index")).longValue())) {
            item = null;
        }
        ServiceClient.Answer proof = services.get("/api/audit/log/proofs/inclusion", Map.of("index", index));
        return pages.page(entry, "audit").data("e", item).data("index", index).data("proof", proof.ok() ? proof.map() : null)
                .data("proofJson", Charts.json(proof.ok() ? proof.map() : Map.of()))
                .data("eventJson", item == null ? "" : pretty(((Map<?, ?>) item).get("event")))
                .data("problem", found.problem() != null ? found.problem() : proof.problem());
    }

    @GET
    @Path("verify")
    public TemplateInstance verify() {
        ServiceClient.Answer checkpoint = services.get("/api/audit/log/checkpoint");
        return pages.page(verify, "verify").data("checkpoint", checkpoint.body()).data("problem", checkpoint.problem());
    }

    /** Asks the audit service to sign a checkpoint of the log as it is now, then shows the verification against it. */
    @jakarta.ws.rs.POST
    @Path("checkpoint")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signCheckpoint(@org.jboss.resteasy.reactive.RestForm("csrf-token") String csrfToken) {
        // the form parameter makes Quarkus REST read the form before its CSRF filter looks for the token in it
        ServiceClient.Answer signed = services.post("/api/audit/log/checkpoint", Map.of(), null);
        if (!signed.ok()) {
            return Response.ok(pages.page(verify, "verify").data("checkpoint", services.get("/api/audit/log/checkpoint").body())
                    .data("problem", signed.problem()).render(), MediaType.TEXT_HTML_TYPE).build();
        }
        return Response.seeOther(java.net.URI.create("/console/audit/verify")).build();
    }

    /** The consistency proof between the tree size this auditor saw last and the latest (asked by the page's script). */
    @GET
    @Path("consistency")
    @Produces(MediaType.APPLICATION_JSON)
    public Response consistency(@jakarta.ws.rs.QueryParam("from") long from, @jakarta.ws.rs.QueryParam("to") long to) {
        ServiceClient.Answer proof = services.get("/api/audit/log/proofs/consistency", Map.of("from", from, "to", to));
        Map<String, Object> body = new LinkedHashMap<>(proof.map());
        body.put("csrfToken", csrf.getToken());
        return Response.status(proof.status()).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("charts")
    public TemplateInstance charts() {
        ServiceClient.Answer pairs = services.get("/api/audit/summaries/department-pairs");
        ServiceClient.Answer denials = services.get("/api/audit/summaries/denials");
        Map<String, Object> data = Map.of("pairs", pairs.map().getOrDefault("items", List.of()), "denials", denials.map().getOrDefault("items", List.of()));
        return pages.page(charts, "charts").data("chartData", Charts.json(data)).data("problem", pairs.problem() != null ? pairs.problem() : denials.problem());
    }

    /** The entries the filters match as CSV, streamed from the audit service through the gateway without buffering. */
    @GET
    @Path("export")
    @Produces("text/csv")
    public Response export(@Context UriInfo uri) {
        Map<String, Object> query = new LinkedHashMap<>(filters(uri));
        query.put("format", "csv");
        HttpResponse<InputStream> upstream = services.stream("GET", "/api/audit/entries/export" + ServiceClient.queryString(withInstants(query)), null, Map.of());
        StreamingOutput body = out -> {
            try (InputStream in = upstream.body()) {
                in.transferTo(out);
            }
        };
        return Response.status(upstream.statusCode()).entity(body)
                .type(upstream.statusCode() == 200 ? "text/csv; charset=utf-8" : "application/problem+json")
                .header("Content-Disposition", "attachment; filename=\"govdx-audit.csv\"").build();
    }

    private static Map<String, String> filters(UriInfo uri) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : FILTERS) {
            String v = uri.getQueryParameters().getFirst(name);
            if (v != null && !v.isBlank()) {
                filters.put(name, v.trim());
            }
        }
        return filters;
    }

    /** The form's datetime-local values (Beijing time) become ISO instants for the audit API. */
    private static Map<String, Object> withInstants(Map<String, ?> query) {
        Map<String, Object> q = new LinkedHashMap<>(query);
        for (String k : List.of("from", "to")) {
            if (q.get(k) instanceof String s && s.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?")) {
                q.put(k, java.time.LocalDateTime.parse(s).atZone(ConsolePages.PLATFORM_ZONE).toInstant().toString());
            }
        }
        return q;
    }

    private static String pretty(Object event) {
        try {
            return ServiceClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event);
        } catch (Exception e) {
            return String.valueOf(event);
        }
    }
}
