package org.govdx.tlog;

/**
 * Untrusted data failed verification: a proof that does not prove what it claims, a note or checkpoint
 * that is malformed or not signed by a trusted key. The message says what failed.
 */
public class VerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    public VerificationException(String message) {
        super(message);
    }

    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
