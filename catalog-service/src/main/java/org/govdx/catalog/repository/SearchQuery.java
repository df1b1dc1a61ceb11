package org.govdx.catalog.repository;

import org.govdx.catalog.domain.Frequency;
import org.govdx.catalog.domain.VersionStatus;
import org.govdx.rules.classification.SharingClass;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A catalog search as the repository runs it. {@code mineDepartment} non-null searches that department's
 * latest versions (drafts included) instead of everyone's current published versions.
 *
 * @param terms     already normalised LIKE patterns (see SearchText), all of which must match
 * @param wholeText the normalised whole query text, for the similarity part of the relevance score
 * @param after     the keyset position of the last row of the previous page, or null
 */
public record SearchQuery(List<String> terms, String wholeText, String mineDepartment, String department,
                          SharingClass classification, String category, Frequency updateFrequency, VersionStatus status,
                          String dataElement, Sort sort, After after, int limit, boolean facets, LocalDate today) {

    public enum Sort { RELEVANCE, TITLE, UPDATED }

    /** Keyset position: exactly one of score, title, updatedAt is set, per sort. */
    public record After(Double score, String title, OffsetDateTime updatedAt, UUID datasetId) {
    }
}
