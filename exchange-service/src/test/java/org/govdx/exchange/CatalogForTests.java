package org.govdx.exchange;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.govdx.testsupport.ServiceProcess;

import java.util.Map;

/** The real catalog service, started from its built jar for the exchange's tests (database govdx_catalog_xtest). */
public class CatalogForTests implements QuarkusTestResourceLifecycleManager {

    private static volatile String url;

    /** Where the catalog started for this test run answers. */
    public static String url() {
        return url;
    }
    private ServiceProcess catalog;

    @Override
    public Map<String, String> start() {
        catalog = ServiceProcess.start("catalog-service", System.getProperty("govdx.test.catalog-db", "govdx_catalog_xtest"), Map.of());
        url = catalog.url();
        return Map.of("govdx.catalog.url", url);
    }

    @Override
    public void stop() {
        if (catalog != null) {
            catalog.close();
        }
    }
}
