package org.govdx.catalog.service;

import org.govdx.catalog.domain.DataElement;
import org.govdx.catalog.domain.DistributionMode;
import org.govdx.catalog.domain.FieldSpec;
import org.govdx.catalog.domain.OpenAttribute;
import org.govdx.common.problem.Problem;
import org.govdx.common.problem.ProblemException;
import org.govdx.rules.classification.SharingClass;
import org.govdx.rules.masking.MaskingRule;
import org.govdx.rules.masking.MaskingRuleSyntaxException;
import org.govdx.rules.masking.MaskingStrategy;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The catalog's rules for a dataset version. Malformed input (names, duplicates, masking syntax, distribution)
 * is a 400 naming every offending field; a breach of a sharing rule is a 422 {@link RuleViolation}:
 * <ul>
 *   <li>an OPEN dataset contains only OPEN fields (DOMAIN rule 2);</li>
 *   <li>a RESTRICTED or FORBIDDEN class, of the dataset or of a field, cites its legal basis;</li>
 *   <li>every data element named exists and fits the field's type (rule 9);</li>
 *   <li>a RESTRICTED or FORBIDDEN field is masked by default (its default masking is not {@code none}).</li>
 * </ul>
 */
public final class DatasetRules {

    public static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    public static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9-]{1,63}");

    private DatasetRules() {
    }

    /** Data elements a draft names. */
    public static Set<String> dataElements(List<FieldSpec> fields) {
        Set<String> codes = new LinkedHashSet<>();
        for (FieldSpec f : fields) {
            if (f.dataElement() != null) {
                codes.add(f.dataElement());
            }
        }
        return codes;
    }

    /**
     * Checks a draft and returns it normalised: blank optional texts become null, default masking defaults
     * (none for OPEN fields, redact otherwise) and is rewritten in canonical compact form.
     */
    public static Draft check(Draft draft, Map<String, DataElement> elements, RuleViolation.Context context) {
        List<Problem.Violation> malformed = new ArrayList<>();
        List<Problem.Violation> rules = new ArrayList<>();
        Set<String> kinds = new LinkedHashSet<>();

        if (!CATEGORY.matcher(draft.category()).matches()) {
            malformed.add(new Problem.Violation("category", "lower-case letters, digits and '-', 2 to 64 characters, e.g. population"));
        }
        Set<String> keywords = new HashSet<>();
        for (int i = 0; i < draft.keywords().size(); i++) {
            if (!keywords.add(draft.keywords().get(i).strip().toLowerCase(Locale.ROOT))) {
                malformed.add(new Problem.Violation("keywords[" + i + "]", "duplicate keyword"));
            }
        }
        String endpoint = blankToNull(draft.distributionEndpoint());
        if (draft.distributionMode() == DistributionMode.PROXIED) {
            if (endpoint == null) {
                malformed.add(new Problem.Violation("distribution.endpoint", "a PROXIED dataset names the provider's endpoint URL"));
            } else if (!isHttpUrl(endpoint)) {
                malformed.add(new Problem.Violation("distribution.endpoint", "must be an absolute http(s) URL"));
            }
        } else if (endpoint != null) {
            malformed.add(new Problem.Violation("distribution.endpoint", "a HOSTED dataset has no endpoint"));
        }

        List<FieldSpec> fields = new ArrayList<>(draft.fields().size());
        Set<String> names = new HashSet<>();
        boolean anyKey = false;
        boolean anyRestricted = draft.classification() != SharingClass.OPEN;
        for (int i = 0; i < draft.fields().size(); i++) {
            FieldSpec f = draft.fields().get(i);
            String at = "fields[" + i + "]";
            if (!FIELD_NAME.matcher(f.name()).matches()) {
                malformed.add(new Problem.Violation(at + ".name", "an identifier: lower-case letters, digits and '_', starting with a letter, at most 63 characters"));
            } else if (!names.add(f.name())) {
                malformed.add(new Problem.Violation(at + ".name", "duplicate field name " + f.name()));
            }
            if (f.key()) {
                anyKey = true;
                if (!f.required()) {
                    malformed.add(new Problem.Violation(at + ".required", "a key field must be required"));
                }
            }
            String masking = f.defaultMasking() == null || f.defaultMasking().isBlank()
                    ? (f.fieldClass() == SharingClass.OPEN ? "none" : "redact") : f.defaultMasking();
            MaskingRule rule = null;
            try {
                rule = MaskingNames.parse(masking);
                masking = rule.toText();
            } catch (MaskingRuleSyntaxException e) {
                malformed.add(new Problem.Violation(at + ".defaultMasking", e.getMessage()));
            }
            if (f.fieldClass() != SharingClass.OPEN) {
                anyRestricted = true;
                if (draft.classification() == SharingClass.OPEN) {
                    kinds.add("open-dataset-restricted-field");
                    rules.add(new Problem.Violation(at + ".fieldClass", "an OPEN dataset may contain only OPEN fields; this field is " + f.fieldClass()));
                }
                if (rule != null && rule.strategy() == MaskingStrategy.NONE) {
                    kinds.add("masking-required");
                    rules.add(new Problem.Violation(at + ".defaultMasking", "a " + f.fieldClass() + " field is masked by default; choose a rule other than none"));
                }
            }
            if (f.dataElement() != null) {
                DataElement element = elements.get(f.dataElement());
                if (element == null) {
                    kinds.add("unknown-data-element");
                    rules.add(new Problem.Violation(at + ".dataElement", "no data element " + f.dataElement() + " in the catalog"));
                } else if (!f.type().accepts(element.type)) {
                    kinds.add("data-element-mismatch");
                    rules.add(new Problem.Violation(at + ".type", "a " + f.type() + " field cannot map to " + element.code + ", a " + element.type + " element"));
                }
            }
            fields.add(new FieldSpec(f.name(), f.titleZh().strip(), f.titleEn().strip(), f.type(), f.dataElement(), f.fieldClass(), masking, f.key(), f.required()));
        }
        if (!anyKey && !draft.fields().isEmpty()) {
            malformed.add(new Problem.Violation("fields", "at least one field is a key (it identifies a record, e.g. for corrections)"));
        }
        if (!malformed.isEmpty()) {
            throw ProblemException.badRequest("The dataset has invalid values", malformed);
        }
        String legalBasis = blankToNull(draft.legalBasis());
        if (anyRestricted && legalBasis == null) {
            kinds.add("legal-basis-required");
            rules.add(new Problem.Violation("legalBasis", "a RESTRICTED or FORBIDDEN dataset or field must cite its legal basis"));
        }
        if (!rules.isEmpty()) {
            String slug = kinds.size() == 1 ? kinds.iterator().next() : "catalog-rules";
            String title = switch (slug) {
                case "open-dataset-restricted-field" -> "OPEN dataset with a restricted field";
                case "legal-basis-required" -> "Legal basis required";
                case "unknown-data-element" -> "Unknown data element";
                case "data-element-mismatch" -> "Data element does not fit the field";
                case "masking-required" -> "Masking required";
                default -> "Catalog rules violated";
            };
            throw context.fields(fields.stream().map(FieldSpec::name).toList())
                    .unprocessable(slug, title, rules.size() + " sharing rule(s) violated: " + rules.get(0).message(), rules);
        }
        return new Draft(draft.code(), draft.ownerDepartment(), draft.titleZh().strip(), draft.titleEn().strip(),
                draft.description() == null ? "" : draft.description().strip(), draft.keywords().stream().map(String::strip).toList(),
                draft.category(), draft.updateFrequency(), legalBasis, draft.classification(), draft.distributionMode(), endpoint,
                blankToNull(draft.sharingConditions()), draft.openAttribute() == null ? OpenAttribute.NOT_OPEN : draft.openAttribute(),
                List.copyOf(fields));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI uri = URI.create(s);
            return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
