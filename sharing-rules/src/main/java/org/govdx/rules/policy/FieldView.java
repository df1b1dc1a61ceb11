package org.govdx.rules.policy;

import java.util.Objects;
import org.govdx.rules.classification.SharingClass;
import org.govdx.rules.filter.FilterParser;
import org.govdx.rules.masking.MaskingRule;

/**
 * One field of a dataset version as the policy sees it (DOMAIN rule 2: each field carries its own class).
 *
 * @param name           the field name; must be usable in filters ({@link FilterParser#isValidFieldName})
 * @param fieldClass     the field's sharing class
 * @param defaultMasking the provider's default masking, used when a grant does not choose one
 * @param key            whether the field is (part of) the record key
 */
public record FieldView(String name, SharingClass fieldClass, MaskingRule defaultMasking, boolean key) {
    public FieldView {
        if (!FilterParser.isValidFieldName(name)) {
            throw new IllegalArgumentException("field names are letters, digits and _ (not a filter keyword)");
        }
        Objects.requireNonNull(fieldClass, "fieldClass");
        Objects.requireNonNull(defaultMasking, "defaultMasking");
    }
}
