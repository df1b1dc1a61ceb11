package org.govdx.exchange.data.usage;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.common.identity.CurrentCaller;

import java.util.List;
import java.util.UUID;

/** Usage flags: reads that did not fit their agreement, for the provider's CDO (its own department's) and auditors (all). */
@Path("/api/exchange/usage-flags")
@Tag(name = "Governed data")
@Authenticated
public class UsageFlagResource {

    @Inject
    UsageFlagService flags;

    @Inject
    CurrentCaller caller;

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Usage that does not fit its agreement (provider CDO: its department's agreements; auditors: all), newest first",
            description = "kind: VOLUME_ABOVE_DECLARED, FREQUENCY_BURST, DENIAL_BURST, ODD_HOURS; observed: the counts and thresholds behind the flag.")
    public List<UsageFlagService.Flag> list(@QueryParam("agreementId") UUID agreementId, @QueryParam("limit") @DefaultValue("100") int limit) {
        return flags.list(caller.get(), agreementId, limit);
    }
}
