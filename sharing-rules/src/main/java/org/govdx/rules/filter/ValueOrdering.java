package org.govdx.rules.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How row values compare with literals and with each other (DOMAIN rule 5 filters; sorting in plans).
 * Values fall into four comparable kinds: numbers (any {@link Number}, compared by numeric value, so
 * {@code 1 = 1.0}), text (compared by Unicode code point, as PostgreSQL's {@code COLLATE "C"}), booleans
 * ({@code false < true}) and {@link LocalDate}s. Values of different kinds, nulls, NaN and infinities are
 * incomparable.
 */
public final class ValueOrdering {

    private ValueOrdering() {
    }

    /** Compares two row values; empty when they are incomparable. */
    public static OptionalInt compare(Object a, Object b) {
        Object x = normalise(a);
        Object y = normalise(b);
        if (x instanceof BigDecimal p && y instanceof BigDecimal q) {
            return OptionalInt.of(p.compareTo(q));
        }
        if (x instanceof String p && y instanceof String q) {
            return OptionalInt.of(compareCodePoints(p, q));
        }
        if (x instanceof Boolean p && y instanceof Boolean q) {
            return OptionalInt.of(Boolean.compare(p, q));
        }
        if (x instanceof LocalDate p && y instanceof LocalDate q) {
            return OptionalInt.of(p.compareTo(q));
        }
        return OptionalInt.empty();
    }

    /** Compares a row value with a literal; empty when they are incomparable. */
    public static OptionalInt compare(Object value, Literal literal) {
        return compare(value, literal instanceof IntegerLiteral i ? (Object) i.value() : literal.sqlValue());
    }

    /**
     * A total order over non-null values for sorting: comparable values in their natural order; otherwise by kind
     * (numbers, text, booleans, dates, anything else), and values of no comparable kind by class name and text.
     */
    public static int totalOrder(Object a, Object b) {
        OptionalInt c = compare(a, b);
        if (c.isPresent()) {
            return c.getAsInt();
        }
        int byKind = Integer.compare(kindRank(a), kindRank(b));
        if (byKind != 0) {
            return byKind;
        }
        int byClass = a.getClass().getName().compareTo(b.getClass().getName());
        return byClass != 0 ? byClass : compareCodePoints(String.valueOf(a), String.valueOf(b));
    }

    private static int kindRank(Object v) {
        Object n = normalise(v);
        if (n instanceof BigDecimal) {
            return 0;
        }
        if (n instanceof String) {
            return 1;
        }
        if (n instanceof Boolean) {
            return 2;
        }
        return n instanceof LocalDate ? 3 : 4;
    }

    /** The numeric value of a finite {@link Number}, or empty for anything else. */
    public static Optional<BigDecimal> numericValue(Object value) {
        return normalise(value) instanceof BigDecimal d ? Optional.of(d) : Optional.empty();
    }

    /** Lexicographic order of Unicode code points (= UTF-8 byte order). */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static Object normalise(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (v instanceof String || v instanceof Boolean || v instanceof LocalDate) {
            return v;
        }
        return null;
    }
}
