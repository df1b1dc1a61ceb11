package org.govdx.catalog.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.govdx.catalog.domain.Frequency;
import org.govdx.rules.classification.SharingClass;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A page of catalog search results. */
@Schema(name = "SearchPage")
public record SearchPageDto(
        List<Hit> items,
        @Schema(description = "First page only: per facet (department, classification, category, updateFrequency; status with mine), "
                + "the count of each value among the matches under every other filter") Map<String, List<FacetValue>> facets,
        @Schema(description = "First page only: the number of matching datasets", examples = "42") Long total,
        @Schema(description = "Opaque cursor of the next page; null on the last page") String nextCursor) {

    @Schema(name = "SearchHit")
    public record Hit(UUID id,
                      @Schema(examples = "MCA-RESIDENTS") String code,
                      @Schema(examples = "civil-affairs") String ownerDepartment,
                      @Schema(examples = "居民户籍登记信息") String titleZh,
                      @Schema(examples = "Resident household register") String titleEn,
                      @Schema(description = "The description's first 240 characters") String summary,
                      List<String> keywords,
                      @Schema(examples = "RESTRICTED") SharingClass classification,
                      @Schema(examples = "population") String category,
                      @Schema(examples = "DAILY") Frequency updateFrequency,
                      @Schema(description = "Status of the version shown (PUBLISHED, or with mine the latest version's)", examples = "PUBLISHED") String status,
                      @Schema(examples = "1") int version,
                      OffsetDateTime updatedAt,
                      @Schema(description = "Relevance score, when sorted by relevance", examples = "6.42") Double score,
                      QualityDto quality) {
    }

    @Schema(name = "FacetValue")
    public record FacetValue(@Schema(examples = "civil-affairs") String value, @Schema(examples = "3") long count) {
    }
}
