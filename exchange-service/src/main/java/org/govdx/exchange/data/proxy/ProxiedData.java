package org.govdx.exchange.data.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.exchange.catalog.CatalogDataset;

import java.util.List;
import java.util.Map;

/**
 * The rows of a PROXIED dataset version, fetched from its provider for one governed read. The caller (the
 * governed read service) applies the same plan to them as to hosted rows: filter, order, page, projection,
 * masking, quota and audit; nothing here decides access.
 */
@ApplicationScoped
public class ProxiedData {

    @Inject
    ProxyEndpointService endpoints;

    @Inject
    ProviderClient client;

    @ConfigProperty(name = "govdx.data.proxy.max-rows", defaultValue = "10000")
    int maxRows;

    public static boolean isProxied(CatalogDataset dataset) {
        return "PROXIED".equals(dataset.distributionMode());
    }

    /** The provider's rows, typed by the schema, fields outside it dropped; a {@link ProviderFailure} otherwise. */
    public List<Map<String, Object>> rows(CatalogDataset dataset) {
        ProviderEndpoint endpoint = endpoints.endpoint(dataset.id(), dataset.version())
                .orElseThrow(() -> new ProviderFailure(ProviderFailure.Kind.NOT_REGISTERED, "no endpoint"));
        return ProxiedRows.parse(client.get(endpoint), dataset, maxRows);
    }
}
