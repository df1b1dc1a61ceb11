package org.govdx.exchange.data.extract;

import java.util.List;

/**
 * Where an export's rows come from, a batch at a time: the hosted rows' server-side cursor, or the provider's
 * answer pages for a proxied dataset. Only rows the plan's row filter selects come out. {@code R} is the source's
 * own form of a row, turned into values (in the plan's projection order, typed as the masker expects them) by
 * {@link #values}, which may run on several threads at once.
 */
interface ExtractSource<R> extends AutoCloseable {

    /** The next batch, empty at the end; waits while the source reads. */
    List<R> next() throws Exception;

    /** The values of {@code row} in the projection's order, into {@code into}. */
    void values(R row, Object[] into);

    /** Wakes a {@link #next} waiting on the source (the export is stopping); called from another thread. */
    void abort();

    /** Releases what the source holds (connection, transaction, the provider's stream). */
    @Override
    void close();
}
