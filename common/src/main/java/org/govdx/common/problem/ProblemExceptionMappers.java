package org.govdx.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure into an RFC 9457 problem: bad input is a 4xx that names the offending field, an
 * unexpected failure is a 500 whose detail reveals nothing and whose cause is logged with the trace id.
 * Requires {@code quarkus.http.auth.proactive=false} so that authentication failures reach these mappers.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return ProblemResponses.of(e, path(uri));
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return ProblemResponses.of(401, "unauthenticated", "Authentication required",
                "A valid bearer token from the govdx realm is required", path(uri), List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemResponses.of(403, "forbidden", "Forbidden",
                "Your roles or department do not allow this operation", path(uri), List.of());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(lastPathNodes(v.getPropertyPath().toString()), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .collect(Collectors.toList());
        return ProblemResponses.of(400, "invalid-input", "Invalid input", "The request has invalid values", path(uri), violations);
    }

    @ServerExceptionMapper({UnrecognizedPropertyException.class})
    public Response unknownProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return ProblemResponses.of(400, "invalid-input", "Invalid input", "Unknown field in the request body", path(uri),
                List.of(new Problem.Violation(jsonPath(e), "unknown field")));
    }

    @ServerExceptionMapper({InvalidFormatException.class, MismatchedInputException.class})
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String expected = e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName();
        return ProblemResponses.of(400, "invalid-input", "Invalid input", "A field has the wrong type", path(uri),
                List.of(new Problem.Violation(jsonPath(e), "expected " + expected)));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return ProblemResponses.of(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON" + where, path(uri), List.of());
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleObjectStateException.class})
    public Response concurrentUpdate(RuntimeException e, UriInfo uri) {
        return ProblemResponses.of(409, "concurrent-update", "Concurrent update",
                "Someone else changed this resource at the same time; reload it and try again", path(uri), List.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return unknownProperty(unknown, uri);
        }
        if (e.getCause() instanceof MismatchedInputException mismatched) {
            return mismatchedInput(mismatched, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        if (status == 400 && e.getClass().getName().contains("Json")) {
            return ProblemResponses.of(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON", path(uri), List.of());
        }
        if (status >= 500) {
            LOG.error("request failed", e);
            return ProblemResponses.of(status, "server-error", "Server error", "The service could not complete the request", path(uri), List.of());
        }
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        String title = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : family.name();
        String detail = switch (status) {
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "The requested media type is not available";
            case 413 -> "The request body is too large";
            case 415 -> "Unsupported media type; send application/json";
            default -> title;
        };
        return ProblemResponses.of(status, slug(title), title, detail, path(uri), List.of());
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri, io.vertx.core.http.HttpServerResponse response) {
        if (isBodyOverLimit(e)) {
            // Quarkus' input stream has already answered 413 and closes the connection; nothing is left to write
            return response.ended() ? null : ProblemResponses.of(413, "payload-too-large", "Content Too Large",
                    "The request body is larger than this operation takes", path(uri), List.of());
        }
        Throwable cause = unwrap(e);
        if (cause != e && !(cause instanceof RuntimeException && cause.getClass() == RuntimeException.class)) {
            if (cause instanceof ProblemException p) {
                return problem(p, uri);
            }
            if (cause instanceof OptimisticLockException || cause instanceof StaleObjectStateException) {
                return concurrentUpdate((RuntimeException) cause, uri);
            }
        }
        if (isUniqueViolation(e)) {
            return ProblemResponses.of(409, "conflict", "Conflict",
                    "Someone else created the same thing at the same time; reload and try again", path(uri), List.of());
        }
        if (isDatabaseUnavailable(e)) {
            // PostgreSQL is restarting, refusing connections or dropped ours: a moment's unavailability, not a server error
            LOG.warnf("database unavailable: %s", rootMessage(e));
            return Response.fromResponse(ProblemResponses.of(503, "service-unavailable", "Service Unavailable",
                    "The service cannot reach its database for a moment; nothing was done; try again", path(uri), List.of()))
                    .header("Retry-After", "5").build();
        }
        if (isUnstorableText(e)) {
            return ProblemResponses.of(400, "invalid-input", "Invalid input",
                    "The request contains a character that cannot be stored (U+0000)", path(uri), List.of());
        }
        LOG.error("unexpected failure", e);
        return ProblemResponses.of(500, "server-error", "Server error", "The service could not complete the request", path(uri), List.of());
    }

    /** A chunked request body cut off by the per-route limit (common RequestBodyLimits) while it was read. */
    static boolean isBodyOverLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException && "Request too large".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL 23505: a race on a unique key (e.g. two first uses creating the same row) is a conflict, not a failure. */
    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database cannot be reached (connection refused or reset), is shutting down or starting up (57P01-57P03), lost
     * the connection (class 08, or the client's closed-connection errors): true however deep the driver or Hibernate
     * wrapped it.
     */
    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof io.vertx.sqlclient.ClosedConnectionException) {
                return true; // refused, reset (ConnectException is a SocketException)
            }
            if (t.getMessage() != null && t.getMessage().startsWith("Connection is not active now")) {
                return true; // the Vert.x client's word for a pooled connection the server closed
            }
            String state = t instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState()
                    : t instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
            if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** PostgreSQL 22021 / 22P05: text or jsonb with U+0000, which PostgreSQL cannot store: bad input, nothing was written. */
    static boolean isUnstorableText(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = t instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState()
                    : t instanceof java.sql.SQLException sql ? sql.getSQLState() : null; // Hibernate Reactive converts to SQLException
            if ("22021".equals(state) || "22P05".equals(state)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t
                && (t instanceof java.util.concurrent.CompletionException || t.getClass().getName().contains("Hibernate") || t instanceof jakarta.persistence.PersistenceException)) {
            t = t.getCause();
        }
        return t;
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static String lastPathNodes(String propertyPath) {
        // "create.arg0.fields[1].name" -> "fields[1].name": drop the method and parameter nodes
        String[] parts = propertyPath.split("\\.", 3);
        return parts.length == 3 ? parts[2] : propertyPath;
    }

    private static String jsonPath(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
