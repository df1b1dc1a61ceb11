package org.govdx.common.web;

import io.opentelemetry.api.trace.Span;

/** The trace id a request carries (W3C trace context, through OpenTelemetry), for problems and audit events. */
public final class TraceIds {

    private TraceIds() {
    }

    /** The trace id of the current span, or null outside a trace. */
    public static String current() {
        var context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }
}
