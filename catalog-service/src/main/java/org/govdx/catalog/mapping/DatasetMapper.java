package org.govdx.catalog.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import org.govdx.catalog.domain.Dataset;
import org.govdx.catalog.domain.DatasetVersion;
import org.govdx.catalog.domain.Department;
import org.govdx.catalog.domain.DistributionMode;
import org.govdx.catalog.domain.FieldSpec;
import org.govdx.catalog.domain.Frequency;
import org.govdx.catalog.domain.Json;
import org.govdx.catalog.domain.VersionStatus;
import org.govdx.catalog.repository.SearchResult;
import org.govdx.catalog.rest.DatasetDto;
import org.govdx.catalog.rest.DistributionDto;
import org.govdx.catalog.rest.FieldDto;
import org.govdx.catalog.rest.QualityDto;
import org.govdx.catalog.rest.ResourceCatalogueDto;
import org.govdx.catalog.rest.SearchPageDto;
import org.govdx.catalog.rest.VersionDto;
import org.govdx.catalog.service.DatasetService;
import org.govdx.catalog.service.DatasetView;
import org.govdx.catalog.service.QualityFigures;
import org.govdx.rules.classification.SharingClass;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

public final class DatasetMapper {

    private DatasetMapper() {
    }

    public static DatasetDto toDto(DatasetView view) {
        Dataset d = view.dataset();
        DatasetVersion v = view.shown();
        DatasetVersion latest = view.latest();
        DatasetDto.Pending pending = view.pending() == null ? null
                : new DatasetDto.Pending(view.pending().version, view.pending().status, view.pending().effectiveAt);
        DatasetDto.Retirement retirement = d.retireEffectiveAt == null ? null
                : new DatasetDto.Retirement(d.retireEffectiveAt, d.retiredAt, d.retireReason, d.retireNoticeId);
        return new DatasetDto(d.id, d.code, d.ownerDepartment, v.titleZh, v.titleEn, v.description, v.keywords, v.classification,
                d.status(latest != null ? latest.status : v.status), d.currentVersion, v.version,
                latest == null ? null : latest.version, latest == null ? null : latest.status,
                v.legalBasis, v.category, v.updateFrequency, v.sharingConditions, v.openAttribute, distribution(v), v.schemaHash,
                fields(v.fields), quality(view.quality()), v.overlap, pending, retirement, resourceCatalogue(v, view.owner()),
                v.publishedAt, d.createdAt, d.updatedAt);
    }

    public static VersionDto toDto(DatasetVersion v) {
        VersionDto.Rejection rejection = v.rejectedAt == null ? null : new VersionDto.Rejection(v.rejectedBy, v.rejectedAt, v.rejectionReason);
        return new VersionDto(v.datasetId, v.code, v.version, v.status, v.ownerDepartment, v.titleZh, v.titleEn, v.description, v.keywords,
                v.category, v.updateFrequency, v.classification, v.legalBasis, v.sharingConditions, v.openAttribute, v.schemaHash,
                fields(v.fields), distribution(v), v.createdBy, v.createdAt, v.submittedBy, v.submittedAt, v.publishedBy, v.publishedAt,
                v.effectiveAt, v.supersededAt, v.retiredAt, rejection, v.overlap, v.changes);
    }

    public static DistributionDto distribution(DatasetVersion v) {
        return new DistributionDto(v.distributionMode, v.distributionEndpoint);
    }

    public static List<FieldDto> fields(List<FieldSpec> fields) {
        return fields.stream().map(f -> new FieldDto(f.name(), f.titleZh(), f.titleEn(), f.type(), f.dataElement(), f.fieldClass(),
                f.defaultMasking(), f.key(), f.required())).toList();
    }

    public static QualityDto quality(QualityFigures q) {
        if (q == null) {
            return null;
        }
        return new QualityDto(q.version(), q.completeness(), q.validity(), q.uniqueness(), q.rowCount(), q.measuredAt(), q.lastUploadAt(),
                q.timeliness(), q.stale(), new QualityDto.Corrections(q.openCorrections(), q.overdueCorrections(), q.acceptedCorrections(),
                q.rejectedCorrections()));
    }

    public static SearchPageDto.Hit hit(SearchResult.Hit h, boolean withScore) {
        Frequency frequency = Frequency.valueOf(h.updateFrequency());
        QualityFigures q = h.measuredAt() == null && h.openCorrections() + h.acceptedCorrections() + h.rejectedCorrections() == 0 ? null
                : QualityFigures.of(h.version(), frequency, h.completeness(), h.validity(), h.uniqueness(), h.rowCount(), h.measuredAt(),
                h.lastUploadAt(), h.openCorrections(), h.overdueCorrections(), h.acceptedCorrections(), h.rejectedCorrections(),
                OffsetDateTime.now(ZoneOffset.UTC));
        List<String> keywords = Json.read(h.keywordsJson(), new TypeReference<>() {
        });
        return new SearchPageDto.Hit(h.datasetId(), h.code(), h.ownerDepartment(), h.titleZh(), h.titleEn(), h.summary(), keywords,
                SharingClass.valueOf(h.classification()), h.category(), frequency, h.status(), h.version(), h.updatedAt(),
                withScore ? Math.round(h.score() * 10_000.0) / 10_000.0 : null, quality(q));
    }

    public static List<SearchPageDto.FacetValue> facet(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> new SearchPageDto.FacetValue(e.getKey(), e.getValue())).toList();
    }

    /** The national catalogue's core items for a version. */
    public static ResourceCatalogueDto resourceCatalogue(DatasetVersion v, Department owner) {
        String conditions = v.sharingConditions != null ? v.sharingConditions : switch (v.classification) {
            case OPEN -> "各部门说明用途和使用场景、经平台合规性审核后直接使用，无需提供方审批";
            case RESTRICTED -> "经提供方审核同意并签订共享协议后，按协议约定的字段、方式、范围和期限使用";
            case FORBIDDEN -> "不向其他部门提供，仅在目录中登记以避免重复采集";
        };
        String method = v.distributionMode == DistributionMode.HOSTED ? "平台托管，经共享接口提供" : "接口代理，访问提供方系统";
        String format = v.distributionMode == DistributionMode.HOSTED ? "数据库（平台托管，经共享接口提供 JSON/CSV）" : "接口服务（提供方接口，经平台代理）";
        List<ResourceCatalogueDto.Item> items = v.fields.stream()
                .map(f -> new ResourceCatalogueDto.Item(f.name(), f.titleZh(), f.type().name(), f.fieldClass().zhLabel())).toList();
        return new ResourceCatalogueDto(v.category + "/" + v.code, v.titleZh, v.titleEn, owner == null ? v.ownerDepartment : owner.nameZh,
                v.ownerDepartment, v.description, format, items,
                new ResourceCatalogueDto.SharingAttribute(v.classification.zhLabel(), v.classification.name(), conditions, v.legalBasis, method),
                new ResourceCatalogueDto.Open(v.openAttribute.zhLabel(), v.openAttribute.name()), v.updateFrequency.zhLabel(),
                v.status == VersionStatus.DRAFT ? null : v.publishedAt);
    }

    /** The schema hash as computed for the published representation (for callers verifying it). */
    public static String schemaHash(List<FieldSpec> fields) {
        return DatasetService.schemaHash(fields);
    }
}
