package org.govdx.exchange.service;

import org.govdx.exchange.catalog.CatalogDataset;
import org.govdx.exchange.domain.AccessRequest;
import org.govdx.exchange.domain.Purpose;
import org.govdx.exchange.domain.RequestKind;
import org.govdx.exchange.review.Terms;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The agreement document (DOMAIN rule 5), before canonicalization: every term both CDOs agreed to, with the
 * dataset version and its schema hash, each field's class and masking, the duties of the consumer (retention
 * and deletion, no onward disclosure) and a review date.
 */
final class AgreementDocuments {

    private AgreementDocuments() {
    }

    static Map<String, Object> build(UUID agreementId, int number, UUID lineageId, UUID supersedes, AccessRequest request,
                                     CatalogDataset dataset, Terms terms, OffsetDateTime madeAt) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", request.kind == RequestKind.AGREEMENT ? "govdx.data-sharing-agreement" : "govdx.open-data-use-grant");
        doc.put("id", agreementId.toString());
        doc.put("agreementNumber", number);
        doc.put("lineageId", lineageId.toString());
        doc.put("supersedes", supersedes == null ? null : supersedes.toString());
        doc.put("requestId", request.id.toString());
        doc.put("consumerDepartment", request.consumerDepartment);
        doc.put("providerDepartment", request.providerDepartment);
        doc.put("dataset", Map.of("id", dataset.id().toString(), "code", dataset.code(), "title", dataset.title(),
                "version", dataset.version(), "schemaHash", dataset.schemaHash(), "classification", dataset.classification()));
        List<Map<String, Object>> fields = new ArrayList<>();
        for (String name : terms.fields()) {
            CatalogDataset.Field field = dataset.field(name).orElseThrow();
            String masking = terms.masking().getOrDefault(name, "OPEN".equals(field.fieldClass()) ? "none" : field.defaultMasking());
            fields.add(Map.of("name", name, "fieldClass", field.fieldClass(), "masking", masking));
        }
        doc.put("fields", fields);
        Purpose purpose = Purpose.valueOf(terms.purpose());
        doc.put("purpose", Map.of("code", purpose.name(), "label", purpose.zh(), "scenario", terms.purposeDetail()));
        doc.put("legalBasis", terms.legalBasis());
        doc.put("accessMode", terms.mode().name());
        doc.put("rowFilter", terms.rowFilter());
        doc.put("dailyRowQuota", terms.dailyRowQuota());
        doc.put("expectedDailyVolume", terms.expectedVolume());
        doc.put("minGroupSize", terms.minGroupSize());
        doc.put("term", Map.of("start", terms.termStart().toString(), "end", terms.termEnd().toString()));
        doc.put("retention", Map.of("days", terms.retentionDays(),
                "deletionDuty", "The consumer deletes every copy it obtained within " + terms.retentionDays()
                        + " days of obtaining it, and at the latest when the agreement ends, and keeps a record of the deletion."));
        doc.put("authorisedUsers", terms.authorisedUsers());
        doc.put("onwardDisclosure", "prohibited: no disclosure to a third party without the provider's written consent");
        doc.put("useLimitation", "use only for the stated purpose and scenario; keep records of what was obtained");
        doc.put("reviewDate", reviewDate(terms).toString());
        doc.put("madeAt", madeAt.toInstant().toString());
        return doc;
    }

    /** Reviewed a year after it starts, or at its end when that is sooner. */
    static java.time.LocalDate reviewDate(Terms terms) {
        java.time.LocalDate yearOn = terms.termStart().plusYears(1);
        return yearOn.isBefore(terms.termEnd()) ? yearOn : terms.termEnd();
    }
}
