package org.govdx.rules.masking;

import java.util.Locale;

/**
 * The desensitisation strategies of DOMAIN rule 3. Parameters (kept characters, generalisation level,
 * band width) live in {@link MaskingRule}; the strategy's {@link #ruleName()} is its name in the compact
 * text form. Every strategy except {@link #NONE} outputs text (or null for null) and never the clear value,
 * except in the degenerate cases listed on {@link Masker}.
 */
public enum MaskingStrategy {
    /** Deliver the value in clear (only when the field is OPEN or the agreement grants it in clear). */
    NONE,
    /** Replace the whole value by {@value Masker#REDACTED} (hides the length as well). */
    REDACT,
    /** Keep the first / last characters, replace each other character by {@code *}. */
    PARTIAL,
    /** Keyed pseudonym: {@code p_} + 24 base32 characters of HMAC-SHA256 under the agreement's key. */
    PSEUDONYM,
    /** Generalise to a coarser value, see {@link Generalization}. */
    GENERALIZE,
    /** Resident ID number: keep the 6-digit division code and the last 4 characters ({@code 320505********123X}). */
    RESIDENT_ID,
    /** Mobile number: keep the first 3 and last 4 digits ({@code 138****5678}). */
    MOBILE,
    /** Unified social credit code: keep the first 8 characters (department, type, division), hide the organisation code. */
    USCC,
    /** Personal name: keep the first character (the surname), {@code 张三丰 → 张**}; a one-character name becomes {@code *}. */
    CHINESE_NAME,
    /** Address: keep province/city/district (区/县/市/旗), replace the rest by {@code ****}. */
    ADDRESS;

    /** The lower-case name used in the compact text form, e.g. {@code resident_id}. */
    public String ruleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for strategies whose compact form carries parameters in parentheses. */
    public boolean hasParameters() {
        return this == PARTIAL || this == GENERALIZE;
    }

    /** The strategy named {@code ruleName} (case-insensitive), or null. */
    static MaskingStrategy fromRuleName(String ruleName) {
        for (MaskingStrategy s : values()) {
            if (s.ruleName().equalsIgnoreCase(ruleName)) {
                return s;
            }
        }
        return null;
    }
}
