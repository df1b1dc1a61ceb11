package org.govdx.catalog.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.catalog.domain.Correction;
import org.govdx.catalog.domain.CorrectionStatus;
import org.govdx.catalog.domain.FieldSpec;
import org.govdx.catalog.repository.CorrectionRepository;
import org.govdx.catalog.repository.DatasetRepository;
import org.govdx.catalog.repository.DatasetVersionRepository;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.outbox.Outbox;
import org.govdx.common.problem.Problem;
import org.govdx.common.problem.ProblemException;
import org.govdx.common.web.ETags;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Corrections (DOMAIN rule 12): a department that uses a dataset reports a value it believes wrong, with
 * evidence; the provider answers within five working days (the exchange service's calendar) by accepting
 * (and correcting) or rejecting with a reason. Both sides see the report and its outcome; the values in a
 * report never enter an audit event.
 */
@ApplicationScoped
public class CorrectionService {

    @Inject
    CorrectionRepository corrections;

    @Inject
    DatasetRepository datasets;

    @Inject
    DatasetVersionRepository versions;

    @Inject
    ExchangeClient exchange;

    @Inject
    Outbox outbox;

    @Inject
    AuditEvents events;

    @ConfigProperty(name = "govdx.catalog.correction-working-days", defaultValue = "5")
    int workingDays;

    public record Report(Map<String, String> recordKey, String field, String proposedValue, String evidence) {
    }

    @RecordsRefusals
    @WithTransaction
    public Uni<Correction> report(Caller caller, UUID datasetId, Report report) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        LocalDate today = LocalDate.now(DatasetService.CHINA);
        return datasets.findById(datasetId).flatMap(d -> {
            if (d == null || (d.currentVersion == null && !Access.seesDrafts(caller, d.ownerDepartment))) {
                throw ProblemException.notFound("No dataset " + datasetId);
            }
            RuleViolation.Context context = RuleViolation.of(caller, "correction.reported", d.ownerDepartment)
                    .dataset(datasetId, d.currentVersion).fields(List.of(report.field()));
            if (!Access.isDepartmentRole(caller)) {
                throw context.forbidden("role-required", "Steward or CDO required", "A department's steward or CDO reports corrections");
            }
            if (caller.belongsTo(d.ownerDepartment)) {
                throw context.forbidden("own-dataset", "Your own dataset", "The provider corrects its own data directly; reports come from other departments");
            }
            if (d.currentVersion == null || d.isRetired()) {
                throw context.conflict("not-published", "Not published", "Dataset " + d.code + " is not published");
            }
            return versions.find(datasetId, d.currentVersion).flatMap(v -> {
                List<Problem.Violation> problems = new ArrayList<>();
                Set<String> fieldNames = v.fields.stream().map(FieldSpec::name).collect(Collectors.toSet());
                Set<String> keys = v.fields.stream().filter(FieldSpec::key).map(FieldSpec::name).collect(Collectors.toSet());
                if (!fieldNames.contains(report.field())) {
                    problems.add(new Problem.Violation("field", "dataset " + d.code + " version " + v.version + " has no field " + report.field()));
                }
                if (!report.recordKey().keySet().equals(keys)) {
                    problems.add(new Problem.Violation("recordKey", "name exactly the key fields " + keys.stream().sorted().toList()));
                }
                if (!problems.isEmpty()) {
                    throw context.unprocessable("unknown-record-or-field", "Record or field unknown",
                            "The report does not name a field and record key of the dataset", problems);
                }
                return exchange.due(today, workingDays).flatMap(due -> {
                    Correction c = new Correction();
                    c.id = UUID.randomUUID();
                    c.datasetId = datasetId;
                    c.datasetCode = d.code;
                    c.datasetVersion = v.version;
                    c.ownerDepartment = d.ownerDepartment;
                    c.reporterDepartment = caller.department();
                    c.recordKey = new LinkedHashMap<>(report.recordKey());
                    c.field = report.field();
                    c.proposedValue = report.proposedValue();
                    c.evidence = report.evidence().strip();
                    c.status = CorrectionStatus.OPEN;
                    c.reportedBy = caller.principal();
                    c.reportedAt = now;
                    c.dueDate = due;
                    return corrections.persist(c).flatMap(x -> outbox.record(events.of(caller, "correction.reported", d.ownerDepartment)
                            .dataset(datasetId.toString(), v.version).fields(List.of(c.field))
                            .details(Map.of("correctionId", c.id.toString(), "reporterDepartment", c.reporterDepartment, "dueDate", due.toString()))
                            .build())).replaceWith(c);
                });
            });
        });
    }

    @RecordsRefusals
    @WithTransaction
    public Uni<Correction> answer(Caller caller, UUID id, String ifMatch, CorrectionStatus outcome, String reason) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return visible(caller, id).flatMap(c -> {
            RuleViolation.Context context = RuleViolation.of(caller, "correction.answered", c.ownerDepartment)
                    .dataset(c.datasetId, c.datasetVersion).fields(List.of(c.field));
            if (!Access.isMemberOf(caller, c.ownerDepartment)) {
                throw context.forbidden("provider-only", "Provider answers", "Only a steward or CDO of " + c.ownerDepartment + " answers this report");
            }
            Integer expected = ETags.parseVersion(ifMatch);
            if (expected != null && expected != c.lockVersion) {
                throw ProblemException.preconditionFailed("The report changed since you read it");
            }
            if (c.status != CorrectionStatus.OPEN) {
                throw context.conflict("already-answered", "Already answered", "The report was answered " + c.answeredAt + " (" + c.status + ")");
            }
            if (outcome == CorrectionStatus.OPEN) {
                throw ProblemException.invalidField("outcome", "ACCEPTED or REJECTED");
            }
            if (outcome == CorrectionStatus.REJECTED && (reason == null || reason.isBlank())) {
                throw ProblemException.invalidField("reason", "a rejection gives its reason");
            }
            c.status = outcome;
            c.answer = reason == null || reason.isBlank() ? null : reason.strip();
            c.answeredBy = caller.principal();
            c.answeredAt = now;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("correctionId", c.id.toString());
            details.put("outcome", outcome.name());
            details.put("onTime", !LocalDate.now(DatasetService.CHINA).isAfter(c.dueDate));
            return corrections.persistAndFlush(c).flatMap(x -> outbox.record(events.of(caller, "correction.answered", c.ownerDepartment)
                    .dataset(c.datasetId.toString(), c.datasetVersion).fields(List.of(c.field)).reason(c.answer).details(details).build()))
                    .replaceWith(c);
        });
    }

    @WithSession
    public Uni<Correction> get(Caller caller, UUID id) {
        return visible(caller, id);
    }

    @WithSession
    public Uni<Page<Correction>> list(Caller caller, UUID datasetId, CorrectionStatus status, String cursor, int limit) {
        Map<String, Object> after = Cursors.decode(cursor);
        OffsetDateTime at = null;
        UUID afterId = null;
        if (after != null) {
            try {
                at = OffsetDateTime.parse(Cursors.string(after, "at"));
                afterId = UUID.fromString(Cursors.string(after, "id"));
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("cursor", "not a cursor this service issued");
            }
        }
        String department = Access.readsEverything(caller) ? null : caller.department();
        if (department == null && !Access.readsEverything(caller)) {
            return Uni.createFrom().item(new Page<>(List.of(), null));
        }
        return corrections.page(department, datasetId, status, at, afterId, limit + 1).map(list -> {
            boolean more = list.size() > limit;
            List<Correction> items = more ? list.subList(0, limit) : list;
            Correction last = items.isEmpty() ? null : items.get(items.size() - 1);
            return new Page<>(items, more ? Cursors.encode(Map.of("at", last.reportedAt.toString(), "id", last.id.toString())) : null);
        });
    }

    private Uni<Correction> visible(Caller caller, UUID id) {
        return corrections.findById(id).map(c -> {
            if (c == null || !(Access.readsEverything(caller) || caller.belongsTo(c.ownerDepartment) || caller.belongsTo(c.reporterDepartment))) {
                throw ProblemException.notFound("No correction report " + id);
            }
            return c;
        });
    }
}
