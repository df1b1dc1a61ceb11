package org.govdx.gateway.edge;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body as it streams to the service, cut off once it passes its limit: a chunked upload that never declared
 * its length still cannot push more than the route allows. {@code onTooLarge} runs once, instead of the rest of the body.
 */
public final class LimitedBody implements ReadStream<Buffer> {

    private final ReadStream<Buffer> source;
    private final long maxBytes;
    private final Runnable onTooLarge;
    private long seen;
    private boolean cut;
    private Handler<Buffer> dataHandler;
    private Handler<Void> endHandler;

    public LimitedBody(ReadStream<Buffer> source, long maxBytes, Runnable onTooLarge) {
        this.source = source;
        this.maxBytes = maxBytes;
        this.onTooLarge = onTooLarge;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        dataHandler = handler;
        source.handler(handler == null ? null : buffer -> {
            if (cut) {
                return;
            }
            seen += buffer.length();
            if (seen > maxBytes) {
                cut = true;
                onTooLarge.run();
                return;
            }
            dataHandler.handle(buffer);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        endHandler = handler;
        source.endHandler(handler == null ? null : v -> {
            if (!cut) {
                endHandler.handle(v);
            }
        });
        return this;
    }
}
