package org.govdx.exchange.data.extract;

import org.govdx.exchange.catalog.CatalogDataset;
import org.govdx.exchange.data.proxy.ProviderClient;
import org.govdx.exchange.data.proxy.ProviderEndpoint;
import org.govdx.exchange.data.proxy.ProviderFailure;
import org.govdx.exchange.data.proxy.ProxiedPage;
import org.govdx.exchange.data.proxy.ProxiedRows;
import org.govdx.rules.policy.PlanExecutor;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A proxied dataset's rows read from its provider as they arrive, page after page when the provider names a next
 * page: each row typed by the schema (members outside it dropped), kept only if the plan's row filter selects it
 * (the same three-valued filter VIEW applies to proxied rows), in the provider's order. Memory: one batch of rows.
 * The first page is opened before the export is recorded, so a provider that is down is a problem, not an export.
 */
final class ProxiedSource implements ExtractSource<Object[]> {

    private final ProviderClient client;
    private final ProviderEndpoint endpoint;
    private final CatalogDataset dataset;
    private final PlanExecutor executor;
    private final List<String> projection;
    private final int batchSize;
    private volatile ProxiedPage page;
    private volatile boolean aborted;
    /** A failure met after rows of the current batch were read: those rows go out first, the failure with the next call. */
    private ProviderFailure failed;

    /** Opens the first page (a {@code ProviderFailure} when the provider cannot be read). */
    ProxiedSource(ProviderClient client, ProviderEndpoint endpoint, CatalogDataset dataset, PlanExecutor executor, List<String> projection, int batchSize) {
        this.client = client;
        this.endpoint = endpoint;
        this.dataset = dataset;
        this.executor = executor;
        this.projection = projection;
        this.batchSize = batchSize;
        this.page = new ProxiedPage(client.open(endpoint, endpoint.uri()), dataset, endpoint.uri(), endpoint.uri());
    }

    @Override
    public List<Object[]> next() {
        if (failed != null) {
            throw failed;
        }
        List<Object[]> batch = new ArrayList<>(Math.min(batchSize, 1024));
        try {
            fill(batch);
        } catch (ProviderFailure f) {
            if (batch.isEmpty()) {
                throw f;
            }
            failed = f;
        }
        return batch;
    }

    private void fill(List<Object[]> batch) {
        while (batch.size() < batchSize && page != null && !aborted) {
            Optional<Map<String, Object>> row = page.next();
            if (row.isEmpty()) {
                Optional<URI> next = page.nextPage();
                page.close();
                page = next.isEmpty() || aborted ? null : new ProxiedPage(client.open(endpoint, next.get()), dataset, next.get(), endpoint.uri());
                continue;
            }
            if (executor.selects(row.get())) {
                Map<String, Object> hosted = ProxiedRows.asHosted(row.get());
                Object[] values = new Object[projection.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = hosted.get(projection.get(i));
                }
                batch.add(values);
            }
        }
    }

    @Override
    public void values(Object[] row, Object[] into) {
        System.arraycopy(row, 0, into, 0, into.length);
    }

    @Override
    public void abort() {
        aborted = true;
        ProxiedPage current = page;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void close() {
        ProxiedPage current = page;
        if (current != null) {
            current.close();
        }
    }
}
