package org.govdx.audit.service;

import org.govdx.common.problem.ProblemException;

/**
 * The sequencer's queue is full: the batch is refused (503) at once instead of waiting behind everything queued, and
 * the producer is told when to try again (the outbox relays back off and re-send; nothing was logged).
 */
public class LogBusyException extends ProblemException {

    private final int retryAfterSeconds;

    public LogBusyException(int queuedEntries, int retryAfterSeconds) {
        super(503, "log-busy", "The audit log is busy",
                "The log has " + queuedEntries + " entries waiting to be committed; this batch was not logged, send it again later");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
