/**
 * Deterministic desensitisation — DOMAIN rule 3 (redact, partial, keyed pseudonym per agreement,
 * generalize, format-aware masks for ID numbers, phone numbers and credit codes) and rule 2
 * (RESTRICTED fields are masked unless an agreement grants them in clear).
 *
 * <p>A {@link org.govdx.rules.masking.MaskingRule} (strategy plus parameters, with a compact text form such
 * as {@code partial(first=1,last=4)}) is applied by a {@link org.govdx.rules.masking.Masker}, which holds the
 * per-agreement pseudonym key. The module's README.md describes every strategy's output.
 */
package org.govdx.rules.masking;
