package org.govdx.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every govdx error response ({@code application/problem+json}).
 *
 * @param type     a URI naming the kind of problem (relative to {@link #TYPE_BASE})
 * @param title    short, human-readable summary of the kind
 * @param status   the HTTP status code
 * @param detail   what went wrong in this occurrence, never containing data the caller may not see
 * @param instance the request path
 * @param errors   field-level violations, when the input was invalid
 * @param traceId  the W3C trace id of the request, to quote when asking for help
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> errors, String traceId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://govdx.org/problems/";

    /** One invalid input: where ({@code field}, a JSON path or parameter name) and why. */
    public record Violation(String field, String message) {
    }
}
