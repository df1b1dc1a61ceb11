package org.govdx.catalog.domain;

import org.govdx.rules.identifiers.IdentifierKind;

import java.util.EnumSet;
import java.util.Set;

/**
 * How values of a data element are checked (DOMAIN rule 9). The identifier validators delegate to
 * {@code sharing-rules} ({@link IdentifierKind}); DATE is an ISO-8601 calendar date; ENUM one of the element's
 * values; PATTERN a full match of the element's regular expression; NONE checks only the value type.
 */
public enum ElementValidator {
    NONE(null, EnumSet.allOf(ValueType.class)),
    RESIDENT_ID(IdentifierKind.RESIDENT_ID, EnumSet.of(ValueType.STRING)),
    USCC(IdentifierKind.USCC, EnumSet.of(ValueType.STRING)),
    MOBILE(IdentifierKind.MOBILE, EnumSet.of(ValueType.STRING)),
    DIVISION_CODE(IdentifierKind.DIVISION_CODE, EnumSet.of(ValueType.STRING)),
    DATE(null, EnumSet.of(ValueType.DATE)),
    ENUM(null, EnumSet.of(ValueType.ENUM, ValueType.STRING)),
    PATTERN(null, EnumSet.allOf(ValueType.class));

    private final IdentifierKind identifier;
    private final Set<ValueType> types;

    ElementValidator(IdentifierKind identifier, Set<ValueType> types) {
        this.identifier = identifier;
        this.types = types;
    }

    /** The sharing-rules identifier validator, or null for the validators implemented here. */
    public IdentifierKind identifier() {
        return identifier;
    }

    /** Whether an element of {@code type} may use this validator. */
    public boolean fits(ValueType type) {
        return types.contains(type);
    }
}
