package org.govdx.catalog.domain;

import org.govdx.rules.classification.SharingClass;

import java.util.List;

/**
 * What a version changes against the version it replaces. Dropping, re-classing or re-typing a field, or a
 * stricter dataset class, is breaking: consumers are notified before it takes effect.
 */
public record VersionChanges(int fromVersion, List<String> addedFields, List<String> droppedFields,
                             List<String> reclassedFields, List<String> retypedFields,
                             SharingClass classificationFrom, SharingClass classificationTo, boolean breaking) {
}
