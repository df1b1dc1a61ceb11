package org.govdx.catalog;

import io.quarkus.test.common.QuarkusTestResource;

/** Every test of this module talks to {@link ExchangeStub} instead of a real exchange service. */
@QuarkusTestResource(ExchangeStub.class)
public final class ExchangeStubResource {
    private ExchangeStubResource() {
    }
}
