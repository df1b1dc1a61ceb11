package org.govdx.gateway.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** The gateway's root leads to the console; after signing out a plain page says so (it needs no session). */
@Path("/")
public class PublicPages {

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/console")).build();
    }

    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    public String signedOut() {
        return """
                <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>govdx</title>
                <link rel="stylesheet" href="/console-assets/console.css"></head><body><main id="main">
                <section class="card"><h1>已退出 · Signed out</h1><p><a class="button" href="/console">重新登录 · Sign in again</a></p></section>
                </main></body></html>""";
    }
}
