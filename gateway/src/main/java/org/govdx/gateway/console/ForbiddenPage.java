package org.govdx.gateway.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A console page the person's role does not open answers 403 with a page saying so (and a way back), not a bare error. */
public class ForbiddenPage {

    @Inject
    Pages pages;

    @Location("forbidden.html")
    Template forbidden;

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        if (!uri.getPath().startsWith("/console")) {
            return Response.status(403).build();
        }
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE).entity(pages.page(forbidden, "").render()).build();
    }
}
