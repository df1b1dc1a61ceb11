package org.govdx.exchange;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.govdx.testsupport.GovdxTestResource;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link GovdxTestResource} with the database name overridable by the system property
 * {@code govdx.test.exchange-db} (default {@code govdx_exchange_test}), so two checkouts on one machine can run
 * this module's tests at the same time without cleaning each other's schema.
 */
public class IsolatedDatabase implements QuarkusTestResourceLifecycleManager {

    private final GovdxTestResource delegate = new GovdxTestResource();

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        args.put("database", System.getProperty("govdx.test.exchange-db", initArgs.getOrDefault("database", "govdx_exchange_test")));
        delegate.init(args);
    }

    @Override
    public Map<String, String> start() {
        return delegate.start();
    }

    @Override
    public void stop() {
        delegate.stop();
    }
}
