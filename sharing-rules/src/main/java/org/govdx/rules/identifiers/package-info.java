/**
 * Validators and generators for the identifiers named in DOMAIN rule 3 (validators for Chinese ID
 * numbers, phone numbers, unified social credit codes) and rule 9 (fields map to shared data
 * elements whose format is checked on upload).
 *
 * <p>Every validator returns a {@link org.govdx.rules.identifiers.ValidationResult} carrying the
 * normalised value or an {@link org.govdx.rules.identifiers.InvalidReason}; messages never repeat
 * the input (it is personal data). {@link org.govdx.rules.identifiers.IdentifierKind} lets a catalog
 * data element name its validator.
 */
package org.govdx.rules.identifiers;
