package org.govdx.catalog.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.govdx.rules.classification.SharingClass;

import java.util.List;
import java.util.UUID;

/** A published dataset that maps fields to a data element ("who already publishes element X?"). */
@Schema(name = "Publisher")
public record PublisherDto(
        UUID datasetId,
        @Schema(examples = "MCA-RESIDENTS") String code,
        @Schema(examples = "civil-affairs") String ownerDepartment,
        @Schema(examples = "居民户籍登记信息") String titleZh,
        @Schema(examples = "Resident household register") String titleEn,
        @Schema(examples = "RESTRICTED") SharingClass classification,
        @Schema(examples = "1") int version,
        @Schema(description = "The dataset's fields mapped to the element", examples = "[\"resident_id\"]") List<String> fields,
        @Schema(description = "Whether the owner is the element's designated source department (一数一源)", examples = "false") boolean designatedSource) {
}
