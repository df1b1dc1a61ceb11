package org.govdx.common.problem;

import jakarta.ws.rs.core.Response;
import org.govdx.common.web.TraceIds;

import java.net.URI;
import java.util.List;

/** Builds problem+json responses; the one place that knows the response shape. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(int status, String slug, String title, String detail, String instance, List<Problem.Violation> violations) {
        Problem problem = new Problem(URI.create(Problem.TYPE_BASE + slug), title, status, detail, instance, violations, TraceIds.current());
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer realm=\"govdx\"");
        }
        return builder.build();
    }

    public static Response of(ProblemException e, String instance) {
        return of(e.status(), e.slug(), e.title(), e.getMessage(), instance, e.violations());
    }
}
