package org.govdx.rules.identifiers;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of validating an identifier (DOMAIN rules 3 and 9): either {@link Valid} with the
 * normalised value, or {@link Invalid} with a reason. Messages never contain the input.
 */
public sealed interface ValidationResult permits ValidationResult.Valid, ValidationResult.Invalid {

    /** The kind of identifier that was checked. */
    IdentifierKind kind();

    /** True for {@link Valid}. */
    default boolean isValid() {
        return this instanceof Valid;
    }

    /** The normalised value when valid. */
    default Optional<String> normalised() {
        return this instanceof Valid valid ? Optional.of(valid.value()) : Optional.empty();
    }

    /** The reason when invalid. */
    default Optional<InvalidReason> reason() {
        return this instanceof Invalid invalid ? Optional.of(invalid.why()) : Optional.empty();
    }

    /** A valid identifier in its normalised (canonical) form. */
    record Valid(IdentifierKind kind, String value) implements ValidationResult {
        public Valid {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A rejected identifier: why, and a message fit for a user (it does not echo the input). */
    record Invalid(IdentifierKind kind, InvalidReason why, String message) implements ValidationResult {
        public Invalid {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(message, "message");
        }
    }

    static ValidationResult valid(IdentifierKind kind, String value) {
        return new Valid(kind, value);
    }

    static ValidationResult invalid(IdentifierKind kind, InvalidReason why, String message) {
        return new Invalid(kind, why, message);
    }
}
