package org.govdx.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.audit.repository.SummaryRepository;
import org.govdx.audit.repository.SummaryRepository.DepartmentUse;
import org.govdx.audit.repository.SummaryRepository.Publication;
import org.govdx.common.identity.Caller;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sharing credits (DOMAIN rule 13, Zhejiang's "data sharing points"): a league table of what each department
 * published and what others used of it, over a period, from the log alone.
 * <ul>
 *   <li>published: each dataset with an allowed {@code dataset.published} event in the period counts once, weighted by
 *       its quality from the event's {@code details.quality} (a number in 0..1 or 0..100, or an object of such
 *       numbers, e.g. completeness/validity/uniqueness/timeliness, averaged); 1 when absent;</li>
 *   <li>uses by others: allowed {@code data.*} events on its data by people of other departments;</li>
 *   <li>uses of others: the same, the other way round (shown, not scored).</li>
 * </ul>
 * {@code credits = 10 × quality-weighted publications + uses by others}. Auditors and the platform admin see every
 * line, a CDO its own department's line (with its rank).
 */
@ApplicationScoped
public class CreditService {

    public static final String FORMULA = "credits = 10 × quality-weighted datasets published + allowed uses of its data by other departments";
    static final double PUBLICATION_WEIGHT = 10.0;

    @Inject
    SummaryRepository summaries;

    @Inject
    AuditAccess access;

    @Inject
    ObjectMapper mapper;

    public record CreditLine(int rank, String department, int datasetsPublished, double qualityWeightedPublications, long usesByOthers,
                             long datasetsUsedByOthers, long consumerDepartments, long usesOfOthers, long providerDepartments,
                             double credits) {
    }

    public record League(OffsetDateTime from, OffsetDateTime to, String formula, List<CreditLine> departments) {
    }

    public Uni<League> league(Caller caller, SummaryService.Period period) {
        return access.query(caller, "credits", period.filters()).flatMap(grant ->
                summaries.publications(period.from(), period.to()).flatMap(publications ->
                        summaries.crossDepartmentUse(period.from(), period.to()).map(uses -> {
                            List<CreditLine> lines = table(publications, uses);
                            if (!grant.all()) {
                                lines = lines.stream().filter(line -> line.department().equals(grant.department())).toList();
                            }
                            return new League(period.from(), period.to(), FORMULA, lines);
                        })));
    }

    private List<CreditLine> table(List<Publication> publications, List<DepartmentUse> uses) {
        Map<String, double[]> published = new TreeMap<>(); // department -> {count, weighted}
        for (Publication p : publications) {
            double[] sums = published.computeIfAbsent(p.department(), d -> new double[2]);
            sums[0]++;
            sums[1] += qualityWeight(p.quality());
        }
        Map<String, DepartmentUse> used = new TreeMap<>();
        uses.forEach(u -> used.put(u.department(), u));
        TreeMap<String, Boolean> departments = new TreeMap<>();
        published.keySet().forEach(d -> departments.put(d, true));
        used.keySet().forEach(d -> departments.put(d, true));
        List<CreditLine> lines = new ArrayList<>();
        for (String department : departments.keySet()) {
            double[] p = published.getOrDefault(department, new double[2]);
            DepartmentUse u = used.getOrDefault(department, new DepartmentUse(department, 0, 0, 0, 0, 0));
            double weighted = round(p[1]);
            lines.add(new CreditLine(0, department, (int) p[0], weighted, u.usesByOthers(), u.datasetsUsedByOthers(), u.consumerDepartments(),
                    u.usesOfOthers(), u.providerDepartments(), round(PUBLICATION_WEIGHT * p[1] + u.usesByOthers())));
        }
        lines.sort(Comparator.comparingDouble(CreditLine::credits).reversed().thenComparing(CreditLine::department));
        List<CreditLine> ranked = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            CreditLine l = lines.get(i);
            int rank = i > 0 && ranked.get(i - 1).credits() == l.credits() ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new CreditLine(rank, l.department(), l.datasetsPublished(), l.qualityWeightedPublications(), l.usesByOthers(),
                    l.datasetsUsedByOthers(), l.consumerDepartments(), l.usesOfOthers(), l.providerDepartments(), l.credits()));
        }
        return ranked;
    }

    /** The weight of a publication from its details.quality JSON text: 1 when absent or not understood. */
    double qualityWeight(String qualityJson) {
        if (qualityJson == null) {
            return 1.0;
        }
        try {
            JsonNode quality = mapper.readTree(qualityJson);
            if (quality.isNumber()) {
                return normalise(quality.doubleValue());
            }
            if (quality.isObject()) {
                double sum = 0;
                int n = 0;
                for (Iterator<JsonNode> it = quality.elements(); it.hasNext(); ) {
                    JsonNode value = it.next();
                    if (value.isNumber()) {
                        sum += normalise(value.doubleValue());
                        n++;
                    }
                }
                return n == 0 ? 1.0 : sum / n;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return 1.0;
        }
        return 1.0;
    }

    private static double normalise(double score) {
        double fraction = score > 1 ? score / 100.0 : score;
        return Math.max(0, Math.min(1, fraction));
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
