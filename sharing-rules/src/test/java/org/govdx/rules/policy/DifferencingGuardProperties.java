package org.govdx.rules.policy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * However a consumer combines aggregate answers computed over the release base (any groupings by subsets of
 * the dimensions, the total, differences of groups), the rows behind a difference are none or at least k.
 */
class DifferencingGuardProperties {

    static final List<String> DIMENSIONS = List.of("a", "b", "c");

    @Provide
    Arbitrary<List<Map<String, Object>>> rows() {
        Arbitrary<Map<String, Object>> row = Arbitraries.integers().between(0, 2).list().ofSize(3).map(values -> {
            Map<String, Object> r = new LinkedHashMap<>();
            for (int i = 0; i < 3; i++) {
                r.put(DIMENSIONS.get(i), values.get(i) == 2 ? null : "v" + values.get(i));
            }
            return r;
        });
        return row.list().ofMinSize(0).ofMaxSize(120).map(list -> {
            List<Map<String, Object>> numbered = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> r = new LinkedHashMap<>(list.get(i));
                r.put("id", i);
                numbered.add(r);
            }
            return numbered;
        });
    }

    /** The released groups of a grouping: row-id sets of groups of at least k base rows. */
    static List<Set<Object>> released(List<Map<String, Object>> base, List<String> groupBy, int k) {
        Map<List<Object>, Set<Object>> groups = new LinkedHashMap<>();
        for (Map<String, Object> r : base) {
            List<Object> key = new ArrayList<>();
            groupBy.forEach(g -> key.add(r.get(g)));
            groups.computeIfAbsent(key, x -> new HashSet<>()).add(r.get("id"));
        }
        return groups.values().stream().filter(g -> g.size() >= k).toList();
    }

    static List<List<String>> groupings() {
        List<List<String>> all = new ArrayList<>();
        for (int mask = 0; mask < 8; mask++) {
            List<String> g = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                if ((mask & (1 << i)) != 0) {
                    g.add(DIMENSIONS.get(i));
                }
            }
            all.add(g);
        }
        return all;
    }

    @Property(tries = 300)
    void noDifferenceOfReleasedGroupsSinglesOutFewerThanK(@ForAll("rows") List<Map<String, Object>> rows, @ForAll @IntRange(min = 2, max = 6) int k) {
        List<Map<String, Object>> base = DifferencingGuard.releaseBase(rows, DIMENSIONS, k);
        List<Set<Object>> everyGroup = new ArrayList<>();
        for (List<String> g : groupings()) {
            List<Set<Object>> groups = released(base, g, k);
            // within one grouping nothing is suppressed any more: the released groups cover the base
            assertThat(groups.stream().mapToInt(Set::size).sum()).isEqualTo(base.size());
            everyGroup.addAll(groups);
        }
        for (Set<Object> x : everyGroup) {
            for (Set<Object> y : everyGroup) {
                Set<Object> difference = new HashSet<>(x);
                difference.removeAll(y);
                assertThat(difference.size()).as("a difference of two released groups").satisfiesAnyOf(n -> assertThat(n).isZero(),
                        n -> assertThat(n).isGreaterThanOrEqualTo(k));
            }
        }
    }

    @Example
    void theTotalMinusTheGroupsNoLongerRevealsASuppressedGroup() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("a", i < 12 ? "M" : i < 24 ? "F" : "X");
            r.put("b", "1");
            r.put("c", "1");
            r.put("id", i);
            rows.add(r);
        }
        List<Map<String, Object>> base = DifferencingGuard.releaseBase(rows, DIMENSIONS, 10);
        int total = released(base, List.of(), 10).get(0).size();
        int byA = released(base, List.of("a"), 10).stream().mapToInt(Set::size).sum();
        assertThat(total - byA).isZero();
        assertThat(base).noneMatch(r -> "X".equals(r.get("a")));
    }
}
