package org.govdx.rules.policy;

import java.util.Objects;

/** The outcome of {@link PolicyDecisionPoint#decide}: a plan to execute, or a refusal (DOMAIN rules 1, 2, 4, 5). */
public sealed interface Decision permits Decision.Allow, Decision.Deny {

    default boolean isAllowed() {
        return this instanceof Allow;
    }

    /** The call may proceed exactly as {@code plan} says. */
    record Allow(Plan plan) implements Decision {
        public Allow {
            Objects.requireNonNull(plan, "plan");
        }
    }

    /** The call is refused; {@code message} never names a field. */
    record Deny(DenyReason reason, String message) implements Decision {
        public Deny {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        static Deny of(DenyReason reason) {
            return new Deny(reason, reason.message());
        }
    }
}
