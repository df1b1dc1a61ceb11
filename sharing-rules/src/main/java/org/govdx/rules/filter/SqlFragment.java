package org.govdx.rules.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A row filter (DOMAIN rule 5) as a parameterised PostgreSQL boolean expression: {@code sql} contains placeholders {@code $k..$m} and
 * {@code parameters} their values in order (String, Long, BigDecimal, Boolean or LocalDate). Literal values
 * never appear in {@code sql}.
 */
public record SqlFragment(String sql, List<Object> parameters) {
    public SqlFragment {
        Objects.requireNonNull(sql, "sql");
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }
}
