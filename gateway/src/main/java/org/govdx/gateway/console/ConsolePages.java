package org.govdx.gateway.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's pages for everyone signed in and for stewards: home, language, catalog search and dataset
 * pages, the request wizard, requests and agreements (the review actions live on the request page; CDO-only
 * pages are in {@link CdoPages}), reading data under an agreement, uploading, publishing.
 */
@Path("/console")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    /** The controlled list of purposes (the exchange's {@code Purpose}; there is no endpoint listing them). */
    static final List<String> PURPOSES = List.of("SOCIAL_ASSISTANCE_ELIGIBILITY", "PUBLIC_HEALTH_SURVEILLANCE", "TRAFFIC_MANAGEMENT",
            "MARKET_SUPERVISION", "SOCIAL_INSURANCE_ADMINISTRATION", "PUBLIC_SECURITY_CASEWORK", "STATISTICS", "OTHER");
    static final ZoneId PLATFORM_ZONE = ZoneId.of("Asia/Shanghai");

    @Inject
    Pages pages;

    @Inject
    ServiceClient services;

    @Location("home.html")
    Template home;
    @Location("catalog.html")
    Template catalog;
    @Location("dataset.html")
    Template dataset;
    @Location("request-new.html")
    Template requestNew;
    @Location("requests.html")
    Template requests;
    @Location("request.html")
    Template request;
    @Location("agreements.html")
    Template agreements;
    @Location("agreement.html")
    Template agreement;

    @GET
    public TemplateInstance home() {
        ConsoleUser u = pages.user();
        TemplateInstance page = pages.page(home, "home");
        if (u.cdo()) {
            page.data("inbox", services.get("/api/exchange/requests/inbox").list());
        }
        if (u.steward() || u.cdo()) {
            page.data("mine", services.get("/api/exchange/requests").list());
        }
        return page;
    }

    @GET
    @Path("lang")
    public Response language(@QueryParam("to") String to, @QueryParam("back") String back) {
        String lang = Messages.LANGUAGES.contains(to) ? to : "zh";
        String target = back != null && back.startsWith("/console") && !back.startsWith("//") ? back : "/console";
        return Response.seeOther(URI.create(target))
                .cookie(new NewCookie.Builder(Pages.LANGUAGE_COOKIE).value(lang).path("/").maxAge(365 * 24 * 3600).sameSite(NewCookie.SameSite.LAX).build())
                .build();
    }

    // ---- catalog ----

    @GET
    @Path("catalog")
    public TemplateInstance catalog(@QueryParam("q") String q, @QueryParam("department") String department,
                                    @QueryParam("classification") String classification, @QueryParam("category") String category,
                                    @QueryParam("updateFrequency") String updateFrequency, @QueryParam("cursor") String cursor) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("q", q);
        filters.put("department", department);
        filters.put("classification", classification);
        filters.put("category", category);
        filters.put("updateFrequency", updateFrequency);
        Map<String, Object> query = new LinkedHashMap<>(filters);
        query.put("cursor", cursor);
        query.put("limit", 20);
        ServiceClient.Answer found = services.get("/api/catalog/datasets", query);
        List<Map<String, Object>> facets = new ArrayList<>();
        Object facetMap = found.map().get("facets");
        if (facetMap instanceof Map<?, ?> fm) {
            fm.forEach((name, values) -> {
                List<Map<String, Object>> links = new ArrayList<>();
                if (values instanceof List<?> vs) {
                    for (Object v : vs) {
                        Map<?, ?> fv = (Map<?, ?>) v;
                        String value = String.valueOf(fv.get("value"));
                        boolean selected = value.equals(filters.get(name.toString()));
                        Map<String, String> next = new LinkedHashMap<>(filters);
                        next.put(name.toString(), selected ? null : value);
                        links.add(Map.of("value", value, "count", fv.get("count"), "selected", selected,
                                "href", "/console/catalog" + ServiceClient.queryString(next)));
                    }
                }
                facets.add(Map.of("name", name.toString(), "values", links));
            });
        }
        return pages.page(catalog, "catalog").data("f", filters).data("result", found.map()).data("problem", found.problem()).data("facets", facets);
    }

    @GET
    @Path("catalog/{id}")
    public TemplateInstance dataset(@PathParam("id") String id) {
        ServiceClient.Answer ds = services.get("/api/catalog/datasets/" + safe(id));
        return pages.page(dataset, "catalog").data("d", ds.map()).data("problem", ds.problem());
    }

    // ---- request wizard ----

    @GET
    @Path("requests/new")
    @RolesAllowed({"steward", "cdo"})
    public TemplateInstance newRequest(@QueryParam("dataset") String datasetId) {
        ServiceClient.Answer ds = services.get("/api/catalog/datasets/" + safe(datasetId));
        LocalDate today = LocalDate.now(PLATFORM_ZONE);
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("termStart", today.toString());
        form.put("termEnd", today.plusMonths(6).toString());
        form.put("accessMode", "VIEW");
        form.put("retentionDays", "30");
        form.put("dailyRowQuota", "1000");
        form.put("authorisedUsers", pages.user().username());
        form.put("fields", List.of());
        return pages.page(requestNew, "requests").data("d", ds.map()).data("problem", ds.problem()).data("form", form).data("purposes", PURPOSES);
    }

    @POST
    @Path("requests")
    @RolesAllowed({"steward", "cdo"})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object createRequest(@RestForm String datasetId, @RestForm List<String> fields, @RestForm String purpose,
                                @RestForm String purposeDetail, @RestForm String legalBasis, @RestForm String accessMode,
                                @RestForm String rowFilter, @RestForm String termStart, @RestForm String termEnd,
                                @RestForm String dailyRowQuota, @RestForm String retentionDays, @RestForm String authorisedUsers,
                                @RestForm String caseReference) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("datasetId", datasetId);
        draft.put("fields", fields == null ? List.of() : fields);
        draft.put("purpose", purpose);
        draft.put("purposeDetail", purposeDetail);
        draft.put("legalBasis", blank(legalBasis));
        draft.put("accessMode", accessMode);
        draft.put("rowFilter", blank(rowFilter));
        draft.put("termStart", termStart);
        draft.put("termEnd", termEnd);
        draft.put("dailyRowQuota", number(dailyRowQuota));
        draft.put("retentionDays", number(retentionDays));
        draft.put("authorisedUsers", authorisedUsers == null ? List.of() : Arrays.stream(authorisedUsers.split("[,，\\s]+")).filter(s -> !s.isBlank()).toList());
        draft.put("caseReference", blank(caseReference));
        ServiceClient.Answer created = services.post("/api/exchange/requests", draft, null);
        ServiceClient.Answer submitted = created;
        if (created.ok()) {
            String id = String.valueOf(created.map().get("id"));
            submitted = services.post("/api/exchange/requests/" + id + "/submit", Map.of(), null);
            if (submitted.ok()) {
                return Response.seeOther(URI.create("/console/requests/" + id + "?done=submit")).build();
            }
            return requestPage(safe(id), null, submitted.problem());
        }
        Map<String, Object> form = new LinkedHashMap<>(draft);
        form.put("authorisedUsers", authorisedUsers);
        form.put("dailyRowQuota", dailyRowQuota);
        form.put("retentionDays", retentionDays);
        ServiceClient.Answer ds = services.get("/api/catalog/datasets/" + safe(datasetId));
        return pages.page(requestNew, "requests").data("d", ds.map()).data("problem", submitted.problem()).data("form", form).data("purposes", PURPOSES);
    }

    // ---- requests ----

    @GET
    @Path("requests")
    public TemplateInstance requests(@QueryParam("state") String state) {
        ServiceClient.Answer list = services.get("/api/exchange/requests", Map.of("state", state == null ? "" : state));
        return pages.page(requests, "requests").data("items", list.list()).data("problem", list.problem()).data("state", state);
    }

    @GET
    @Path("requests/{id}")
    public TemplateInstance request(@PathParam("id") String id, @QueryParam("done") String done) {
        return requestPage(safe(id), done, null);
    }

    TemplateInstance requestPage(String id, String done, ServiceClient.Problem problem) {
        ServiceClient.Answer r = services.get("/api/exchange/requests/" + id);
        Map<String, Object> req = r.map();
        Map<String, Object> ds = Map.of();
        if (req.get("dataset") instanceof Map<?, ?> ref && ref.get("id") != null) {
            ServiceClient.Answer d = services.get("/api/catalog/datasets/" + ref.get("id"));
            ds = d.map();
        }
        List<Object> history = r.ok() ? services.get("/api/exchange/requests/" + id + "/history").list() : List.of();
        List<Object> diff = r.ok() && req.get("proposedTerms") != null ? services.get("/api/exchange/requests/" + id + "/diff").list() : List.of();
        return pages.page(request, pages.user().cdo() ? "inbox" : "requests").data("r", req).data("etag", r.etag()).data("d", ds)
                .data("fieldClasses", fieldClasses(ds)).data("history", history).data("diff", diff).data("done", done)
                .data("problem", problem != null ? problem : r.problem());
    }

    /** One step on a request (endorse, approve, approve with narrowing, return, reject, accept, …) with the ETag the page showed. */
    @POST
    @Path("requests/{id}/act")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object act(@PathParam("id") String id, @RestForm String action, @RestForm String etag, @RestForm String reason,
                      @RestForm List<String> fields, @RestForm String rowFilter, @RestForm String termEnd, @RestForm String dailyRowQuota) {
        String requestId = safe(id);
        if (action == null || !action.matches("[a-z-]{3,40}")) {
            return requestPage(requestId, null, new ServiceClient.Problem(400, pages.words().get("error.action"), "", List.of()));
        }
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("reason", blank(reason));
        if ("approve-with-changes".equals(action)) {
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("fields", fields);
            changes.put("rowFilter", blank(rowFilter));
            changes.put("termEnd", blank(termEnd));
            changes.put("dailyRowQuota", number(dailyRowQuota));
            changes.values().removeIf(v -> v == null);
            decision.put("changes", changes);
        }
        ServiceClient.Answer done = services.post("/api/exchange/requests/" + requestId + "/" + action, decision, "submit".equals(action) ? null : etag);
        if (done.ok()) {
            return Response.seeOther(URI.create("/console/requests/" + requestId + "?done=" + action)).build();
        }
        return requestPage(requestId, null, done.problem());
    }

    // ---- agreements and reading data ----

    @GET
    @Path("agreements")
    public TemplateInstance agreements(@QueryParam("state") String state) {
        ServiceClient.Answer list = services.get("/api/exchange/agreements", Map.of("state", state == null ? "" : state));
        return pages.page(agreements, "agreements").data("items", list.list()).data("problem", list.problem()).data("state", state);
    }

    @GET
    @Path("agreements/{id}")
    public TemplateInstance agreement(@PathParam("id") String id, @QueryParam("done") String done) {
        return agreementPage(safe(id), done, null, null);
    }

    TemplateInstance agreementPage(String id, String done, ServiceClient.Answer read, ServiceClient.Problem problem) {
        ServiceClient.Answer a = services.get("/api/exchange/agreements/" + id);
        Map<String, Object> doc = Map.of();
        if (a.map().get("document") instanceof String text) {
            try {
                doc = ServiceClient.JSON.readValue(text, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
                });
            } catch (Exception e) {
                doc = Map.of();
            }
        }
        ConsoleUser u = pages.user();
        boolean provider = u.cdo() && u.department() != null && u.department().equals(a.map().get("providerDepartment"));
        boolean consumer = u.department() != null && u.department().equals(a.map().get("consumerDepartment"));
        TemplateInstance page = pages.page(agreement, "agreements").data("a", a.map()).data("etag", a.etag()).data("doc", doc)
                .data("provider", provider).data("consumer", consumer).data("done", done)
                .data("problem", problem != null ? problem : a.problem()).data("read", null).data("readProblem", null);
        if (read != null) {
            page.data("read", read.ok() ? read.map() : null).data("readProblem", read.problem())
                    .data("auditEventId", read.headers().get("X-Audit-Event-Id"));
        }
        return page;
    }

    /** Reads masked rows under the agreement (VIEW), as the person signed in; every read is an audit event. */
    @POST
    @Path("agreements/{id}/read")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance read(@PathParam("id") String id, @RestForm String purpose, @RestForm String caseReference,
                                 @RestForm String filter, @RestForm String pageSize, @RestForm String cursor) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("mode", "VIEW");
        query.put("purpose", purpose);
        query.put("filter", blank(filter));
        query.put("pageSize", number(pageSize) == null ? 20 : number(pageSize));
        query.put("cursor", blank(cursor));
        query.values().removeIf(v -> v == null);
        Map<String, String> headers = new LinkedHashMap<>();
        if (blank(caseReference) != null) {
            // header values are ISO-8859-1: the exchange takes a case reference such as 人社〔2026〕7号 percent-encoded as UTF-8
            headers.put("X-Case-Reference", java.net.URLEncoder.encode(caseReference.trim(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        ServiceClient.Answer read = services.post("/api/exchange/agreements/" + safe(id) + "/query", query, null, headers);
        return agreementPage(safe(id), null, read, null).data("caseReference", caseReference).data("filter", filter);
    }

    /** Suspend, resume or revoke (the provider's CDO; the exchange enforces who may). */
    @POST
    @Path("agreements/{id}/state")
    @RolesAllowed("cdo")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object changeState(@PathParam("id") String id, @RestForm String action, @RestForm String etag, @RestForm String reason) {
        if (!List.of("suspend", "resume", "revoke").contains(action)) {
            return agreementPage(safe(id), null, null, new ServiceClient.Problem(400, pages.words().get("error.action"), "", List.of()));
        }
        ServiceClient.Answer done = services.post("/api/exchange/agreements/" + safe(id) + "/" + action, Map.of("reason", reason == null ? "" : reason), etag);
        if (done.ok()) {
            return Response.seeOther(URI.create("/console/agreements/" + safe(id) + "?done=" + action)).build();
        }
        return agreementPage(safe(id), null, null, done.problem());
    }

    // ---- helpers ----

    static Map<String, String> fieldClasses(Map<String, Object> dataset) {
        Map<String, String> classes = new LinkedHashMap<>();
        if (dataset.get("fields") instanceof List<?> fields) {
            for (Object f : fields) {
                if (f instanceof Map<?, ?> field) {
                    classes.put(String.valueOf(field.get("name")), String.valueOf(field.get("fieldClass")));
                }
            }
        }
        return classes;
    }

    /** Path segments from the browser are ids: letters, digits and hyphens only, so nothing else reaches a service path. */
    static String safe(String segment) {
        if (segment == null || !segment.matches("[A-Za-z0-9-]{1,64}")) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return segment;
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static Long number(String s) {
        try {
            return s == null || s.isBlank() ? null : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
