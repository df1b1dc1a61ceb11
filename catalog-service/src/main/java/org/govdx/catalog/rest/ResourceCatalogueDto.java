package org.govdx.catalog.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The core metadata items of the national government information resource catalogue (政务信息资源目录):
 * resource code, name, provider, summary, format, information items, sharing attribute with its conditions
 * and legal basis, open attribute, update cycle, publication date.
 */
@Schema(name = "ResourceCatalogue", description = "Core items of the national government information resource catalogue")
public record ResourceCatalogueDto(
        @Schema(description = "信息资源代码: subject category / dataset code", examples = "population/MCA-RESIDENTS") String resourceCode,
        @Schema(description = "信息资源名称", examples = "居民户籍登记信息") String resourceName,
        @Schema(examples = "Resident household register") String resourceNameEn,
        @Schema(description = "信息资源提供方", examples = "民政局") String provider,
        @Schema(description = "提供方代码", examples = "civil-affairs") String providerCode,
        @Schema(description = "信息资源摘要") String summary,
        @Schema(description = "信息资源格式", examples = "数据库（平台托管，经共享接口提供）") String resourceFormat,
        @Schema(description = "信息项") List<Item> items,
        @Schema(description = "共享属性") SharingAttribute sharingAttribute,
        @Schema(description = "开放属性") Open openAttribute,
        @Schema(description = "更新周期", examples = "每日") String updateCycle,
        @Schema(description = "发布日期") OffsetDateTime publishedAt) {

    @Schema(name = "ResourceCatalogueItem")
    public record Item(@Schema(examples = "resident_id") String name, @Schema(examples = "公民身份号码") String titleZh,
                       @Schema(examples = "STRING") String type, @Schema(examples = "有条件共享") String sharingType) {
    }

    @Schema(name = "SharingAttribute")
    public record SharingAttribute(@Schema(description = "共享类型", examples = "有条件共享") String type,
                                   @Schema(examples = "RESTRICTED") String classification,
                                   @Schema(description = "共享条件") String conditions,
                                   @Schema(description = "依据") String legalBasis,
                                   @Schema(description = "共享方式", examples = "平台托管") String method) {
    }

    @Schema(name = "OpenAttributeBlock")
    public record Open(@Schema(description = "是否向社会开放", examples = "不予开放") String type, @Schema(examples = "NOT_OPEN") String code) {
    }
}
