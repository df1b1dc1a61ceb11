package org.govdx.rules.filter;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which fields a {@link Filter} references (DOMAIN rule 5; the policy uses it to keep a caller's filter on
 * granted fields, and ordering comparisons off masked fields).
 */
public final class FilterFields {

    private FilterFields() {
    }

    /** Every field the filter references, in order of first appearance. */
    public static Set<String> referenced(Filter filter) {
        Set<String> fields = new LinkedHashSet<>();
        collect(filter, fields, false);
        return Collections.unmodifiableSet(fields);
    }

    /** The fields compared by {@code < <= > >=} or {@code between}, in order of first appearance. */
    public static Set<String> ordered(Filter filter) {
        Set<String> fields = new LinkedHashSet<>();
        collect(filter, fields, true);
        return Collections.unmodifiableSet(fields);
    }

    private static void collect(Filter filter, Set<String> fields, boolean orderedOnly) {
        if (filter instanceof Comparison c) {
            if (!orderedOnly || c.operator().isOrdering()) {
                fields.add(c.field());
            }
        } else if (filter instanceof Between b) {
            fields.add(b.field());
        } else if (filter instanceof InList in) {
            if (!orderedOnly) {
                fields.add(in.field());
            }
        } else if (filter instanceof IsNull n) {
            if (!orderedOnly) {
                fields.add(n.field());
            }
        } else if (filter instanceof IsNotNull n) {
            if (!orderedOnly) {
                fields.add(n.field());
            }
        } else if (filter instanceof And a) {
            collect(a.left(), fields, orderedOnly);
            collect(a.right(), fields, orderedOnly);
        } else if (filter instanceof Or o) {
            collect(o.left(), fields, orderedOnly);
            collect(o.right(), fields, orderedOnly);
        } else {
            collect(((Not) filter).operand(), fields, orderedOnly);
        }
    }
}
