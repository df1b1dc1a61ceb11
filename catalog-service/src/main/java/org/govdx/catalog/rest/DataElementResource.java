package org.govdx.catalog.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.catalog.mapping.DataElementMapper;
import org.govdx.catalog.service.Cursors;
import org.govdx.catalog.service.DataElementService;
import org.govdx.common.identity.CurrentCaller;
import org.govdx.common.problem.ProblemException;
import org.govdx.common.web.ETags;

import java.util.List;

@Path("/api/catalog/data-elements")
@Tag(name = "Data elements", description = "The shared standard vocabulary (DOMAIN rule 9)")
@Authenticated
public class DataElementResource {

    @Inject
    DataElementService service;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "List the data elements", description = "Any authenticated caller. By code; paged with limit and the opaque cursor of the Link rel=next header.")
    @APIResponse(responseCode = "200", description = "A page of data elements; Link: <…>; rel=\"next\" when there are more",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = DataElementDto.class),
                    examples = @ExampleObject(name = "elements", value = Examples.DATA_ELEMENTS)))
    @APIResponse(responseCode = "400", description = "Bad cursor or limit", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "bad", value = Examples.PROBLEM_400)))
    public Uni<Response> list(@QueryParam("cursor") String cursor,
                              @Parameter(description = "1 to 500, default 100") @QueryParam("limit") Integer limit,
                              @Context UriInfo uri) {
        return service.list(cursor, Cursors.limit(limit, 100, 500)).map(page -> Links.page(
                Response.ok(page.items().stream().map(DataElementMapper::toDto).toList()), uri, page.nextCursor()).build());
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One data element", description = "Any authenticated caller. ETag carries the element's version.")
    @APIResponse(responseCode = "200", description = "The element", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DataElementDto.class), examples = @ExampleObject(name = "DE0001", value = Examples.DATA_ELEMENT)))
    @APIResponse(responseCode = "404", description = "No such element", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    public Uni<Response> get(@PathParam("code") String code) {
        return service.get(code).map(e -> Response.ok(DataElementMapper.toDto(e)).tag(ETags.of(e.version)).build());
    }

    @PUT
    @Path("/{code}")
    @Operation(summary = "Register or update a data element (platform admin)",
            description = "Idempotent: the same definition again changes nothing. Send If-Match with the ETag you read to update safely; a stale one gets 412. "
                    + "An element's type cannot change while dataset fields map to it (409).")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = DataElementDto.class),
            examples = @ExampleObject(name = "DE0001", value = Examples.DATA_ELEMENT)))
    @APIResponse(responseCode = "200", description = "The element as stored", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DataElementDto.class), examples = @ExampleObject(name = "DE0001", value = Examples.DATA_ELEMENT)))
    @APIResponse(responseCode = "400", description = "Invalid definition", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "bad", value = Examples.PROBLEM_400)))
    @APIResponse(responseCode = "403", description = "Not the platform admin", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "forbidden", value = Examples.PROBLEM_403)))
    @APIResponse(responseCode = "409", description = "Type change of an element in use", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "in-use", value = Examples.PROBLEM_409)))
    @APIResponse(responseCode = "412", description = "Stale If-Match", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "stale", value = Examples.PROBLEM_412)))
    @APIResponse(responseCode = "422", description = "Unknown source department", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "unknown", value = Examples.PROBLEM_422)))
    public Uni<Response> put(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull DataElementDto body) {
        if (!code.equals(body.code())) {
            throw ProblemException.invalidField("code", "must equal the code in the path");
        }
        return service.put(caller.get(), DataElementMapper.toDefinition(body), ETags.parseVersion(ifMatch))
                .map(e -> Response.ok(DataElementMapper.toDto(e)).tag(ETags.of(e.version)).build());
    }

    @POST
    @Path("/{code}/validate")
    @Operation(summary = "Check a value (or up to 1000) against a data element",
            description = "Any authenticated caller; the exchange service validates uploaded rows this way. Checks the value type, then the element's "
                    + "validator: GB 11643 resident identity number, GB 32100 unified social credit code, mainland mobile, GB/T 2260 division code, "
                    + "ISO date, enumeration or pattern. Messages never repeat the value.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = ValidateRequest.class),
            examples = @ExampleObject(name = "one", value = Examples.VALIDATE_REQUEST)))
    @APIResponse(responseCode = "200", description = "Valid or invalid with the reason", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ValidationDto.class), examples = @ExampleObject(name = "invalid", value = Examples.VALIDATION_INVALID)))
    @APIResponse(responseCode = "400", description = "Neither or both of value and values", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "bad", value = Examples.PROBLEM_400)))
    @APIResponse(responseCode = "404", description = "No such element", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    public Uni<ValidationDto> validate(@PathParam("code") String code, @Valid @NotNull ValidateRequest body) {
        if ((body.value() == null) == (body.values() == null)) {
            throw ProblemException.invalidField("value", "send either value or values");
        }
        if (body.values() != null) {
            return service.validate(code, body.values()).map(c -> DataElementMapper.batch(code, c.outcomes()));
        }
        return service.validate(code, List.of(body.value())).map(c -> DataElementMapper.single(code, c.outcomes().get(0)));
    }

    @GET
    @Path("/{code}/publishers")
    @Operation(summary = "Who already publishes data element X?",
            description = "Any authenticated caller. The current published datasets with a field mapped to the element (one source for one datum), "
                    + "by dataset code, marking the element's designated source department; paged like every list.")
    @APIResponse(responseCode = "200", description = "A page of publishing datasets", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = PublisherDto.class), examples = @ExampleObject(name = "publishers", value = Examples.PUBLISHERS)))
    @APIResponse(responseCode = "404", description = "No such element", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    public Uni<Response> publishers(@PathParam("code") String code, @QueryParam("cursor") String cursor,
                                    @Parameter(description = "1 to 200, default 50") @QueryParam("limit") Integer limit, @Context UriInfo uri) {
        return service.publishers(code, cursor, Cursors.limit(limit, 50, 200)).map(p -> Links.page(Response.ok(
                p.page().items().stream().map(x -> DataElementMapper.publisher(x, p.element())).toList()), uri, p.page().nextCursor()).build());
    }
}
