package org.govdx.catalog.service;

import org.govdx.catalog.domain.DistributionMode;
import org.govdx.catalog.domain.FieldSpec;
import org.govdx.catalog.domain.Frequency;
import org.govdx.catalog.domain.OpenAttribute;
import org.govdx.rules.classification.SharingClass;

import java.util.List;

/** The content of a dataset version as the owner drafts it (code and owner only matter on creation). */
public record Draft(String code, String ownerDepartment, String titleZh, String titleEn, String description,
                    List<String> keywords, String category, Frequency updateFrequency, String legalBasis,
                    SharingClass classification, DistributionMode distributionMode, String distributionEndpoint,
                    String sharingConditions, OpenAttribute openAttribute, List<FieldSpec> fields) {
}
