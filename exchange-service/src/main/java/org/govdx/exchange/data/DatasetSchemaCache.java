package org.govdx.exchange.data;

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

    public CatalogDataset dataset(UUID id, int version) {
        String key = id + "/" + version;
        long now = System.nanoTime();
        Entry e = entries.get(key);
        if (e != null && now - e.expiresAt() < 0) {
            return e.dataset();
        }
        CatalogDataset fresh = catalog.dataset(id, version).await().atMost(DB);
        if (!ttl.isZero()) {
            entries.put(key, new Entry(fresh, now + ttl.toNanos()));
        }
        return fresh;
    }

    /** Forgets every cached version of a dataset. */
    public void invalidate(UUID id) {
        entries.keySet().removeIf(k -> k.startsWith(id + "/"));
    }
}
