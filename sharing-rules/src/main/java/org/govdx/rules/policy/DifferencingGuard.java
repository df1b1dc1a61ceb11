package org.govdx.rules.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The differencing defence of AGGREGATE reads (DOMAIN rule 3; decision 0040). Suppressing each answer's small
 * groups is not enough: a total minus the released groups of one grouping, or a grouping by A minus a grouping
 * by A and B, gives back the suppressed group. So every aggregate is computed only over the <em>release base</em>:
 * the rows whose cell of the agreement's fixed dimension set D (every field a consumer may group by) holds at
 * least k rows. Any group of any grouping by a subset of D is then a union of whole cells of at least k rows
 * each, so any difference, sum or intersection of released groups (of one query or of many, as long as the data
 * and the agreement do not change) is again a union of such cells: empty or at least k rows. No set of queries
 * can single out fewer than k people. The price: rows in small cells never count, even in totals.
 */
public final class DifferencingGuard {

    private DifferencingGuard() {
    }

    /** The rows of {@code rows} whose cell over {@code dimensions} holds at least {@code k} rows, in input order. */
    public static <R extends Map<String, ?>> List<R> releaseBase(List<R> rows, List<String> dimensions, int k) {
        Map<List<Object>, Integer> cellSizes = new HashMap<>();
        for (R row : rows) {
            cellSizes.merge(cell(row, dimensions), 1, Integer::sum);
        }
        List<R> base = new ArrayList<>();
        for (R row : rows) {
            if (cellSizes.get(cell(row, dimensions)) >= k) {
                base.add(row);
            }
        }
        return base;
    }

    private static List<Object> cell(Map<String, ?> row, List<String> dimensions) {
        List<Object> key = new ArrayList<>(dimensions.size());
        for (String d : dimensions) {
            Object v = row.get(d);
            // numbers by value, so 1 and 1.0 fall into one cell as they do in SQL
            key.add(v instanceof Number n ? new java.math.BigDecimal(n.toString()).stripTrailingZeros() : v);
        }
        return key;
    }
}
