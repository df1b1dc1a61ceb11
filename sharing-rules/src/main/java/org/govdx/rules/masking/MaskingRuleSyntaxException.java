package org.govdx.rules.masking;

/** A masking rule's compact text (DOMAIN rule 3) could not be parsed; the message says what was expected. */
public final class MaskingRuleSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MaskingRuleSyntaxException(String message) {
        super(message);
    }
}
