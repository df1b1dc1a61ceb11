package org.govdx.catalog.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.catalog.mapping.NoticeMapper;
import org.govdx.catalog.service.Cursors;
import org.govdx.catalog.service.NoticeService;
import org.govdx.common.identity.CurrentCaller;

import java.util.UUID;

@Path("/api/catalog/notices")
@Tag(name = "Notices", description = "Retirements and breaking versions announced to consumer departments before they take effect")
@Authenticated
public class NoticeResource {

    @Inject
    NoticeService service;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "Notices addressed to or issued by your department",
            description = "Newest first, paged; every notice for the platform admin and auditors. A consumer department sees only its own addressee entries.")
    @APIResponse(responseCode = "200", description = "A page of notices", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = NoticeDto.class), examples = @ExampleObject(name = "notices", value = Examples.NOTICES)))
    @APIResponse(responseCode = "400", description = "Bad cursor or limit", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "bad", value = Examples.PROBLEM_400)))
    public Uni<Response> list(@QueryParam("cursor") String cursor, @Parameter(description = "1 to 200, default 50") @QueryParam("limit") Integer limit,
                              @Context UriInfo uri) {
        return service.list(caller.get(), cursor, Cursors.limit(limit, 50, 200)).map(page -> Links.page(
                Response.ok(page.items().stream().map(NoticeMapper::toDto).toList()), uri, page.nextCursor()).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One notice", description = "Its addressees, its issuer, the platform admin and auditors.")
    @APIResponse(responseCode = "200", description = "The notice", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = NoticeDto.class), examples = @ExampleObject(name = "retirement", value = Examples.NOTICE)))
    @APIResponse(responseCode = "404", description = "No such notice, or not addressed to you", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    public Uni<NoticeDto> get(@PathParam("id") UUID id) {
        return service.get(caller.get(), id).map(NoticeMapper::toDto);
    }
}
