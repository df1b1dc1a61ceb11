package org.govdx.catalog.service;

import org.govdx.catalog.domain.Dataset;
import org.govdx.catalog.domain.DatasetVersion;
import org.govdx.catalog.domain.Department;

/**
 * A dataset as one caller may see it: the version shown (the current published one, or for the owner of a
 * never-published dataset its latest), the latest and pending versions when the caller may see them, the
 * owner department, and the shown version's quality.
 */
public record DatasetView(Dataset dataset, DatasetVersion shown, DatasetVersion latest, DatasetVersion pending,
                          Department owner, QualityFigures quality, boolean seesDrafts) {
}
