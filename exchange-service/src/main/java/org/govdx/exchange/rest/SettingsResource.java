package org.govdx.exchange.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.common.identity.CurrentCaller;
import org.govdx.common.identity.Roles;
import org.govdx.exchange.service.SettingsService;

import java.util.Map;

@Path("/api/exchange/settings")
@Tag(name = "Platform settings")
@Authenticated
public class SettingsResource {

    @Inject
    SettingsService settings;

    @Inject
    CurrentCaller caller;

    public record SettingValue(@NotNull Integer value) {
    }

    @GET
    @Operation(summary = "Deadlines in working days and term limits")
    public Uni<Map<String, Integer>> all() {
        return settings.all();
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Change a setting (platform admin)")
    public Uni<Map<String, Integer>> set(@PathParam("name") String name, @Valid @NotNull SettingValue body) {
        return settings.set(caller.get(), name, body.value());
    }
}
