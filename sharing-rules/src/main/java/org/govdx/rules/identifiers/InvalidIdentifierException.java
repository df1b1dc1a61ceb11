package org.govdx.rules.identifiers;

/** Thrown by the {@code parse} factories when {@code validate} would return {@link ValidationResult.Invalid}. */
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
