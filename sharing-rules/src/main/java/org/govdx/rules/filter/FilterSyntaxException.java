package org.govdx.rules.filter;

/**
 * Row-filter text (DOMAIN rule 5) that does not follow the grammar or exceeds a limit. {@link #position()} is the 0-based
 * character offset of the problem, {@link #expected()} what the parser expected there.
 */
public final class FilterSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int position;
    private final String expected;

    public FilterSyntaxException(int position, String expected, String found) {
        super("at position " + position + ": expected " + expected + " but found " + found);
        this.position = position;
        this.expected = expected;
    }

    /** 0-based character offset in the filter text. */
    public int position() {
        return position;
    }

    /** What the parser expected at {@link #position()}. */
    public String expected() {
        return expected;
    }
}
