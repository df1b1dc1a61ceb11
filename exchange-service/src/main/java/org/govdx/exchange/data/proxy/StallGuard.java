package org.govdx.exchange.data.proxy;

import io.vertx.mutiny.core.Vertx;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A provider's answer stream whose reads cannot hang: a read that waits longer than the timeout for the provider's
 * next bytes, or one in progress when {@link #close()} is called (an export stopped by its agreement), is woken by
 * closing the stream and interrupting the reading thread, and fails. The JDK's response stream alone waits forever
 * for a provider that stops sending without closing.
 */
final class StallGuard extends InputStream {

    private final InputStream in;
    private final long timeoutNanos;
    private final Vertx vertx;
    private final long timer;
    private Thread reader;
    private long readStarted;
    private volatile boolean stalled;
    private volatile boolean closed;

    StallGuard(InputStream in, Duration timeout, Vertx vertx) {
        this.in = in;
        this.timeoutNanos = timeout.toNanos();
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(Math.max(100, timeout.toMillis() / 4), id -> check());
    }

    private synchronized void check() {
        if (reader != null && System.nanoTime() - readStarted > timeoutNanos) {
            stalled = true;
            abort();
        }
    }

    private synchronized void abort() {
        closed = true;
        try {
            in.close();
        } catch (IOException ignored) {
            // closing
        }
        if (reader != null) {
            reader.interrupt();
        }
    }

    private synchronized void begin() throws IOException {
        if (closed) {
            throw stalled ? new HttpTimeoutException("the provider stopped sending") : new IOException("closed");
        }
        reader = Thread.currentThread();
        readStarted = System.nanoTime();
    }

    private synchronized void end() {
        reader = null;
        Thread.interrupted(); // an abort racing the end of the read must not leave this thread interrupted
    }

    private IOException failure(IOException e) {
        return stalled ? new HttpTimeoutException("the provider stopped sending") : e;
    }

    @Override
    public int read() throws IOException {
        begin();
        try {
            return in.read();
        } catch (IOException e) {
            throw failure(e);
        } finally {
            end();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        begin();
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            throw failure(e);
        } finally {
            end();
        }
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
        abort();
    }
}
