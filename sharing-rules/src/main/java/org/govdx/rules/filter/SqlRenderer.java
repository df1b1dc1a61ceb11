package org.govdx.rules.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders a {@link Filter} as a parameterised PostgreSQL boolean expression (DOMAIN rule 5 row filters).
 * Every literal becomes a placeholder {@code $n}; only column expressions from the {@link ColumnMapper},
 * operators, keywords and parentheses are written into the SQL text. {@code and}/{@code or}/{@code not} are
 * fully parenthesised. Ordering comparisons with a text literal use {@code COLLATE "C"} so that the database
 * orders text by code point exactly as {@link FilterEvaluator} does.
 */
public final class SqlRenderer {

    private final ColumnMapper columns;
    private final List<Object> parameters = new ArrayList<>();
    private final int firstPlaceholder;

    private SqlRenderer(ColumnMapper columns, int firstPlaceholder) {
        this.columns = columns;
        this.firstPlaceholder = firstPlaceholder;
    }

    public static SqlFragment render(Filter filter, ColumnMapper columns, int firstPlaceholder) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(columns, "columns");
        if (firstPlaceholder < 1) {
            throw new IllegalArgumentException("placeholders start at $1");
        }
        SqlRenderer renderer = new SqlRenderer(columns, firstPlaceholder);
        StringBuilder sql = new StringBuilder();
        renderer.render(filter, sql);
        return new SqlFragment(sql.toString(), renderer.parameters);
    }

    private void render(Filter filter, StringBuilder sql) {
        if (filter instanceof Comparison c) {
            sql.append(column(c.field(), c.operator().isOrdering() && c.value() instanceof TextLiteral))
                    .append(' ').append(c.operator().symbol()).append(' ').append(placeholder(c.value()));
        } else if (filter instanceof InList in) {
            sql.append(column(in.field(), false)).append(" IN (");
            for (int i = 0; i < in.values().size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(placeholder(in.values().get(i)));
            }
            sql.append(')');
        } else if (filter instanceof Between b) {
            boolean text = b.low() instanceof TextLiteral || b.high() instanceof TextLiteral;
            sql.append(column(b.field(), text)).append(" BETWEEN ").append(placeholder(b.low()))
                    .append(" AND ").append(placeholder(b.high()));
        } else if (filter instanceof IsNull n) {
            sql.append(column(n.field(), false)).append(" IS NULL");
        } else if (filter instanceof IsNotNull n) {
            sql.append(column(n.field(), false)).append(" IS NOT NULL");
        } else if (filter instanceof And a) {
            binary(a.left(), "AND", a.right(), sql);
        } else if (filter instanceof Or o) {
            binary(o.left(), "OR", o.right(), sql);
        } else {
            sql.append("(NOT ");
            render(((Not) filter).operand(), sql);
            sql.append(')');
        }
    }

    private void binary(Filter left, String operator, Filter right, StringBuilder sql) {
        sql.append('(');
        render(left, sql);
        sql.append(' ').append(operator).append(' ');
        render(right, sql);
        sql.append(')');
    }

    private String column(String field, boolean codePointOrder) {
        String column = columns.columnFor(field);
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("a filter field has no column");
        }
        return codePointOrder ? column + " COLLATE \"C\"" : column;
    }

    private String placeholder(Literal literal) {
        parameters.add(literal.sqlValue());
        return "$" + (firstPlaceholder + parameters.size() - 1);
    }
}
