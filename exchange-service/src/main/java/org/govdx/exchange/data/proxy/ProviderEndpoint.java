package org.govdx.exchange.data.proxy;

import java.net.URI;
import java.util.UUID;

/**
 * A provider endpoint as the client calls it: the URL and the one header that carries its credential (opened
 * from its sealed form for this call only). {@link #toString()} never shows the credential.
 */
public record ProviderEndpoint(UUID datasetId, int version, URI uri, String authHeaderName, String authHeaderValue) {

    /** The breaker's key: one circuit per dataset version's endpoint. */
    public String circuitName() {
        return "proxy:" + datasetId + "/" + version;
    }

    @Override
    public String toString() {
        return "ProviderEndpoint[" + datasetId + "/" + version + " " + uri + (authHeaderName == null ? "" : " with " + authHeaderName) + "]";
    }
}
