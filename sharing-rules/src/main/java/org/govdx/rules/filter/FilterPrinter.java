package org.govdx.rules.filter;

import java.util.stream.Collectors;

/**
 * Prints a {@link Filter} in canonical text (DOMAIN rule 5): lower-case keywords, single blanks, and only
 * the parentheses the tree needs, so that {@code FilterParser.parse(print(f)).equals(f)}.
 */
public final class FilterPrinter {

    private static final int OR = 1;
    private static final int AND = 2;
    private static final int NOT = 3;
    private static final int PREDICATE = 4;

    private FilterPrinter() {
    }

    public static String print(Filter filter) {
        StringBuilder b = new StringBuilder();
        print(filter, b);
        return b.toString();
    }

    /** A literal as written in filter text. */
    public static String print(Literal literal) {
        if (literal instanceof TextLiteral t) {
            return quote(t.value());
        }
        if (literal instanceof IntegerLiteral i) {
            return Long.toString(i.value());
        }
        if (literal instanceof DecimalLiteral d) {
            return d.value().toPlainString();
        }
        if (literal instanceof BooleanLiteral bool) {
            return Boolean.toString(bool.value());
        }
        return "date '" + ((DateLiteral) literal).value() + "'";
    }

    private static void print(Filter filter, StringBuilder b) {
        if (filter instanceof Comparison c) {
            b.append(c.field()).append(' ').append(c.operator().symbol()).append(' ').append(print(c.value()));
        } else if (filter instanceof InList in) {
            b.append(in.field()).append(" in (")
                    .append(in.values().stream().map(FilterPrinter::print).collect(Collectors.joining(", "))).append(')');
        } else if (filter instanceof Between bt) {
            b.append(bt.field()).append(" between ").append(print(bt.low())).append(" and ").append(print(bt.high()));
        } else if (filter instanceof IsNull n) {
            b.append(n.field()).append(" is null");
        } else if (filter instanceof IsNotNull n) {
            b.append(n.field()).append(" is not null");
        } else if (filter instanceof And a) {
            operand(a.left(), precedence(a.left()) < AND, b);
            b.append(" and ");
            operand(a.right(), precedence(a.right()) <= AND, b);
        } else if (filter instanceof Or o) {
            operand(o.left(), precedence(o.left()) < OR, b);
            b.append(" or ");
            operand(o.right(), precedence(o.right()) <= OR, b);
        } else {
            Not n = (Not) filter;
            b.append("not ");
            operand(n.operand(), precedence(n.operand()) < NOT, b);
        }
    }

    private static void operand(Filter operand, boolean parenthesise, StringBuilder b) {
        if (parenthesise) {
            b.append('(');
        }
        print(operand, b);
        if (parenthesise) {
            b.append(')');
        }
    }

    private static int precedence(Filter filter) {
        if (filter instanceof Or) {
            return OR;
        }
        if (filter instanceof And) {
            return AND;
        }
        return filter instanceof Not ? NOT : PREDICATE;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
