package org.govdx.exchange.data;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.exchange.catalog.CatalogClient;
import org.govdx.exchange.catalog.CatalogDataset;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog versions governed reads decide on, kept for {@code govdx.data.schema-cache-ttl} (30 s; 0 turns
 * it off) instead of two catalog calls per read. A published version's schema (fields, classes, types,
 * default masking) does not change in place — a change is a new version, and an agreement names its version
 * and schema hash — so what a stale entry can miss is a lifecycle step (deprecation, retirement), which
 * takes effect within the TTL. The agreement's own state is checked on every call.
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
    /** The catalog call under way per version: only one caller per version asks at a time, the others share its answer. */
    private final Map<String, Uni<CatalogDataset>> loading = new ConcurrentHashMap<>();

    /** The version, from the cache while fresh (blocking: for worker threads). */
    public CatalogDataset dataset(UUID id, int version) {
        return load(id, version).await().atMost(DB);
    }

    /**
     * The version, from the cache while fresh, without blocking. When an entry expires under load, one call asks
     * the catalog and every concurrent reader of that version waits for its answer.
     */
    public Uni<CatalogDataset> load(UUID id, int version) {
        String key = id + "/" + version;
        Entry e = entries.get(key);
        if (e != null && System.nanoTime() - e.expiresAt() < 0) {
            return Uni.createFrom().item(e.dataset());
        }
        if (ttl.isZero()) {
            return catalog.dataset(id, version);
        }
        return loading.computeIfAbsent(key, k -> catalog.dataset(id, version)
                .onItem().invoke(fresh -> entries.put(k, new Entry(fresh, System.nanoTime() + ttl.toNanos())))
                .onTermination().invoke(() -> loading.remove(k))
                .memoize().indefinitely());
    }

    /** Forgets every cached version of a dataset. */
    public void invalidate(UUID id) {
        entries.keySet().removeIf(k -> k.startsWith(id + "/"));
    }
}
