package org.govdx.acceptance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An EXTRACT export (NDJSON) read by a slow consumer (a 4 KiB receive buffer, 1 KiB every 20 ms) straight from the
 * exchange, on a raw socket so that what arrived is known to the byte: how many complete rows, and whether the chunked
 * transfer ended with its last chunk (a whole file) or was cut off (a truncated transfer the consumer must not take for
 * a file).
 */
final class SlowExport implements AutoCloseable {

    private final Socket socket = new Socket();
    private final Thread reader;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    volatile String head = "";
    volatile String extractId;
    volatile String auditEventId;
    volatile boolean ended;
    volatile String endedBy = "still reading";

    SlowExport(String agreementId, String token) throws IOException, InterruptedException {
        URI base = URI.create(AcceptanceStack.url("exchange"));
        byte[] json = ("{\"mode\":\"EXTRACT\",\"purpose\":\"" + World.PURPOSE + "\"}").getBytes(StandardCharsets.UTF_8);
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/exchange/agreements/" + agreementId + "/query?format=ndjson HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token + "\r\nContent-Type: application/json\r\nX-Case-Reference: HRSS-2026-7\r\nContent-Length: " + json.length + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(json);
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder h = new StringBuilder();
        while (!h.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            h.append((char) c);
        }
        head = h.toString();
        extractId = header("x-extract-id");
        auditEventId = header("x-audit-event-id");
        reader = new Thread(() -> {
            byte[] buffer = new byte[1024];
            try {
                while (true) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        endedBy = "end of stream";
                        break;
                    }
                    synchronized (body) {
                        body.write(buffer, 0, n);
                    }
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                endedBy = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                endedBy = "interrupted";
            }
            ended = true;
        }, "slow-export");
        reader.start();
    }

    private String header(String name) {
        return head.lines().filter(l -> l.toLowerCase().startsWith(name + ":")).findFirst().map(l -> l.substring(name.length() + 1).trim())
                .orElse(null);
    }

    int status() {
        return head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
    }

    long bytes() {
        synchronized (body) {
            return body.size();
        }
    }

    /** Complete NDJSON rows received (chunk framing removed: a row is a line holding a JSON object). */
    long completeRows() {
        String text;
        synchronized (body) {
            text = body.toString(StandardCharsets.UTF_8);
        }
        return text.lines().filter(l -> l.startsWith("{") && l.endsWith("}")).count();
    }

    /** Whether the chunked transfer ended with its last (zero-length) chunk: only then is it a whole file. */
    boolean whole() {
        byte[] bytes;
        synchronized (body) {
            bytes = body.toByteArray();
        }
        String tail = new String(bytes, Math.max(0, bytes.length - 7), Math.min(7, bytes.length), StandardCharsets.ISO_8859_1);
        return tail.endsWith("\r\n0\r\n\r\n");
    }

    void awaitEnd(long millis) throws InterruptedException {
        reader.join(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
