package org.govdx.exchange.data.proxy;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What the exchange shows of a registered provider endpoint: never the credential, only whether one is stored.
 */
public record ProxyRegistration(UUID datasetId, int version, String endpoint, String authScheme, String authHeader, boolean credentialStored,
                                String registeredBy, OffsetDateTime registeredAt) {

    /** The body of a registration. {@code auth}: scheme NONE, BEARER (token), BASIC (username, password) or API_KEY (header, value). */
    public record Input(String endpoint, Auth auth) {
    }

    public record Auth(String scheme, String token, String username, String password, String header, String value) {

        /** Never prints the secret parts. */
        @Override
        public String toString() {
            return "Auth[scheme=" + scheme + ", header=" + header + "]";
        }
    }
}
