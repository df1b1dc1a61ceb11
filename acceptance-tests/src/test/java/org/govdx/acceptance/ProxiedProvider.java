package org.govdx.acceptance;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The provider's own endpoint behind a PROXIED dataset, served by the test JVM: answers the rows it was given (a JSON
 * object {@code {"rows": [...]}}) to callers presenting its bearer token, 401 to anyone else. It runs on 127.0.0.1 on a
 * free port for as long as the JVM does.
 */
final class ProxiedProvider {

    private final HttpServer server;
    private final String token;
    private volatile byte[] body = "{\"rows\":[]}".getBytes(StandardCharsets.UTF_8);
    final AtomicLong calls = new AtomicLong();
    final AtomicLong refused = new AtomicLong();

    ProxiedProvider(String token) {
        this.token = token;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the provider endpoint", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "proxied-provider");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            boolean authorised = ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = authorised ? body : "{}".getBytes(StandardCharsets.UTF_8);
            if (!authorised) {
                refused.incrementAndGet();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(authorised ? 200 : 401, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            } catch (IOException e) {
                // the exchange gave up waiting
            }
        });
        server.start();
    }

    void serve(String rowsJson) {
        body = rowsJson.getBytes(StandardCharsets.UTF_8);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    String token() {
        return token;
    }
}
