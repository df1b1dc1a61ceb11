package org.govdx.exchange.data;

import org.govdx.exchange.catalog.CatalogDataset;
import org.govdx.rules.policy.Grant;
import org.govdx.rules.policy.GrantedField;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixed dimension set D of an agreement for the differencing defence ({@code DifferencingGuard}): the
 * granted fields a consumer may group by: granted in clear, not a key (a key makes every cell one row), and
 * not DECIMAL (decimals are measures: summed and averaged, not grouped). D depends only on the signed
 * agreement and the catalog schema, never on a query, so every query of the agreement shares one release base.
 */
public final class AggregateDimensions {

    private AggregateDimensions() {
    }

    public static List<String> of(Grant grant, CatalogDataset dataset) {
        List<String> dimensions = new ArrayList<>();
        for (GrantedField f : grant.fields()) {
            CatalogDataset.Field field = dataset.field(f.name()).orElse(null);
            if (field == null || !f.clear() || field.key() || "DECIMAL".equals(field.type())) {
                continue;
            }
            dimensions.add(f.name());
        }
        dimensions.sort(String::compareTo);
        return dimensions;
    }
}
