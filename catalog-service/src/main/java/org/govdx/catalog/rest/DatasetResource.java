package org.govdx.catalog.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.catalog.domain.Frequency;
import org.govdx.catalog.domain.VersionStatus;
import org.govdx.catalog.mapping.CorrectionMapper;
import org.govdx.catalog.mapping.DatasetMapper;
import org.govdx.catalog.mapping.DraftMapper;
import org.govdx.catalog.mapping.QualityMapper;
import org.govdx.catalog.service.CorrectionService;
import org.govdx.catalog.service.Cursors;
import org.govdx.catalog.service.DatasetService;
import org.govdx.catalog.service.DatasetView;
import org.govdx.catalog.service.QualityService;
import org.govdx.catalog.service.SearchService;
import org.govdx.common.identity.CurrentCaller;
import org.govdx.common.problem.ProblemException;
import org.govdx.common.web.ETags;
import org.govdx.rules.classification.SharingClass;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/catalog/datasets")
@Tag(name = "Datasets", description = "Classified datasets, their versions and lifecycle (DOMAIN rules 1, 2, 7, 9-12)")
@Authenticated
public class DatasetResource {

    @Inject
    DatasetService datasets;

    @Inject
    SearchService search;

    @Inject
    QualityService quality;

    @Inject
    CorrectionService corrections;

    @Inject
    CurrentCaller caller;

    @Inject
    ObjectMapper mapper;

    // ------------------------------------------------------------------ search

    @GET
    @Operation(summary = "Search the catalog",
            description = "Any authenticated caller. Text (q) matches titles, descriptions, keywords and field titles in Chinese and English "
                    + "(every word must match; pg_trgm). Filters: department, classification, category, dataElement, updateFrequency; "
                    + "facet counts and total on the first page; sort relevance (default with q), title or updated (default without q); "
                    + "opaque cursor pagination. Others see current published versions only, FORBIDDEN ones included (metadata only). "
                    + "With mine=true a steward or CDO sees the latest version of each of their department's datasets, drafts included "
                    + "(and may filter by status).")
    @APIResponse(responseCode = "200", description = "A page of hits", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = SearchPageDto.class), examples = @ExampleObject(name = "户籍", value = Examples.SEARCH_PAGE)))
    @APIResponse(responseCode = "400", description = "A bad parameter or cursor", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "bad", value = Examples.PROBLEM_400)))
    @APIResponse(responseCode = "403", description = "mine=true without a department role", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "forbidden", value = Examples.PROBLEM_403)))
    public Uni<Response> search(@Parameter(description = "Words, all of which must match", example = "户籍") @QueryParam("q") String q,
                                @Parameter(description = "Owner department code", example = "civil-affairs") @QueryParam("department") String department,
                                @Parameter(description = "OPEN, RESTRICTED or FORBIDDEN") @QueryParam("classification") String classification,
                                @Parameter(description = "Subject category", example = "population") @QueryParam("category") String category,
                                @Parameter(description = "Data element code a field maps to", example = "DE0001") @QueryParam("dataElement") String dataElement,
                                @Parameter(description = "Declared update frequency", example = "DAILY") @QueryParam("updateFrequency") String updateFrequency,
                                @Parameter(description = "With mine=true: the latest version's status") @QueryParam("status") String status,
                                @Parameter(description = "Your department's datasets, drafts included") @QueryParam("mine") String mine,
                                @Parameter(description = "relevance, title or updated") @QueryParam("sort") String sort,
                                @QueryParam("cursor") String cursor,
                                @Parameter(description = "1 to 100, default 20") @QueryParam("limit") Integer limit,
                                @Parameter(description = "Compute facet counts on the first page (default true)") @QueryParam("facets") String facets,
                                @Context UriInfo uri) {
        SearchService.Request request = new SearchService.Request(q, Params.text(department),
                Params.enumValue(SharingClass.class, "classification", classification), Params.text(category), Params.text(dataElement),
                Params.enumValue(Frequency.class, "updateFrequency", updateFrequency), Params.enumValue(VersionStatus.class, "status", status),
                Params.bool("mine", mine, false), Params.text(sort), cursor, Cursors.limit(limit, 20, 100), Params.bool("facets", facets, true));
        boolean withScore = request.sort() == null ? q != null && !q.isBlank() : request.sort().equals("relevance");
        return search.search(caller.get(), request).map(outcome -> {
            Map<String, List<SearchPageDto.FacetValue>> facetDtos = null;
            if (outcome.facets() != null) {
                facetDtos = new LinkedHashMap<>();
                for (var e : outcome.facets().entrySet()) {
                    facetDtos.put(e.getKey(), DatasetMapper.facet(e.getValue()));
                }
            }
            SearchPageDto page = new SearchPageDto(outcome.hits().stream().map(h -> DatasetMapper.hit(h, withScore)).toList(),
                    facetDtos, outcome.total(), outcome.nextCursor());
            return Links.page(Response.ok(page), uri, outcome.nextCursor()).build();
        });
    }

    // ------------------------------------------------------------------ reading

    @GET
    @Path("/{id}")
    @Operation(summary = "One dataset", description = "Any authenticated caller (services included) for a published dataset; its owner, the platform admin, "
            + "auditors and services also for unpublished ones. The current version's metadata, quality, overlap warnings and the national "
            + "catalogue's core items (resourceCatalogue). ETag for If-Match.")
    @APIResponse(responseCode = "200", description = "The dataset", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DatasetDto.class), examples = @ExampleObject(name = "MCA-RESIDENTS", value = Examples.DATASET)))
    @APIResponse(responseCode = "404", description = "No such dataset, or not published and not yours", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        return datasets.get(caller.get(), id).map(DatasetResource::ok);
    }

    @GET
    @Path("/by-code/{code}")
    @Operation(summary = "One dataset by its code", description = "As GET /api/catalog/datasets/{id}.")
    @APIResponse(responseCode = "200", description = "The dataset", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DatasetDto.class), examples = @ExampleObject(name = "MCA-RESIDENTS", value = Examples.DATASET)))
    @APIResponse(responseCode = "404", description = "No such dataset, or not published and not yours", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    public Uni<Response> byCode(@PathParam("code") String code) {
        return datasets.getByCode(caller.get(), code).map(DatasetResource::ok);
    }

    @GET
    @Path("/{id}/versions")
    @Operation(summary = "The dataset's versions", description = "Published, scheduled, superseded and retired versions for everyone; drafts too for "
            + "the owner, the platform admin, auditors and services. Oldest first, paged.")
    @APIResponse(responseCode = "200", description = "A page of versions", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = VersionDto.class), examples = @ExampleObject(name = "versions", value = Examples.VERSIONS)))
    @APIResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    public Uni<Response> versions(@PathParam("id") UUID id, @QueryParam("cursor") String cursor,
                                  @Parameter(description = "1 to 100, default 20") @QueryParam("limit") Integer limit, @Context UriInfo uri) {
        return datasets.versions(caller.get(), id, cursor, Cursors.limit(limit, 20, 100)).map(page -> Links.page(
                Response.ok(page.items().stream().map(DatasetMapper::toDto).toList()), uri, page.nextCursor()).build());
    }

    @GET
    @Path("/{id}/versions/{version}")
    @Operation(summary = "One version of a dataset", description = "What an agreement names: classification, legal basis, fields and their schema hash "
            + "(hex SHA-256 of the RFC 8785 canonical JSON of the fields array). Published versions stay readable after being superseded or retired.")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = VersionDto.class), examples = @ExampleObject(name = "v2", value = Examples.VERSION)))
    @APIResponse(responseCode = "404", description = "No such version, or a draft that is not yours", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    public Uni<Response> version(@PathParam("id") UUID id, @PathParam("version") int version) {
        return datasets.version(caller.get(), id, version)
                .map(read -> Response.ok(DatasetMapper.toDto(read.version())).tag(ETags.of(read.dataset().lockVersion)).build());
    }

    // ------------------------------------------------------------------ drafting and lifecycle

    @POST
    @Operation(summary = "Draft a dataset (steward or CDO of the owner department)",
            description = "The body is the demo catalog's dataset JSON (dataFile is ignored). Creates version 1 as a DRAFT. Rules: an OPEN dataset has only "
                    + "OPEN fields; a RESTRICTED or FORBIDDEN dataset or field cites its legal basis; field names are unique identifiers; data elements "
                    + "exist and fit the field types; masking rules parse; RESTRICTED and FORBIDDEN fields are masked by default.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = DatasetInput.class),
            examples = @ExampleObject(name = "MCA-RESIDENTS", value = Examples.DATASET_INPUT)))
    @APIResponse(responseCode = "201", description = "The draft; Location and ETag", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DatasetDto.class), examples = @ExampleObject(name = "draft", value = Examples.DATASET)))
    @APIResponse(responseCode = "400", description = "Malformed input, naming every offending field", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "bad", value = Examples.PROBLEM_400)))
    @APIResponse(responseCode = "403", description = "Not a steward or CDO of the owner department", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "forbidden", value = Examples.PROBLEM_403)))
    @APIResponse(responseCode = "409", description = "The code is taken", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "taken", value = Examples.PROBLEM_409)))
    @APIResponse(responseCode = "422", description = "A sharing rule is violated", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "rule", value = Examples.PROBLEM_422)))
    public Uni<Response> create(@Valid @NotNull DatasetInput body) {
        if (body.code() == null) {
            throw ProblemException.invalidField("code", "required");
        }
        if (body.ownerDepartment() == null) {
            throw ProblemException.invalidField("ownerDepartment", "required");
        }
        return datasets.create(caller.get(), DraftMapper.toDraft(body)).map(view -> Response.created(URI.create("/api/catalog/datasets/" + view.dataset().id))
                .entity(DatasetMapper.toDto(view)).tag(ETags.of(view.dataset().lockVersion)).build());
    }

    @PUT
    @Path("/{id}/draft")
    @Operation(summary = "Change the draft (steward or CDO of the owner department)",
            description = "Replaces the content of the latest version while it is DRAFT or REJECTED (a rejected version goes back to DRAFT). "
                    + "If-Match is required; a stale one gets 412. The same rules as on creation.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = DatasetInput.class),
            examples = @ExampleObject(name = "MCA-RESIDENTS", value = Examples.DATASET_INPUT)))
    @APIResponse(responseCode = "200", description = "The dataset with the changed draft", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DatasetDto.class), examples = @ExampleObject(name = "draft", value = Examples.DATASET)))
    @APIResponse(responseCode = "400", description = "Malformed input", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "bad", value = Examples.PROBLEM_400)))
    @APIResponse(responseCode = "403", description = "Not the owner department", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "forbidden", value = Examples.PROBLEM_403)))
    @APIResponse(responseCode = "409", description = "The latest version is not editable", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "submitted", value = Examples.PROBLEM_409)))
    @APIResponse(responseCode = "412", description = "Stale If-Match", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "stale", value = Examples.PROBLEM_412)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_412)))
    @APIResponse(responseCode = "422", description = "A sharing rule is violated", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "rule", value = Examples.PROBLEM_422)))
    public Uni<Response> updateDraft(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull DatasetInput body) {
        return datasets.updateDraft(caller.get(), id, ifMatch, DraftMapper.toDraft(body)).map(DatasetResource::ok);
    }

    @POST
    @Path("/{id}/submit")
    @Operation(summary = "Submit the draft for publication (steward or CDO of the owner department)",
            description = "DRAFT or REJECTED → SUBMITTED. Runs the overlap check (one source for one datum): published datasets of other departments "
                    + "covering the same data elements or with similar fields are stored with the submission for the approving CDO. If-Match optional.")
    @APIResponse(responseCode = "200", description = "The submitted dataset, with its overlap candidates", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DatasetDto.class), examples = @ExampleObject(name = "submitted", value = Examples.DATASET)))
    @APIResponse(responseCode = "403", description = "Not the owner department", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "forbidden", value = Examples.PROBLEM_403)))
    @APIResponse(responseCode = "409", description = "Nothing to submit", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "state", value = Examples.PROBLEM_409)))
    @APIResponse(responseCode = "412", description = "Stale If-Match", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "stale", value = Examples.PROBLEM_412)))
    @APIResponse(responseCode = "422", description = "A sharing rule is violated (e.g. a data element changed)", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "rule", value = Examples.PROBLEM_422)))
    public Uni<Response> submit(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return datasets.submit(caller.get(), id, ifMatch).map(DatasetResource::ok);
    }

    @POST
    @Path("/{id}/publish")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(summary = "Publish the submitted version (a CDO of the owner who did not submit it)",
            description = "Two-person rule: only a CDO of the owner department publishes, and never the person who submitted. A first version, or one "
                    + "that only adds fields or loosens classes, takes effect at once and supersedes the previous version (which stays readable). A "
                    + "version that drops, re-classes or re-types fields, or makes the dataset stricter, is announced first to the departments "
                    + "holding agreements (asked of the exchange service; 503 if it cannot answer): it becomes SCHEDULED and takes effect after the "
                    + "notice period, or at once for an emergency with a reason.")
    @RequestBody(required = false, content = @Content(mediaType = "application/json", schema = @Schema(implementation = ActionRequests.Publish.class),
            examples = @ExampleObject(name = "normal", value = "{\"emergency\":false}")))
    @APIResponse(responseCode = "200", description = "The dataset (PUBLISHED, or with a pendingVersion)", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DatasetDto.class), examples = @ExampleObject(name = "published", value = Examples.DATASET)))
    @APIResponse(responseCode = "400", description = "An emergency without a reason", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "bad", value = Examples.PROBLEM_400)))
    @APIResponse(responseCode = "403", description = "Not a CDO, not the owner's CDO, or the submitter", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "two-person", value = Examples.PROBLEM_403)))
    @APIResponse(responseCode = "409", description = "Nothing submitted", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "state", value = Examples.PROBLEM_409)))
    @APIResponse(responseCode = "503", description = "The exchange service cannot name the consumers to notify", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "exchange down", value = Examples.PROBLEM_503)))
    public Uni<Response> publish(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, String text) throws IOException {
        // the body is optional, so it is read here: without one (and without a Content-Type) this is a plain publication
        ActionRequests.Publish body = text == null || text.isBlank() ? null : mapper.readValue(text, ActionRequests.Publish.class);
        if (body != null && body.reason() != null && body.reason().length() > 2000) {
            throw ProblemException.invalidField("reason", "at most 2000 characters");
        }
        boolean emergency = body != null && body.emergency();
        return datasets.publish(caller.get(), id, ifMatch, emergency, body == null ? null : body.reason()).map(DatasetResource::ok);
    }

    @POST
    @Path("/{id}/reject")
    @Operation(summary = "Reject the submitted version with a reason (a CDO of the owner)", description = "SUBMITTED → REJECTED; the owner edits it back to DRAFT.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = ActionRequests.Reject.class),
            examples = @ExampleObject(name = "reason", value = "{\"reason\":\"民族字段须标注为不予共享\"}")))
    @APIResponse(responseCode = "200", description = "The dataset with the rejected version", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DatasetDto.class), examples = @ExampleObject(name = "rejected", value = Examples.DATASET)))
    @APIResponse(responseCode = "400", description = "No reason", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "bad", value = Examples.PROBLEM_400)))
    @APIResponse(responseCode = "403", description = "Not a CDO of the owner", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "forbidden", value = Examples.PROBLEM_403)))
    @APIResponse(responseCode = "409", description = "Nothing submitted", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "state", value = Examples.PROBLEM_409)))
    public Uni<Response> reject(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ActionRequests.Reject body) {
        return datasets.reject(caller.get(), id, ifMatch, body.reason()).map(DatasetResource::ok);
    }

    @POST
    @Path("/{id}/versions")
    @Operation(summary = "Start a new version from the published one (steward or CDO of the owner)",
            description = "Copies the current published version into a new DRAFT; change it with PUT …/draft, then submit and publish it under the two-person rule.")
    @APIResponse(responseCode = "201", description = "The dataset with its new draft version", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DatasetDto.class), examples = @ExampleObject(name = "new version", value = Examples.DATASET)))
    @APIResponse(responseCode = "403", description = "Not the owner department", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "forbidden", value = Examples.PROBLEM_403)))
    @APIResponse(responseCode = "409", description = "Never published, retired, or a version already in progress", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "state", value = Examples.PROBLEM_409)))
    public Uni<Response> startVersion(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return datasets.startVersion(caller.get(), id, ifMatch).map(view -> Response.created(
                        URI.create("/api/catalog/datasets/" + id + "/versions/" + view.latest().version))
                .entity(DatasetMapper.toDto(view)).tag(ETags.of(view.dataset().lockVersion)).build());
    }

    @POST
    @Path("/{id}/retire")
    @Operation(summary = "Retire the dataset (a CDO of the owner)",
            description = "Asks the exchange service which departments hold agreements (503 if it cannot answer: no retirement without notice). With "
                    + "consumers, a notice addressed to them is recorded and the retirement takes effect after the notice period (default P7D), "
                    + "or at once for an emergency; without consumers at once. A retired dataset leaves search; its versions stay readable.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = ActionRequests.Retire.class),
            examples = @ExampleObject(name = "planned", value = "{\"reason\":\"数据由新的人口基础库替代\",\"emergency\":false}")))
    @APIResponse(responseCode = "200", description = "The dataset with its retirement", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DatasetDto.class), examples = @ExampleObject(name = "retiring", value = Examples.DATASET)))
    @APIResponse(responseCode = "400", description = "No reason", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "bad", value = Examples.PROBLEM_400)))
    @APIResponse(responseCode = "403", description = "Not a CDO of the owner", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "forbidden", value = Examples.PROBLEM_403)))
    @APIResponse(responseCode = "409", description = "Not published, already retired or retiring, or a version pending", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "state", value = Examples.PROBLEM_409)))
    @APIResponse(responseCode = "503", description = "The exchange service cannot name the consumers", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "exchange down", value = Examples.PROBLEM_503)))
    public Uni<Response> retire(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ActionRequests.Retire body) {
        return datasets.retire(caller.get(), id, ifMatch, body.reason(), body.emergency()).map(DatasetResource::ok);
    }

    // ------------------------------------------------------------------ quality

    @PUT
    @Path("/{id}/versions/{version}/quality")
    @Operation(summary = "Record quality figures of a version (exchange service only, role govdx-service)",
            description = "Completeness, validity and uniqueness as 0..1, row count, when measured (and optionally the last upload). The history is "
                    + "kept; the same measuredAt again replaces that measurement. Timeliness is derived from the declared update frequency.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = QualityInput.class),
            examples = @ExampleObject(name = "measured", value = Examples.QUALITY_INPUT)))
    @APIResponse(responseCode = "200", description = "The version's quality now", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = QualityDto.class), examples = @ExampleObject(name = "quality", value = Examples.QUALITY)))
    @APIResponse(responseCode = "400", description = "A figure out of range", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "bad", value = Examples.PROBLEM_400)))
    @APIResponse(responseCode = "403", description = "Not the exchange service", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "forbidden", value = Examples.PROBLEM_403)))
    @APIResponse(responseCode = "404", description = "No such version", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    @APIResponse(responseCode = "409", description = "The version is not published", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "state", value = Examples.PROBLEM_409)))
    public Uni<QualityDto> putQuality(@PathParam("id") UUID id, @PathParam("version") int version, @Valid @NotNull QualityInput body) {
        return quality.record(caller.get(), id, version, QualityMapper.toMeasured(body)).map(DatasetMapper::quality);
    }

    @GET
    @Path("/{id}/versions/{version}/quality")
    @Operation(summary = "A version's quality", description = "Anyone who may read the version. Null figures when never measured.")
    @APIResponse(responseCode = "200", description = "The latest figures, timeliness and correction counts", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = QualityDto.class), examples = @ExampleObject(name = "quality", value = Examples.QUALITY)))
    @APIResponse(responseCode = "404", description = "No such version", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    public Uni<QualityDto> getQuality(@PathParam("id") UUID id, @PathParam("version") int version) {
        return quality.latest(caller.get(), id, version).map(q -> q == null
                ? new QualityDto(version, null, null, null, null, null, null, null, null, new QualityDto.Corrections(0, 0, 0, 0))
                : DatasetMapper.quality(q));
    }

    @GET
    @Path("/{id}/versions/{version}/quality/history")
    @Operation(summary = "A version's quality history", description = "Measurements newest first, paged.")
    @APIResponse(responseCode = "200", description = "A page of measurements", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = QualityMeasurementDto.class), examples = @ExampleObject(name = "history", value = Examples.QUALITY_HISTORY)))
    @APIResponse(responseCode = "404", description = "No such version", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    public Uni<Response> qualityHistory(@PathParam("id") UUID id, @PathParam("version") int version, @QueryParam("cursor") String cursor,
                                       @Parameter(description = "1 to 200, default 50") @QueryParam("limit") Integer limit, @Context UriInfo uri) {
        return quality.history(caller.get(), id, version, cursor, Cursors.limit(limit, 50, 200)).map(page -> Links.page(
                Response.ok(page.items().stream().map(QualityMapper::toDto).toList()), uri, page.nextCursor()).build());
    }

    // ------------------------------------------------------------------ corrections

    @POST
    @Path("/{id}/corrections")
    @Operation(summary = "Report a wrong value (steward or CDO of another department)",
            description = "DOMAIN rule 12: dataset, record key (all key fields), field, what the reporter believes is right, and evidence. The provider "
                    + "answers within 5 working days (due date from the exchange service's calendar; 503 if it cannot answer).")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = ActionRequests.Report.class),
            examples = @ExampleObject(name = "mobile", value = Examples.CORRECTION_INPUT)))
    @APIResponse(responseCode = "201", description = "The report", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CorrectionDto.class), examples = @ExampleObject(name = "open", value = Examples.CORRECTION)))
    @APIResponse(responseCode = "400", description = "Malformed report", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "bad", value = Examples.PROBLEM_400)))
    @APIResponse(responseCode = "403", description = "Not a department role, or the owner itself", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "forbidden", value = Examples.PROBLEM_403)))
    @APIResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    @APIResponse(responseCode = "422", description = "Unknown field or record key fields", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "rule", value = Examples.PROBLEM_422)))
    @APIResponse(responseCode = "503", description = "The working-day calendar is unavailable", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "exchange down", value = Examples.PROBLEM_503)))
    public Uni<Response> report(@PathParam("id") UUID id, @Valid @NotNull ActionRequests.Report body) {
        return corrections.report(caller.get(), id, new CorrectionService.Report(body.recordKey(), body.field(), body.proposedValue(), body.evidence()))
                .map(c -> Response.created(URI.create("/api/catalog/corrections/" + c.id)).entity(CorrectionMapper.toDto(c))
                        .tag(ETags.of(c.lockVersion)).build());
    }

    private static Response ok(DatasetView view) {
        return Response.ok(DatasetMapper.toDto(view)).tag(ETags.of(view.dataset().lockVersion)).build();
    }
}
