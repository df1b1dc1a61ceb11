package org.govdx.catalog.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.catalog.domain.QualityMeasurement;
import org.govdx.catalog.repository.CorrectionRepository;
import org.govdx.catalog.repository.DatasetRepository;
import org.govdx.catalog.repository.DatasetVersionRepository;
import org.govdx.catalog.repository.QualityRepository;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.identity.Roles;
import org.govdx.common.outbox.Outbox;
import org.govdx.common.problem.ProblemException;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Quality figures per dataset version, measured by the exchange service (DOMAIN rule 10), with their history. */
@ApplicationScoped
public class QualityService {

    @Inject
    DatasetRepository datasets;

    @Inject
    DatasetVersionRepository versions;

    @Inject
    QualityRepository quality;

    @Inject
    CorrectionRepository corrections;

    @Inject
    DatasetService datasetService;

    @Inject
    Outbox outbox;

    @Inject
    AuditEvents events;

    /** The figures as the exchange service measured them. */
    public record Measured(double completeness, double validity, double uniqueness, long rowCount, OffsetDateTime measuredAt,
                           OffsetDateTime lastUploadAt) {
    }

    /** Records a measurement (idempotent per measuredAt: the same instant again replaces it). */
    @RecordsRefusals
    @WithTransaction
    public Uni<QualityFigures> record(Caller caller, UUID id, int version, Measured m) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (m.measuredAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
            return Uni.createFrom().failure(ProblemException.invalidField("measuredAt", "lies in the future"));
        }
        return datasets.findById(id).flatMap(d -> {
            if (d == null) {
                throw ProblemException.notFound("No dataset " + id);
            }
            RuleViolation.Context context = RuleViolation.of(caller, "dataset.quality-measured", d.ownerDepartment).dataset(id, version);
            if (!caller.hasRole(Roles.SERVICE)) {
                throw context.forbidden("service-only", "Measured by the exchange service",
                        "Quality figures are measured and reported by the exchange service only");
            }
            return versions.find(id, version).flatMap(v -> {
                if (v == null) {
                    throw ProblemException.notFound("No version " + version + " of dataset " + id);
                }
                if (!v.status.isPublic()) {
                    throw context.conflict("not-published", "Version not published",
                            "Version " + version + " is " + v.status + "; quality is measured on published versions");
                }
                return quality.at(id, version, m.measuredAt()).flatMap(existing -> {
                    QualityMeasurement row = existing != null ? existing : new QualityMeasurement();
                    if (existing == null) {
                        row.id = UUID.randomUUID();
                        row.datasetId = id;
                        row.version = version;
                        row.measuredAt = m.measuredAt();
                    }
                    row.completeness = m.completeness();
                    row.validity = m.validity();
                    row.uniqueness = m.uniqueness();
                    row.rowCount = m.rowCount();
                    row.lastUploadAt = m.lastUploadAt();
                    row.recordedAt = now;
                    row.recordedBy = caller.principal();
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("completeness", m.completeness());
                    details.put("validity", m.validity());
                    details.put("uniqueness", m.uniqueness());
                    details.put("rowCount", m.rowCount());
                    details.put("measuredAt", m.measuredAt().toString());
                    return quality.persist(row)
                            .flatMap(x -> outbox.record(events.of(caller, "dataset.quality-measured", d.ownerDepartment)
                                    .dataset(id.toString(), version).details(details).build()))
                            .flatMap(x -> corrections.counts(id, LocalDate.now(DatasetService.CHINA)))
                            .map(counts -> QualityFigures.of(version, v.updateFrequency, row, counts, now));
                });
            });
        });
    }

    /** The latest figures of a version (null when neither measured nor corrected). */
    @WithSession
    public Uni<QualityFigures> latest(Caller caller, UUID id, int version) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return datasetService.version(caller, id, version).flatMap(read -> quality.latest(id, version)
                .flatMap(m -> corrections.counts(id, LocalDate.now(DatasetService.CHINA))
                        .map(counts -> QualityFigures.of(version, read.version().updateFrequency, m, counts, now))));
    }

    /** Earlier measurements of a version, newest first. */
    @WithSession
    public Uni<Page<QualityMeasurement>> history(Caller caller, UUID id, int version, String cursor, int limit) {
        Map<String, Object> after = Cursors.decode(cursor);
        OffsetDateTime before = after == null ? null : parseInstant(Cursors.string(after, "at"));
        return datasetService.version(caller, id, version).flatMap(read -> quality.history(id, version, before, limit + 1)).map(list -> {
            boolean more = list.size() > limit;
            List<QualityMeasurement> items = more ? list.subList(0, limit) : list;
            return new Page<>(items, more ? Cursors.encode(Map.of("at", items.get(items.size() - 1).measuredAt.toString())) : null);
        });
    }

    private static OffsetDateTime parseInstant(String s) {
        try {
            return OffsetDateTime.parse(s);
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("cursor", "not a cursor this service issued");
        }
    }
}
