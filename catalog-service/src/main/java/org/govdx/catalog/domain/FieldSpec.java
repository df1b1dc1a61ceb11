package org.govdx.catalog.domain;

import org.govdx.rules.classification.SharingClass;

/**
 * One field of a dataset version as stored and published. The JSON of the list of these, canonicalised
 * (RFC 8785), is what the version's schema hash covers.
 *
 * @param defaultMasking the masking rule in sharing-rules' compact form, e.g. {@code resident_id}
 */
public record FieldSpec(String name, String titleZh, String titleEn, ValueType type, String dataElement,
                        SharingClass fieldClass, String defaultMasking, boolean key, boolean required) {
}
