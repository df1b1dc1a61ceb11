package org.govdx.catalog.mapping;

import org.govdx.catalog.domain.DatasetVersion;
import org.govdx.catalog.domain.Department;
import org.govdx.catalog.domain.DistributionMode;
import org.govdx.catalog.service.DcatService;
import org.govdx.rules.classification.SharingClass;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published catalog as DCAT 3 in JSON-LD (dcat:Catalog, dcat:Dataset, dcat:Distribution), paged with a
 * Hydra partial collection view. Titles and keywords carry language tags (@zh/@en); the sharing class maps to
 * the EU access-right vocabulary (OPEN → PUBLIC within the government network, RESTRICTED → RESTRICTED,
 * FORBIDDEN → NON_PUBLIC) with the regulation's Chinese label.
 */
public final class DcatMapper {

    private static final String ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/";

    private DcatMapper() {
    }

    public static Map<String, Object> catalog(DcatService.CatalogPage page, String base, String self, String next) {
        Map<String, Object> catalog = new LinkedHashMap<>();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("dcat", "http://www.w3.org/ns/dcat#");
        context.put("dct", "http://purl.org/dc/terms/");
        context.put("foaf", "http://xmlns.com/foaf/0.1/");
        context.put("skos", "http://www.w3.org/2004/02/skos/core#");
        context.put("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        context.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        context.put("hydra", "http://www.w3.org/ns/hydra/core#");
        catalog.put("@context", context);
        catalog.put("@id", base + "/api/catalog/dcat");
        catalog.put("@type", "dcat:Catalog");
        catalog.put("dct:title", List.of(lang("govdx 政务数据共享目录", "zh"), lang("govdx government data sharing catalog", "en")));
        catalog.put("dct:description", List.of(lang("各部门发布的政务数据资源，按无条件共享、有条件共享、不予共享分类", "zh"),
                lang("Datasets published by government departments, classified OPEN, RESTRICTED or FORBIDDEN", "en")));
        List<Object> datasets = new ArrayList<>();
        for (DatasetVersion v : page.datasets()) {
            datasets.add(dataset(v, page.departments().get(v.ownerDepartment), base));
        }
        catalog.put("dcat:dataset", datasets);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("@id", self);
        view.put("@type", "hydra:PartialCollectionView");
        if (next != null) {
            view.put("hydra:next", Map.of("@id", next));
        }
        catalog.put("hydra:view", view);
        return catalog;
    }

    static Map<String, Object> dataset(DatasetVersion v, Department owner, String base) {
        String iri = base + "/api/catalog/datasets/" + v.datasetId;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@id", iri);
        d.put("@type", "dcat:Dataset");
        d.put("dct:identifier", v.code);
        d.put("dct:title", List.of(lang(v.titleZh, "zh"), lang(v.titleEn, "en")));
        d.put("dct:description", lang(v.description, "zh"));
        Map<String, Object> publisher = new LinkedHashMap<>();
        publisher.put("@id", base + "/api/catalog/departments/" + v.ownerDepartment);
        publisher.put("@type", "foaf:Organization");
        publisher.put("dct:identifier", v.ownerDepartment);
        publisher.put("foaf:name", owner == null ? v.ownerDepartment : List.of(lang(owner.nameZh, "zh"), lang(owner.nameEn, "en")));
        d.put("dct:publisher", publisher);
        d.put("dcat:keyword", v.keywords.stream().map(k -> lang(k, hasHan(k) ? "zh" : "en")).toList());
        d.put("dct:accrualPeriodicity", Map.of("@id", v.updateFrequency.euUri()));
        Map<String, Object> access = new LinkedHashMap<>();
        access.put("@id", ACCESS_RIGHT + switch (v.classification) {
            case OPEN -> "PUBLIC";
            case RESTRICTED -> "RESTRICTED";
            case FORBIDDEN -> "NON_PUBLIC";
        });
        access.put("skos:prefLabel", List.of(lang(v.classification.zhLabel(), "zh"), lang(v.classification.name(), "en")));
        d.put("dct:accessRights", access);
        if (v.classification != SharingClass.OPEN && v.legalBasis != null) {
            d.put("dct:rights", Map.of("@type", "dct:RightsStatement", "rdfs:label", lang(v.legalBasis, "zh")));
        }
        d.put("dcat:version", Integer.toString(v.version));
        if (v.publishedAt != null) {
            d.put("dct:issued", dateTime(v.publishedAt));
        }
        d.put("dct:modified", dateTime(v.effectiveAt != null ? v.effectiveAt : v.updatedAt));
        Map<String, Object> distribution = new LinkedHashMap<>();
        distribution.put("@id", iri + "#distribution");
        distribution.put("@type", "dcat:Distribution");
        distribution.put("dct:title", lang(v.distributionMode == DistributionMode.HOSTED ? "平台托管" : "提供方接口（平台代理）", "zh"));
        distribution.put("dcat:accessURL", Map.of("@id", v.distributionMode == DistributionMode.PROXIED && v.distributionEndpoint != null
                ? v.distributionEndpoint : iri));
        distribution.put("dcat:mediaType", Map.of("@id", "https://www.iana.org/assignments/media-types/application/json"));
        distribution.put("dct:accessRights", Map.of("@id", access.get("@id")));
        d.put("dcat:distribution", List.of(distribution));
        return d;
    }

    private static Map<String, Object> lang(String value, String language) {
        Map<String, Object> literal = new LinkedHashMap<>();
        literal.put("@value", value);
        literal.put("@language", language);
        return literal;
    }

    private static Map<String, Object> dateTime(OffsetDateTime t) {
        return Map.of("@value", t.toString(), "@type", "xsd:dateTime");
    }

    private static boolean hasHan(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }
}
