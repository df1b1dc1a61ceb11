package org.govdx.audit.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.govdx.audit.service.LogBusyException;
import org.govdx.common.problem.ProblemResponses;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A full sequencer queue: 503 problem+json with {@code Retry-After}. */
public class LogBusyMapper {

    @ServerExceptionMapper
    public Response busy(LogBusyException e, UriInfo uri) {
        return Response.fromResponse(ProblemResponses.of(e, uri == null ? null : uri.getPath()))
                .header("Retry-After", e.retryAfterSeconds())
                .build();
    }
}
