package org.govdx.rules.identifiers;

/**
 * Thrown by the identifier {@code parse} factories (DOMAIN rules 3 and 9) when {@code validate} would return
 * {@link ValidationResult.Invalid}.
 */
public final class InvalidIdentifierException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient ValidationResult.Invalid result;

    public InvalidIdentifierException(ValidationResult.Invalid result) {
        super(result.kind() + ": " + result.message());
        this.result = result;
    }

    /** The failed validation. */
    public ValidationResult.Invalid result() {
        return result;
    }

    static String requireValid(ValidationResult result) {
        if (result instanceof ValidationResult.Invalid invalid) {
            throw new InvalidIdentifierException(invalid);
        }
        return ((ValidationResult.Valid) result).value();
    }
}
