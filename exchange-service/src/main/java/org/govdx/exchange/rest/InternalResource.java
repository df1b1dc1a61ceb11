package org.govdx.exchange.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.common.identity.Roles;
import org.govdx.exchange.service.AgreementService;

import java.util.List;
import java.util.UUID;

@Path("/api/exchange/internal")
@Tag(name = "Internal (service to service)")
public class InternalResource {

    @Inject
    AgreementService agreements;

    public record Consumer(String department, UUID agreementId, int datasetVersion, String state) {
    }

    @GET
    @Path("/datasets/{datasetId}/consumers")
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Departments holding active or suspended agreements on a dataset (the catalog tells them before a change)")
    public Uni<List<Consumer>> consumers(@PathParam("datasetId") UUID datasetId) {
        return agreements.bindingOnDataset(datasetId).map(list -> list.stream()
                .map(a -> new Consumer(a.consumerDepartment, a.id, a.datasetVersion, a.state.name())).toList());
    }
}
