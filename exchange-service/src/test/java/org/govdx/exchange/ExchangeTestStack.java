package org.govdx.exchange;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real PostgreSQL (database govdx_exchange_test), the real Keycloak and the real catalog service. */
@QuarkusTestResource(value = IsolatedDatabase.class, initArgs = @ResourceArg(name = "database", value = "govdx_exchange_test"))
@QuarkusTestResource(CatalogForTests.class)
public final class ExchangeTestStack {
    private ExchangeTestStack() {
    }
}
