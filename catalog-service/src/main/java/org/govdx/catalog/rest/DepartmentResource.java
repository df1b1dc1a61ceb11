package org.govdx.catalog.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import io.quarkus.security.Authenticated;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.catalog.mapping.DepartmentMapper;
import org.govdx.catalog.service.DepartmentService;
import org.govdx.common.identity.CurrentCaller;
import org.govdx.common.identity.Roles;
import org.govdx.common.problem.ProblemException;
import org.govdx.common.web.ETags;

import java.util.List;

@Path("/api/catalog/departments")
@Tag(name = "Departments")
@Authenticated
public class DepartmentResource {

    @Inject
    DepartmentService service;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "List the registered departments")
    public Uni<List<DepartmentDto>> list() {
        return service.list().map(list -> list.stream().map(DepartmentMapper::toDto).toList());
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One department")
    public Uni<Response> get(@PathParam("code") String code) {
        return service.get(code).map(d -> Response.ok(DepartmentMapper.toDto(d)).tag(ETags.of(d.version)).build());
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Register or rename a department (platform admin)",
            description = "Idempotent. Send If-Match with the ETag you read to rename safely; a stale one gets 412.")
    public Uni<Response> put(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull DepartmentDto body) {
        if (!code.equals(body.code())) {
            throw ProblemException.invalidField("code", "must equal the code in the path");
        }
        return service.put(caller.get(), code, body.nameZh(), body.nameEn(), ETags.parseVersion(ifMatch))
                .map(d -> Response.ok(DepartmentMapper.toDto(d)).tag(ETags.of(d.version)).build());
    }
}
