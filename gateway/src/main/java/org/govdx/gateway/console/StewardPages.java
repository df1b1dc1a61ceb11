package org.govdx.gateway.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A steward's own department's data: upload rows of a hosted dataset (with progress and the rejected-rows report) and publish a dataset. */
@Path("/console")
@RolesAllowed("steward")
public class StewardPages {

    static final List<String> FREQUENCIES = List.of("REAL_TIME", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "YEARLY", "ON_CHANGE", "IRREGULAR");
    static final List<String> TYPES = List.of("STRING", "INTEGER", "DECIMAL", "DATE", "DATETIME", "BOOLEAN", "ENUM");

    @Inject
    Pages pages;

    @Inject
    ServiceClient services;

    @Location("upload.html")
    Template upload;
    @Location("publish.html")
    Template publish;

    @GET
    @Path("datasets/{id}/upload")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance uploadPage(@PathParam("id") String id) {
        ServiceClient.Answer ds = services.get("/api/catalog/datasets/" + ConsolePages.safe(id));
        return pages.page(upload, "catalog").data("d", ds.map()).data("problem", ds.problem());
    }

    /** The browser's upload (CSRF header checked), streamed to the exchange; its JSON report comes back for the page's script. */
    @POST
    @Path("datasets/{id}/versions/{version}/rows")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response uploadRows(@PathParam("id") String id, @PathParam("version") int version, @QueryParam("mode") @DefaultValue("replace") String mode,
                               @QueryParam("atomic") @DefaultValue("true") boolean atomic, @HeaderParam("Content-Type") String contentType,
                               @HeaderParam("Content-Encoding") String contentEncoding, InputStream body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType != null && contentType.startsWith("text/csv") ? "text/csv" : "application/x-ndjson");
        if (contentEncoding != null && !contentEncoding.isBlank()) {
            headers.put("Content-Encoding", contentEncoding);
        }
        headers.put("Accept", "application/json");
        String path = "/api/exchange/datasets/" + ConsolePages.safe(id) + "/versions/" + version + "/rows"
                + ServiceClient.queryString(Map.of("mode", "append".equals(mode) ? "append" : "replace", "atomic", Boolean.toString(atomic)));
        HttpResponse<InputStream> answer = services.stream("POST", path, HttpRequest.BodyPublishers.ofInputStream(() -> body), headers);
        String type = answer.headers().firstValue("Content-Type").orElse(MediaType.APPLICATION_JSON);
        return Response.status(answer.statusCode()).type(type).entity((jakarta.ws.rs.core.StreamingOutput) out -> {
            try (InputStream in = answer.body()) {
                in.transferTo(out);
            }
        }).build();
    }

    @GET
    @Path("publish")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance publishPage() {
        return publishForm(Map.of(), blankFields(), null);
    }

    /** Drafts the dataset in the catalog and submits it for the department's CDO to publish. */
    @POST
    @Path("publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Object publish(@RestForm String code, @RestForm String titleZh, @RestForm String titleEn, @RestForm String description,
                          @RestForm String keywords, @RestForm String category, @RestForm String updateFrequency, @RestForm String legalBasis,
                          @RestForm String classification, @RestForm List<String> fieldName, @RestForm List<String> fieldTitleZh,
                          @RestForm List<String> fieldTitleEn, @RestForm List<String> fieldType, @RestForm List<String> fieldClass,
                          @RestForm List<String> fieldMasking, @RestForm List<String> fieldKey) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (int i = 0; fieldName != null && i < fieldName.size(); i++) {
            if (fieldName.get(i) == null || fieldName.get(i).isBlank()) {
                continue;
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", fieldName.get(i).trim());
            f.put("titleZh", at(fieldTitleZh, i));
            f.put("titleEn", at(fieldTitleEn, i));
            f.put("type", at(fieldType, i));
            f.put("fieldClass", at(fieldClass, i));
            f.put("defaultMasking", ConsolePages.blank(at(fieldMasking, i)));
            boolean key = fieldKey != null && fieldKey.contains(fieldName.get(i).trim());
            f.put("key", key);
            f.put("required", key);
            fields.add(f);
        }
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("code", ConsolePages.blank(code));
        dataset.put("ownerDepartment", pages.user().department());
        dataset.put("titleZh", titleZh);
        dataset.put("titleEn", titleEn);
        dataset.put("description", description == null ? "" : description);
        dataset.put("keywords", keywords == null ? List.of() : List.of(keywords.split("[,，\\s]+")).stream().filter(s -> !s.isBlank()).toList());
        dataset.put("category", category);
        dataset.put("updateFrequency", updateFrequency);
        dataset.put("legalBasis", ConsolePages.blank(legalBasis));
        dataset.put("classification", classification);
        dataset.put("distribution", Map.of("mode", "HOSTED"));
        dataset.put("fields", fields);
        ServiceClient.Answer created = services.post("/api/catalog/datasets", dataset, null);
        if (created.ok()) {
            String id = String.valueOf(created.map().get("id"));
            ServiceClient.Answer submitted = services.post("/api/catalog/datasets/" + id + "/submit", Map.of(), created.etag());
            if (submitted.ok()) {
                return Response.seeOther(URI.create("/console/catalog/" + id)).build();
            }
            return publishForm(dataset, fields, submitted.problem());
        }
        List<Map<String, Object>> shown = new ArrayList<>(fields);
        while (shown.size() < 6) {
            shown.add(Map.of());
        }
        return publishForm(dataset, shown, created.problem());
    }

    private TemplateInstance publishForm(Map<String, Object> dataset, List<Map<String, Object>> fields, ServiceClient.Problem problem) {
        return pages.page(publish, "publish").data("ds", dataset).data("fields", fields).data("frequencies", FREQUENCIES).data("types", TYPES)
                .data("problem", problem);
    }

    private static List<Map<String, Object>> blankFields() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(Map.of());
        }
        return rows;
    }

    private static String at(List<String> values, int i) {
        return values != null && i < values.size() ? values.get(i) : null;
    }
}
