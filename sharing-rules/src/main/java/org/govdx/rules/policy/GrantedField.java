package org.govdx.rules.policy;

import java.util.Objects;
import org.govdx.rules.masking.MaskingRule;

/**
 * A field named by a grant (DOMAIN rule 2: RESTRICTED fields are delivered only when the agreement names them,
 * masked unless it grants them in clear).
 *
 * @param name    the field name
 * @param masking the masking the grant chose; {@link MaskingRule#NONE} means "not chosen": the field's default
 *                masking applies, and a RESTRICTED field without one is redacted
 * @param clear   the provider granted the field in clear; then {@code masking} must be NONE
 */
public record GrantedField(String name, MaskingRule masking, boolean clear) {
    public GrantedField {
        Caller.requireText(name, "name");
        Objects.requireNonNull(masking, "masking");
        if (clear && !masking.isClear()) {
            throw new IllegalArgumentException("a field granted in clear has no masking");
        }
    }

    /** Granted in clear. */
    public static GrantedField clear(String name) {
        return new GrantedField(name, MaskingRule.NONE, true);
    }

    /** Granted with a masking rule chosen by the grant. */
    public static GrantedField masked(String name, MaskingRule masking) {
        return new GrantedField(name, masking, false);
    }

    /** Granted with the field's default masking. */
    public static GrantedField withDefaultMasking(String name) {
        return new GrantedField(name, MaskingRule.NONE, false);
    }
}
