package org.govdx.tlog.verifier;

/**
 * Outcome of one verification: success with a summary, or failure with a message and, where the failure is
 * pinned to one log entry, the index of the first bad entry ({@link #NO_INDEX} otherwise).
 */
public record Finding(boolean ok, long firstBadIndex, String message) {

    public static final long NO_INDEX = -1;

    static Finding success(String summary) {
        return new Finding(true, NO_INDEX, summary);
    }

    static Finding failure(String message) {
        return new Finding(false, NO_INDEX, message);
    }

    static Finding badEntry(long index, String message) {
        return new Finding(false, index, "first bad entry: index " + index + ": " + message);
    }
}
