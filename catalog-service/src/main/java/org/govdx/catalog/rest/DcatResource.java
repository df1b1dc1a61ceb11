package org.govdx.catalog.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.catalog.mapping.DcatMapper;
import org.govdx.catalog.service.Cursors;
import org.govdx.catalog.service.DcatService;

@Path("/api/catalog/dcat")
@Tag(name = "DCAT", description = "The catalog for harvesting portals")
@Authenticated
public class DcatResource {

    public static final String JSON_LD = "application/ld+json";

    @Inject
    DcatService service;

    @ConfigProperty(name = "govdx.catalog.public-url", defaultValue = "http://localhost:8480")
    String publicUrl;

    @GET
    @Produces({JSON_LD, "application/json"})
    @Operation(summary = "The published catalog as DCAT (JSON-LD)",
            description = "Any authenticated caller (a harvesting portal uses a service account). dcat:Catalog with a dcat:Dataset per current published "
                    + "dataset (dct:title@zh/@en, dct:publisher, dcat:keyword, dct:accrualPeriodicity, dct:accessRights, dcat:distribution); "
                    + "paged by dataset code with a Hydra partial collection view (hydra:next).")
    @APIResponse(responseCode = "200", description = "One page of the catalog", content = @Content(mediaType = JSON_LD,
            examples = @ExampleObject(name = "catalog", value = Examples.DCAT)))
    @APIResponse(responseCode = "400", description = "Bad cursor or limit", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "bad", value = Examples.PROBLEM_400)))
    public Uni<Response> catalog(@QueryParam("cursor") String cursor, @Parameter(description = "1 to 1000, default 200") @QueryParam("limit") Integer limit,
                                 @Context UriInfo uri) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return service.page(cursor, Cursors.limit(limit, 200, 1000)).map(page -> {
            String self = base + Links.next(uri, cursor == null ? "" : cursor).toString().replace("cursor=&", "").replaceAll("[?&]cursor=$", "");
            String next = page.nextCursor() == null ? null : base + Links.next(uri, page.nextCursor());
            return Links.page(Response.ok(DcatMapper.catalog(page, base, self, next)).type(JSON_LD), uri, page.nextCursor()).build();
        });
    }
}
