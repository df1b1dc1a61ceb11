package org.govdx.exchange.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.exchange.catalog.CatalogClient;
import org.govdx.exchange.catalog.CatalogDataset;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The catalog versions governed reads decide on, kept for {@code govdx.data.schema-cache-ttl} (30 s; 0 turns
 * it off) instead of two catalog calls per read. A published version's schema (fields, classes, types,
 * default masking) does not change in place — a change is a new version, and an agreement names its version
 * and schema hash — so what a stale entry can miss is a lifecycle step (deprecation, retirement), which
 * takes effect within the TTL. The agreement's own state is read on every call, uncached.
 */
@ApplicationScoped
public class DatasetSchemaCache {

    private static final Duration DB = Duration.ofSeconds(60);

    @Inject
    CatalogClient catalog;

    @ConfigProperty(name = "govdx.data.schema-cache-ttl", defaultValue = "PT30S")
    Duration ttl;

    private record Entry(CatalogDataset dataset, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<CatalogDataset>> loading = new ConcurrentHashMap<>();

    /**
     * The version, from the cache while fresh. Only one caller per version asks the catalog at a time (the
     * others wait for its answer instead of all asking at once when an entry expires under load).
     */
    public CatalogDataset dataset(UUID id, int version) {
        String key = id + "/" + version;
        Entry e = entries.get(key);
        if (e != null && System.nanoTime() - e.expiresAt() < 0) {
            return e.dataset();
        }
        if (ttl.isZero()) {
            return catalog.dataset(id, version).await().atMost(DB);
        }
        CompletableFuture<CatalogDataset> mine = new CompletableFuture<>();
        CompletableFuture<CatalogDataset> running = loading.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.get(DB.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException x) {
                throw x.getCause() instanceof RuntimeException r ? r : new IllegalStateException(x.getCause());
            } catch (InterruptedException | TimeoutException x) {
                throw new IllegalStateException("waiting for the catalog", x);
            }
        }
        try {
            CatalogDataset fresh = catalog.dataset(id, version).await().atMost(DB);
            entries.put(key, new Entry(fresh, System.nanoTime() + ttl.toNanos()));
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException x) {
            mine.completeExceptionally(x);
            throw x;
        } finally {
            loading.remove(key, mine);
        }
    }

    /** Forgets every cached version of a dataset. */
    public void invalidate(UUID id) {
        entries.keySet().removeIf(k -> k.startsWith(id + "/"));
    }
}
