package org.govdx.exchange.data;

import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Work that is cheaper in batches, one batch at a time: whatever was added while a batch ran forms the next one (at
 * most {@code maxBatch} items), so under load each batch grows to the load and when idle an item runs at once. Nothing
 * blocks. {@link ReadCommitter} (quota and audit events of governed reads) and the usage monitor's counters batch
 * this way.
 *
 * @param <T> an item, which carries whatever its submitter waits on
 * @param <R> what a batch's run gives
 */
public final class SerialBatches<T, R> {

    private final int maxBatch;
    private final Function<List<T>, Uni<R>> run;
    private final BiConsumer<List<T>, R> succeeded;
    private final BiConsumer<List<T>, Throwable> failed;
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * @param run       runs one batch; the next batch starts when its Uni ends
     * @param succeeded answers a batch's items with what its run gave (called after the next batch started)
     * @param failed    answers a batch whose run failed (or threw)
     */
    public SerialBatches(int maxBatch, Function<List<T>, Uni<R>> run, BiConsumer<List<T>, R> succeeded, BiConsumer<List<T>, Throwable> failed) {
        this.maxBatch = maxBatch;
        this.run = run;
        this.succeeded = succeeded;
        this.failed = failed;
    }

    public void add(T item) {
        queue.add(item);
        next();
    }

    /** Starts a batch with what is queued, unless one is running (its end starts the next). */
    private void next() {
        while (!queue.isEmpty() && running.compareAndSet(false, true)) {
            List<T> batch = new ArrayList<>();
            T item;
            while (batch.size() < maxBatch && (item = queue.poll()) != null) {
                batch.add(item);
            }
            if (batch.isEmpty()) {
                running.set(false);
                continue;
            }
            Uni<R> work;
            try {
                work = run.apply(batch);
            } catch (RuntimeException e) {
                work = Uni.createFrom().failure(e);
            }
            work.subscribe().with(result -> {
                running.set(false);
                next();
                succeeded.accept(batch, result);
            }, failure -> {
                running.set(false);
                next();
                failed.accept(batch, failure);
            });
            return;
        }
    }
}
