package org.govdx.benchmarks;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The footprint baseline: the least a JVM HTTP service can be, the JDK's own HTTP server answering the
 * readiness path. Started exactly like a govdx service (same JVM flags), so the difference is ours.
 */
public final class BareJvmServer {

    private BareJvmServer() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/q/health/ready", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
