package org.govdx.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The gateway's own RFC 9457 answers (the services answer theirs; the gateway passes those through). */
final class Problems {

    private Problems() {
    }

    static void send(RoutingContext ctx, int status, String slug, String title, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        JsonObject body = new JsonObject()
                .put("type", "https://govdx.org/problems/" + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", ctx.request().path());
        String requestId = ctx.request().getHeader(ApiProxy.REQUEST_ID);
        if (requestId != null) {
            ctx.response().putHeader(ApiProxy.REQUEST_ID, requestId);
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"govdx\"");
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body.encode());
    }
}
