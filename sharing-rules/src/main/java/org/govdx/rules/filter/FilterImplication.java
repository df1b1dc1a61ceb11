package org.govdx.rules.filter;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The conservative implication check behind {@link Filter#impliesSyntactically(Filter, Filter)}. Results are
 * memoised per pair of sub-trees, so the check is polynomial in the sizes of the two trees.
 */
final class FilterImplication {

    private final Map<Filter, Map<Filter, Boolean>> memo = new IdentityHashMap<>();

    private FilterImplication() {
    }

    static boolean implies(Filter narrow, Filter wide) {
        if (wide == null) {
            return true;
        }
        if (narrow == null) {
            return false;
        }
        return new FilterImplication().check(narrow, wide);
    }

    private boolean check(Filter narrow, Filter wide) {
        Map<Filter, Boolean> row = memo.computeIfAbsent(narrow, k -> new IdentityHashMap<>());
        Boolean known = row.get(wide);
        if (known == null) {
            known = compute(narrow, wide);
            row.put(wide, known);
        }
        return known;
    }

    private boolean compute(Filter narrow, Filter wide) {
        if (narrow.equals(wide)) {
            return true;
        }
        if (wide instanceof And w && check(narrow, w.left()) && check(narrow, w.right())) {
            return true;
        }
        if (wide instanceof Or w && (check(narrow, w.left()) || check(narrow, w.right()))) {
            return true;
        }
        if (narrow instanceof And n && (check(n.left(), wide) || check(n.right(), wide))) {
            return true;
        }
        return narrow instanceof Or n && check(n.left(), wide) && check(n.right(), wide);
    }
}
