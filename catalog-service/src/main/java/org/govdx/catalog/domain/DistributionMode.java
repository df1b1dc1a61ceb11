package org.govdx.catalog.domain;

/** Where the data lives: HOSTED on the platform, or PROXIED to the provider's own endpoint. */
public enum DistributionMode {
    HOSTED, PROXIED
}
