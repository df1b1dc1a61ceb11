package org.govdx.exchange.review;

import org.govdx.common.problem.Problem;
import org.govdx.exchange.catalog.CatalogDataset;
import org.govdx.exchange.domain.Purpose;
import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.filter.Filter;
import org.govdx.rules.filter.FilterSyntaxException;
import org.govdx.rules.masking.MaskingRule;
import org.govdx.rules.masking.MaskingRuleSyntaxException;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The platform's conformity review of an application (the regulation: within 2 working days; automatic
 * where the rules decide). Run when a request is drafted, when it is endorsed and again when the provider
 * approves, against the catalog as it is then. Pure: no I/O, the caller passes the catalog's view and the
 * platform limits. A request with violations cannot proceed; {@link Outcome#manualReview} says a platform
 * admin must look at it by hand (a purpose outside the controlled list).
 */
public final class ConformityReview {

    /** Platform limits the review applies. */
    public record Limits(int maxTermDays, int maxRetentionDays, int minimumGroupSizeFloor) {
        public static final Limits DEFAULT = new Limits(1095, 3650, 5);
    }

    /** The review's result. */
    public record Outcome(List<Problem.Violation> violations, boolean manualReview) {
        public boolean passes() {
            return violations.isEmpty();
        }
    }

    private ConformityReview() {
    }

    public static Outcome review(CatalogDataset dataset, Terms terms, String consumerDepartment, LocalDate today, Limits limits) {
        List<Problem.Violation> v = new ArrayList<>();
        if (!"PUBLISHED".equals(dataset.datasetStatus()) || !"PUBLISHED".equals(dataset.versionStatus())) {
            v.add(new Problem.Violation("datasetVersion", "only the current published version of a dataset can be requested"));
        }
        if ("FORBIDDEN".equals(dataset.classification())) {
            v.add(new Problem.Violation("datasetId", "the dataset is FORBIDDEN (不予共享): it never leaves its owner and cannot be requested"));
            return new Outcome(v, false);
        }
        if (dataset.ownerDepartment().equals(consumerDepartment)) {
            v.add(new Problem.Violation("datasetId", "a department does not request its own data"));
        }
        boolean restrictedDataset = "RESTRICTED".equals(dataset.classification());
        Set<String> requested = new HashSet<>();
        if (terms.fields().isEmpty()) {
            v.add(new Problem.Violation("fields", "name at least one field (minimum necessary)"));
        }
        for (int i = 0; i < terms.fields().size(); i++) {
            String name = terms.fields().get(i);
            if (!requested.add(name)) {
                v.add(new Problem.Violation("fields[" + i + "]", "named twice"));
                continue;
            }
            var field = dataset.field(name);
            if (field.isEmpty()) {
                v.add(new Problem.Violation("fields[" + i + "]", "the dataset has no field '" + name + "'"));
            } else if ("FORBIDDEN".equals(field.get().fieldClass())) {
                v.add(new Problem.Violation("fields[" + i + "]", "'" + name + "' is a FORBIDDEN field: it never leaves its owner"));
            }
        }
        for (Map.Entry<String, String> mask : terms.masking().entrySet()) {
            if (!requested.contains(mask.getKey())) {
                v.add(new Problem.Violation("masking." + mask.getKey(), "masking for a field that is not requested"));
                continue;
            }
            try {
                MaskingRule rule = MaskingRule.parse(mask.getValue());
                boolean clear = rule.strategy() == org.govdx.rules.masking.MaskingStrategy.NONE;
                var field = dataset.field(mask.getKey());
                if (clear && terms.mode() == AccessMode.EXTRACT && field.isPresent() && "RESTRICTED".equals(field.get().fieldClass())) {
                    v.add(new Problem.Violation("masking." + mask.getKey(),
                            "a RESTRICTED field is never exported in clear (EXTRACT is obtainable, not removable): request it masked or in VIEW mode"));
                }
            } catch (MaskingRuleSyntaxException e) {
                v.add(new Problem.Violation("masking." + mask.getKey(), "not a masking rule: " + e.getMessage()));
            }
        }
        if (terms.purpose() == null) {
            v.add(new Problem.Violation("purpose", "required: one of the controlled purposes"));
        }
        boolean manual = false;
        try {
            manual = terms.purpose() != null && Purpose.valueOf(terms.purpose()).needsManualReview();
        } catch (IllegalArgumentException e) {
            v.add(new Problem.Violation("purpose", "not a purpose of the controlled list"));
        }
        if (terms.purposeDetail() == null || terms.purposeDetail().isBlank()) {
            v.add(new Problem.Violation("purposeDetail", "describe the usage scenario"));
        }
        if (restrictedDataset && (terms.legalBasis() == null || terms.legalBasis().isBlank())) {
            v.add(new Problem.Violation("legalBasis", "a request for RESTRICTED data must cite its legal basis"));
        }
        if (terms.mode() == null) {
            v.add(new Problem.Violation("mode", "required: AGGREGATE, VIEW or EXTRACT"));
        }
        if (terms.rowFilter() != null && !terms.rowFilter().isBlank()) {
            try {
                Filter filter = Filter.parse(terms.rowFilter());
                for (String f : filter.fields()) {
                    if (!requested.contains(f)) {
                        v.add(new Problem.Violation("rowFilter", "the filter names '" + f + "', which is not a requested field"));
                    }
                }
            } catch (FilterSyntaxException e) {
                v.add(new Problem.Violation("rowFilter", e.getMessage()));
            }
        }
        if (terms.termStart() == null || terms.termEnd() == null) {
            v.add(new Problem.Violation("term", "start and end are required"));
        } else {
            if (terms.termEnd().isBefore(terms.termStart())) {
                v.add(new Problem.Violation("term.end", "ends before it starts"));
            }
            if (terms.termEnd().isBefore(today)) {
                v.add(new Problem.Violation("term.end", "ends in the past"));
            }
            if (ChronoUnit.DAYS.between(terms.termStart(), terms.termEnd()) + 1 > limits.maxTermDays()) {
                v.add(new Problem.Violation("term", "longer than the platform maximum of " + limits.maxTermDays() + " days"));
            }
        }
        if (terms.mode() != AccessMode.AGGREGATE && terms.dailyRowQuota() <= 0) {
            v.add(new Problem.Violation("dailyRowQuota", "VIEW and EXTRACT need a positive daily row quota"));
        }
        if (terms.expectedVolume() < 0) {
            v.add(new Problem.Violation("expectedVolume", "must not be negative"));
        }
        if (terms.retentionDays() < 1 || terms.retentionDays() > limits.maxRetentionDays()) {
            v.add(new Problem.Violation("retentionDays", "between 1 and " + limits.maxRetentionDays() + " days"));
        }
        if (terms.minGroupSize() < limits.minimumGroupSizeFloor()) {
            v.add(new Problem.Violation("minGroupSize", "at least " + limits.minimumGroupSizeFloor()));
        }
        if (terms.authorisedUsers().isEmpty()) {
            v.add(new Problem.Violation("authorisedUsers", "name the people or department systems allowed to use the data (minimum necessary)"));
        }
        return new Outcome(v, manual);
    }
}
