package org.govdx.catalog.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;

/** RFC 8288 {@code Link: <...>; rel="next"} for paged lists, relative to the request (it works behind the gateway). */
final class Links {

    private Links() {
    }

    static URI next(UriInfo uri, String cursor) {
        URI absolute = uri.getRequestUriBuilder().replaceQueryParam("cursor", cursor).build();
        return URI.create(absolute.getRawPath() + (absolute.getRawQuery() == null ? "" : "?" + absolute.getRawQuery()));
    }

    static Response.ResponseBuilder page(Response.ResponseBuilder builder, UriInfo uri, String cursor) {
        if (cursor != null) {
            builder.header("Link", "<" + next(uri, cursor) + ">; rel=\"next\"");
        }
        return builder;
    }
}
