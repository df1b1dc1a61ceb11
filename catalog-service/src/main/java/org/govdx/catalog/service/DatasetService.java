package org.govdx.catalog.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.catalog.domain.DataElement;
import org.govdx.catalog.domain.Dataset;
import org.govdx.catalog.domain.DatasetField;
import org.govdx.catalog.domain.DatasetVersion;
import org.govdx.catalog.domain.FieldSpec;
import org.govdx.catalog.domain.Notice;
import org.govdx.catalog.domain.NoticeKind;
import org.govdx.catalog.domain.NoticeRecipient;
import org.govdx.catalog.domain.Overlap;
import org.govdx.catalog.domain.VersionChanges;
import org.govdx.catalog.domain.VersionStatus;
import org.govdx.catalog.repository.CatalogQueries;
import org.govdx.catalog.repository.CorrectionRepository;
import org.govdx.catalog.repository.DataElementRepository;
import org.govdx.catalog.repository.DatasetFieldRepository;
import org.govdx.catalog.repository.DatasetRepository;
import org.govdx.catalog.repository.DatasetVersionRepository;
import org.govdx.catalog.repository.DepartmentRepository;
import org.govdx.catalog.repository.NoticeRecipientRepository;
import org.govdx.catalog.repository.NoticeRepository;
import org.govdx.catalog.repository.QualityRepository;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.identity.Roles;
import org.govdx.common.json.CanonicalJson;
import org.govdx.common.outbox.Outbox;
import org.govdx.common.problem.Problem;
import org.govdx.common.problem.ProblemException;
import org.govdx.common.web.ETags;
import org.govdx.rules.classification.SharingClass;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Datasets and their lifecycle (DOMAIN rules 1, 2, 7, 9, 11): drafting, submission with the overlap check,
 * publication by a second person (a CDO of the owner who did not submit), rejection, new versions, and
 * retirement; retirements and breaking versions are announced to consumer departments before they take effect.
 */
@ApplicationScoped
public class DatasetService {

    private static final Logger LOG = Logger.getLogger(DatasetService.class);
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Trigram similarity from which two fields count as the same datum in the overlap check. */
    static final double OVERLAP_THRESHOLD = 0.5;
    static final int OVERLAP_CANDIDATES = 10;

    @Inject
    DatasetRepository datasets;

    @Inject
    DatasetVersionRepository versions;

    @Inject
    DatasetFieldRepository fieldRows;

    @Inject
    DataElementRepository elements;

    @Inject
    DepartmentRepository departments;

    @Inject
    NoticeRepository notices;

    @Inject
    NoticeRecipientRepository recipients;

    @Inject
    QualityRepository quality;

    @Inject
    CorrectionRepository corrections;

    @Inject
    CatalogQueries queries;

    @Inject
    ExchangeClient exchange;

    @Inject
    Outbox outbox;

    @Inject
    AuditEvents events;

    @ConfigProperty(name = "govdx.catalog.notice-period", defaultValue = "P7D")
    Duration noticePeriod;

    // ================================================================== reads

    @WithSession
    public Uni<DatasetView> get(Caller caller, UUID id) {
        return datasets.findById(id).flatMap(d -> view(caller, d, id.toString()));
    }

    @WithSession
    public Uni<DatasetView> getByCode(Caller caller, String code) {
        return datasets.findByCode(code).flatMap(d -> view(caller, d, code));
    }

    @WithSession
    public Uni<VersionRead> version(Caller caller, UUID id, int version) {
        return visible(caller, id).flatMap(d -> versions.find(id, version).map(v -> {
            if (v == null || !(Access.seesDrafts(caller, d.ownerDepartment) || v.status.isPublic())) {
                throw ProblemException.notFound("No version " + version + " of dataset " + id);
            }
            return new VersionRead(d, v);
        }));
    }

    /** A version with its dataset (whose lock version is the ETag). */
    public record VersionRead(Dataset dataset, DatasetVersion version) {
    }

    @WithSession
    public Uni<Page<DatasetVersion>> versions(Caller caller, UUID id, String cursor, int limit) {
        Map<String, Object> after = Cursors.decode(cursor);
        int afterVersion = after == null ? 0 : Integer.parseInt(Cursors.string(after, "v"));
        return visible(caller, id).flatMap(d -> versions.page(id, afterVersion,
                        Access.seesDrafts(caller, d.ownerDepartment) ? null
                                : EnumSet.of(VersionStatus.SCHEDULED, VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED, VersionStatus.RETIRED),
                        limit + 1))
                .map(list -> {
                    boolean more = list.size() > limit;
                    List<DatasetVersion> items = more ? list.subList(0, limit) : list;
                    return new Page<>(items, more ? Cursors.encode(Map.of("v", Integer.toString(items.get(items.size() - 1).version))) : null);
                });
    }

    /** The dataset if the caller may see it (published, or the caller sees drafts), else 404. */
    Uni<Dataset> visible(Caller caller, UUID id) {
        return datasets.findById(id).map(d -> {
            if (d == null || (d.currentVersion == null && !Access.seesDrafts(caller, d.ownerDepartment))) {
                throw ProblemException.notFound("No dataset " + id);
            }
            return d;
        });
    }

    Uni<DatasetView> view(Caller caller, Dataset d, String asked) {
        if (d == null || (d.currentVersion == null && !Access.seesDrafts(caller, d.ownerDepartment))) {
            return Uni.createFrom().failure(ProblemException.notFound("No dataset " + asked));
        }
        boolean drafts = Access.seesDrafts(caller, d.ownerDepartment);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return optionalVersion(d.id, d.currentVersion)
                .flatMap(current -> versions.find(d.id, d.latestVersion)
                        .flatMap(latest -> optionalVersion(d.id, d.pendingVersion)
                                .flatMap(pending -> departments.findById(d.ownerDepartment)
                                        .flatMap(owner -> {
                                            DatasetVersion shown = current != null ? current : latest;
                                            return quality.latest(d.id, shown.version)
                                                    .flatMap(m -> corrections.counts(d.id, LocalDate.now(CHINA))
                                                            .map(counts -> new DatasetView(d, shown, drafts ? latest : null, pending, owner,
                                                                    QualityFigures.of(shown.version, shown.updateFrequency, m, counts, now), drafts)));
                                        }))));
    }

    private Uni<DatasetVersion> optionalVersion(UUID id, Integer version) {
        return version == null ? Uni.createFrom().nullItem() : versions.find(id, version);
    }

    // ================================================================== drafting

    @RecordsRefusals
    @WithTransaction
    public Uni<DatasetView> create(Caller caller, Draft input) {
        RuleViolation.Context context = RuleViolation.of(caller, "dataset.drafted", input.ownerDepartment());
        if (!Access.isDepartmentRole(caller)) {
            return Uni.createFrom().failure(context.forbidden("role-required", "Steward or CDO required",
                    "Only a steward or CDO of the owner department drafts its datasets"));
        }
        if (!caller.belongsTo(input.ownerDepartment())) {
            return Uni.createFrom().failure(context.forbidden("not-owner", "Not your department",
                    "You draft datasets of your own department (" + caller.department() + ") only"));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return departments.findById(input.ownerDepartment())
                .onItem().ifNull().failWith(() -> context.unprocessable("unknown-department", "Department not registered",
                        "Department " + input.ownerDepartment() + " is not registered in the catalog",
                        List.of(new Problem.Violation("ownerDepartment", "not registered"))))
                .flatMap(owner -> datasets.findByCode(input.code()))
                .flatMap(existing -> {
                    if (existing != null) {
                        throw new ProblemException(409, "dataset-code-taken", "Dataset code taken",
                                "A dataset with code " + input.code() + " already exists");
                    }
                    return elementsOf(input.fields());
                })
                .flatMap(known -> {
                    Draft draft = DatasetRules.check(input, known, context);
                    Dataset d = new Dataset();
                    d.id = UUID.randomUUID();
                    d.code = draft.code();
                    d.ownerDepartment = draft.ownerDepartment();
                    d.latestVersion = 1;
                    d.createdAt = now;
                    d.updatedAt = now;
                    DatasetVersion v = new DatasetVersion();
                    v.id = UUID.randomUUID();
                    v.datasetId = d.id;
                    v.version = 1;
                    v.code = d.code;
                    v.ownerDepartment = d.ownerDepartment;
                    v.status = VersionStatus.DRAFT;
                    v.latest = true;
                    v.createdBy = caller.principal();
                    v.createdAt = now;
                    apply(v, draft, now);
                    return datasets.persist(d)
                            .flatMap(x -> versions.persist(v))
                            .flatMap(x -> writeFieldRows(v))
                            .flatMap(x -> outbox.record(events.of(caller, "dataset.drafted", d.ownerDepartment).dataset(d.id.toString(), 1)
                                    .fields(names(v.fields)).details(Map.of("code", d.code, "classification", v.classification.name(),
                                            "schemaHash", v.schemaHash)).build()))
                            .flatMap(x -> view(caller, d, d.code));
                })
                .onFailure(DatasetService::isUniqueViolation).transform(e -> new ProblemException(409, "dataset-code-taken",
                        "Dataset code taken", "A dataset with code " + input.code() + " already exists"));
    }

    @RecordsRefusals
    @WithTransaction
    public Uni<DatasetView> updateDraft(Caller caller, UUID id, String ifMatch, Draft input) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return writable(caller, id, "dataset.draft-updated", ifMatch, true).flatMap(d -> {
            RuleViolation.Context context = RuleViolation.of(caller, "dataset.draft-updated", d.ownerDepartment).dataset(id, d.latestVersion);
            if (input.code() != null && !input.code().equals(d.code)) {
                throw ProblemException.invalidField("code", "a dataset's code cannot change (it is " + d.code + ")");
            }
            if (input.ownerDepartment() != null && !input.ownerDepartment().equals(d.ownerDepartment)) {
                throw ProblemException.invalidField("ownerDepartment", "a dataset's owner cannot change (it is " + d.ownerDepartment + ")");
            }
            return versions.find(id, d.latestVersion).flatMap(v -> {
                if (!v.status.isEditable()) {
                    throw context.conflict("not-editable", "Version not editable",
                            "Version " + v.version + " is " + v.status + "; only a DRAFT or REJECTED version can be changed"
                                    + (v.status.isPublic() ? " (start a new version to change a published dataset)" : ""));
                }
                Draft withIdentity = new Draft(d.code, d.ownerDepartment, input.titleZh(), input.titleEn(), input.description(), input.keywords(),
                        input.category(), input.updateFrequency(), input.legalBasis(), input.classification(), input.distributionMode(),
                        input.distributionEndpoint(), input.sharingConditions(), input.openAttribute(), input.fields());
                return elementsOf(input.fields()).flatMap(known -> {
                    Draft draft = DatasetRules.check(withIdentity, known, context);
                    v.moveTo(VersionStatus.DRAFT);
                    apply(v, draft, now);
                    touch(d, now);
                    return fieldRows.deleteVersion(id, v.version)
                            .flatMap(x -> writeFieldRows(v))
                            .flatMap(x -> outbox.record(events.of(caller, "dataset.draft-updated", d.ownerDepartment).dataset(id.toString(), v.version)
                                    .fields(names(v.fields)).details(Map.of("classification", v.classification.name(), "schemaHash", v.schemaHash)).build()))
                            .flatMap(x -> view(caller, d, d.code));
                });
            });
        });
    }

    /** Copies draft content into a version, with its derived columns (hash, search text, counts). */
    static void apply(DatasetVersion v, Draft draft, OffsetDateTime now) {
        v.titleZh = draft.titleZh();
        v.titleEn = draft.titleEn();
        v.description = draft.description();
        v.keywords = draft.keywords();
        v.keywordsText = SearchText.keywords(draft.keywords());
        v.category = draft.category();
        v.updateFrequency = draft.updateFrequency();
        v.legalBasis = draft.legalBasis();
        v.classification = draft.classification();
        v.sharingConditions = draft.sharingConditions();
        v.openAttribute = draft.openAttribute();
        v.distributionMode = draft.distributionMode();
        v.distributionEndpoint = draft.distributionEndpoint();
        v.fields = draft.fields();
        v.fieldCount = draft.fields().size();
        v.schemaHash = schemaHash(draft.fields());
        v.updatedAt = now;
        v.searchSource = SearchText.source(v);
    }

    /** Hex SHA-256 of the RFC 8785 canonical JSON of the fields array, as the version representation shows it. */
    public static String schemaHash(List<FieldSpec> fields) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CanonicalJson.bytes(fields)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<Void> writeFieldRows(DatasetVersion v) {
        List<DatasetField> rows = new ArrayList<>(v.fields.size());
        for (int i = 0; i < v.fields.size(); i++) {
            FieldSpec f = v.fields.get(i);
            DatasetField row = new DatasetField();
            row.datasetId = v.datasetId;
            row.version = v.version;
            row.position = i;
            row.name = f.name();
            row.titleZh = f.titleZh();
            row.titleEn = f.titleEn();
            row.type = f.type().name();
            row.dataElement = f.dataElement();
            row.fieldClass = f.fieldClass().name();
            rows.add(row);
        }
        return Panache.flush().flatMap(x -> fieldRows.persist(rows));
    }

    private Uni<Map<String, DataElement>> elementsOf(List<FieldSpec> fields) {
        return elements.byCodes(DatasetRules.dataElements(fields))
                .map(list -> list.stream().collect(Collectors.toMap(e -> e.code, Function.identity())));
    }

    // ================================================================== lifecycle

    @RecordsRefusals
    @WithTransaction
    public Uni<DatasetView> submit(Caller caller, UUID id, String ifMatch) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return writable(caller, id, "dataset.submitted", ifMatch, false).flatMap(d -> versions.find(id, d.latestVersion).flatMap(v -> {
            RuleViolation.Context context = RuleViolation.of(caller, "dataset.submitted", d.ownerDepartment).dataset(id, v.version);
            if (d.isRetired() || d.isRetiring()) {
                throw context.conflict("dataset-retired", "Dataset retired", "Dataset " + d.code + " is retired or being retired");
            }
            if (!v.status.canMoveTo(VersionStatus.SUBMITTED)) {
                throw context.conflict("not-a-draft", "Nothing to submit",
                        "Version " + v.version + " is " + v.status + "; only a DRAFT or REJECTED version is submitted");
            }
            return elementsOf(v.fields).flatMap(known -> {
                DatasetRules.check(toDraft(v), known, context);
                return overlap(d.id, v.fields);
            }).flatMap(overlap -> {
                v.moveTo(VersionStatus.SUBMITTED);
                v.submittedBy = caller.principal();
                v.submittedBySubject = caller.subject();
                v.submittedAt = now;
                v.overlap = overlap;
                v.updatedAt = now;
                touch(d, now);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("schemaHash", v.schemaHash);
                details.put("overlapCandidates", overlap.candidates().stream().map(Overlap.Candidate::code).toList());
                return outbox.record(events.of(caller, "dataset.submitted", d.ownerDepartment).dataset(id.toString(), v.version)
                                .fields(names(v.fields)).details(details).build())
                        .flatMap(x -> view(caller, d, d.code));
            });
        }));
    }

    @RecordsRefusals
    @WithTransaction
    public Uni<DatasetView> reject(Caller caller, UUID id, String ifMatch, String reason) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return approvable(caller, id, "dataset.rejected", ifMatch).flatMap(d -> versions.find(id, d.latestVersion).flatMap(v -> {
            RuleViolation.Context context = RuleViolation.of(caller, "dataset.rejected", d.ownerDepartment).dataset(id, v.version);
            if (v.status != VersionStatus.SUBMITTED) {
                throw context.conflict("not-submitted", "Nothing to reject", "Version " + v.version + " is " + v.status + ", not SUBMITTED");
            }
            v.moveTo(VersionStatus.REJECTED);
            v.rejectedBy = caller.principal();
            v.rejectedAt = now;
            v.rejectionReason = reason.strip();
            v.updatedAt = now;
            touch(d, now);
            return outbox.record(events.of(caller, "dataset.rejected", d.ownerDepartment).dataset(id.toString(), v.version)
                            .reason(v.rejectionReason).build())
                    .flatMap(x -> view(caller, d, d.code));
        }));
    }

    @RecordsRefusals
    @WithTransaction
    public Uni<DatasetView> publish(Caller caller, UUID id, String ifMatch, boolean emergency, String reason) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return approvable(caller, id, "dataset.published", ifMatch).flatMap(d -> versions.find(id, d.latestVersion).flatMap(v -> {
            RuleViolation.Context context = RuleViolation.of(caller, "dataset.published", d.ownerDepartment).dataset(id, v.version);
            if (v.status != VersionStatus.SUBMITTED) {
                throw context.conflict("not-submitted", "Nothing to publish",
                        "Version " + v.version + " is " + v.status + "; a version is submitted before it is published");
            }
            if (caller.principal().equals(v.submittedBy) || caller.subject().equals(v.submittedBySubject)) {
                throw context.forbidden("two-person-rule", "Two-person rule",
                        "You submitted version " + v.version + "; another CDO of " + d.ownerDepartment + " must publish it");
            }
            if (d.isRetired() || d.isRetiring()) {
                throw context.conflict("dataset-retired", "Dataset retired", "Dataset " + d.code + " is retired or being retired");
            }
            if (emergency && (reason == null || reason.isBlank())) {
                throw ProblemException.invalidField("reason", "an emergency publication, which takes effect at once, states its reason");
            }
            return elementsOf(v.fields)
                    .invoke(known -> DatasetRules.check(toDraft(v), known, context))
                    .flatMap(known -> optionalVersion(id, d.currentVersion))
                    .flatMap(previous -> {
                        VersionChanges changes = previous == null ? null : changes(previous, v);
                        v.changes = changes;
                        if (changes == null || !changes.breaking()) {
                            makeCurrent(d, v, previous, now);
                            v.publishedBy = caller.principal();
                            v.publishedAt = now;
                            return published(caller, d, v, null).flatMap(x -> view(caller, d, d.code));
                        }
                        return exchange.consumers(id).flatMap(consumers -> {
                            v.publishedBy = caller.principal();
                            v.publishedAt = now;
                            if (consumers.isEmpty()) {
                                makeCurrent(d, v, previous, now);
                                return published(caller, d, v, null);
                            }
                            if (emergency) {
                                makeCurrent(d, v, previous, now);
                                return issueNotice(caller, d, NoticeKind.BREAKING_VERSION, previous.version, v.version, now, true,
                                        reason.strip(), changes, consumers, now).flatMap(notice -> published(caller, d, v, notice));
                            }
                            OffsetDateTime effective = now.plus(noticePeriod);
                            v.moveTo(VersionStatus.SCHEDULED);
                            v.effectiveAt = effective;
                            v.updatedAt = now;
                            d.pendingVersion = v.version;
                            d.pendingEffectiveAt = effective;
                            touch(d, now);
                            return issueNotice(caller, d, NoticeKind.BREAKING_VERSION, previous.version, v.version, effective, false,
                                    reason == null || reason.isBlank() ? null : reason.strip(), changes, consumers, now)
                                    .flatMap(notice -> outbox.record(events.of(caller, "dataset.publication-scheduled", d.ownerDepartment)
                                            .dataset(id.toString(), v.version).fields(changedFields(changes))
                                            .details(Map.of("effectiveAt", effective.toString(), "noticeId", notice.id.toString(),
                                                    "schemaHash", v.schemaHash)).build()));
                        }).flatMap(x -> view(caller, d, d.code));
                    });
        }));
    }

    private Uni<Void> published(Caller caller, Dataset d, DatasetVersion v, Notice notice) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("classification", v.classification.name());
        details.put("schemaHash", v.schemaHash);
        if (notice != null) {
            details.put("noticeId", notice.id.toString());
            details.put("emergency", true);
        }
        return outbox.record(events.of(caller, "dataset.published", d.ownerDepartment).dataset(d.id.toString(), v.version)
                .fields(names(v.fields)).reason(notice == null ? null : notice.reason).details(details).build());
    }

    /** {@code v} becomes the current version; the previous one is superseded but stays readable. */
    private static void makeCurrent(Dataset d, DatasetVersion v, DatasetVersion previous, OffsetDateTime now) {
        if (previous != null && previous != v) {
            previous.moveTo(VersionStatus.SUPERSEDED);
            previous.supersededAt = now;
        }
        v.moveTo(VersionStatus.PUBLISHED);
        v.effectiveAt = now;
        v.updatedAt = now;
        d.currentVersion = v.version;
        d.pendingVersion = null;
        d.pendingEffectiveAt = null;
        touch(d, now);
    }

    @RecordsRefusals
    @WithTransaction
    public Uni<DatasetView> startVersion(Caller caller, UUID id, String ifMatch) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return writable(caller, id, "dataset.version-started", ifMatch, false).flatMap(d -> {
            RuleViolation.Context context = RuleViolation.of(caller, "dataset.version-started", d.ownerDepartment).dataset(id, d.latestVersion);
            if (d.isRetired() || d.isRetiring()) {
                throw context.conflict("dataset-retired", "Dataset retired", "Dataset " + d.code + " is retired or being retired");
            }
            if (d.currentVersion == null) {
                throw context.conflict("never-published", "Not published yet", "Dataset " + d.code + " was never published; change its draft instead");
            }
            if (d.latestVersion != d.currentVersion) {
                throw context.conflict("version-in-progress", "A version is in progress",
                        "Version " + d.latestVersion + " is in progress; finish or publish it first");
            }
            return versions.find(id, d.currentVersion).flatMap(current -> {
                DatasetVersion v = new DatasetVersion();
                v.id = UUID.randomUUID();
                v.datasetId = id;
                v.version = current.version + 1;
                v.code = d.code;
                v.ownerDepartment = d.ownerDepartment;
                v.status = VersionStatus.DRAFT;
                v.latest = true;
                v.createdBy = caller.principal();
                v.createdAt = now;
                apply(v, toDraft(current), now);
                current.latest = false;
                d.latestVersion = v.version;
                touch(d, now);
                return versions.persist(v)
                        .flatMap(x -> writeFieldRows(v))
                        .flatMap(x -> outbox.record(events.of(caller, "dataset.version-started", d.ownerDepartment)
                                .dataset(id.toString(), v.version).details(Map.of("from", current.version)).build()))
                        .flatMap(x -> view(caller, d, d.code));
            });
        });
    }

    @RecordsRefusals
    @WithTransaction
    public Uni<DatasetView> retire(Caller caller, UUID id, String ifMatch, String reason, boolean emergency) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return approvable(caller, id, "dataset.retired", ifMatch).flatMap(d -> {
            RuleViolation.Context context = RuleViolation.of(caller, "dataset.retired", d.ownerDepartment).dataset(id, d.currentVersion);
            if (d.currentVersion == null) {
                throw context.conflict("not-published", "Not published", "Dataset " + d.code + " was never published; there is nothing to retire");
            }
            if (d.isRetired()) {
                throw context.conflict("already-retired", "Already retired", "Dataset " + d.code + " is retired");
            }
            if (d.isRetiring()) {
                throw context.conflict("retirement-pending", "Retirement pending",
                        "Dataset " + d.code + " is already being retired, effective " + d.retireEffectiveAt);
            }
            if (d.pendingVersion != null) {
                throw context.conflict("version-pending", "A version is pending",
                        "Version " + d.pendingVersion + " takes effect " + d.pendingEffectiveAt + "; retire after it took effect");
            }
            String why = reason.strip();
            return exchange.consumers(id).flatMap(consumers -> {
                if (consumers.isEmpty()) {
                    d.retireReason = why;
                    return retireNow(caller, d, now, null);
                }
                OffsetDateTime effective = emergency ? now : now.plus(noticePeriod);
                return issueNotice(caller, d, NoticeKind.RETIREMENT, d.currentVersion, null, effective, emergency, why, null, consumers, now)
                        .flatMap(notice -> {
                            d.retireNoticeId = notice.id;
                            d.retireReason = why;
                            d.retireEffectiveAt = effective;
                            touch(d, now);
                            if (emergency) {
                                return retireNow(caller, d, now, notice);
                            }
                            return outbox.record(events.of(caller, "dataset.retirement-scheduled", d.ownerDepartment)
                                    .dataset(id.toString(), d.currentVersion).reason(why)
                                    .details(Map.of("effectiveAt", effective.toString(), "noticeId", notice.id.toString())).build());
                        });
            }).flatMap(x -> view(caller, d, d.code));
        });
    }

    private Uni<Void> retireNow(Caller caller, Dataset d, OffsetDateTime now, Notice notice) {
        return versions.find(d.id, d.currentVersion).flatMap(current -> {
            current.moveTo(VersionStatus.RETIRED);
            current.retiredAt = now;
            d.retiredAt = now;
            if (d.retireEffectiveAt == null) {
                d.retireEffectiveAt = now;
            }
            touch(d, now);
            Map<String, Object> details = new LinkedHashMap<>();
            if (notice != null) {
                details.put("noticeId", notice.id.toString());
            }
            details.put("emergency", notice != null && notice.emergency);
            return outbox.record(events.of(caller, "dataset.retired", d.ownerDepartment).dataset(d.id.toString(), current.version)
                    .reason(d.retireReason).details(details).build());
        });
    }

    /**
     * Applies what is due: scheduled versions become current, scheduled retirements take effect. Called by
     * {@link ScheduledEffects}; rows another replica is handling are skipped.
     */
    @WithTransaction
    public Uni<Integer> applyDueChanges(OffsetDateTime now) {
        return datasets.lockDue(now, 50).flatMap(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> datasets.findById(id).flatMap(d -> applyDue(d, now)))
                .collect().asList().map(List::size));
    }

    private Uni<Void> applyDue(Dataset d, OffsetDateTime now) {
        if (d.pendingVersion != null && !d.pendingEffectiveAt.isAfter(now)) {
            int pendingVersion = d.pendingVersion;
            return versions.find(d.id, pendingVersion).flatMap(v -> optionalVersion(d.id, d.currentVersion).flatMap(previous -> {
                makeCurrent(d, v, previous, now);
                LOG.infof("dataset %s: version %d took effect", d.code, v.version);
                return outbox.record(events.of(null, "dataset.version-effective", d.ownerDepartment).dataset(d.id.toString(), v.version)
                        .fields(changedFields(v.changes)).details(Map.of("schemaHash", v.schemaHash,
                                "superseded", previous == null ? 0 : previous.version)).build());
            })).flatMap(x -> applyDue(d, now));
        }
        if (d.isRetiring() && !d.retireEffectiveAt.isAfter(now)) {
            LOG.infof("dataset %s: retirement took effect", d.code);
            return retireNow(null, d, now, null);
        }
        return Uni.createFrom().voidItem();
    }

    // ================================================================== notices

    private Uni<Notice> issueNotice(Caller caller, Dataset d, NoticeKind kind, Integer from, Integer to, OffsetDateTime effective,
                                    boolean emergency, String reason, VersionChanges changes, List<ExchangeClient.Consumer> consumers,
                                    OffsetDateTime now) {
        Notice notice = new Notice();
        notice.id = UUID.randomUUID();
        notice.datasetId = d.id;
        notice.datasetCode = d.code;
        notice.ownerDepartment = d.ownerDepartment;
        notice.kind = kind;
        notice.fromVersion = from;
        notice.toVersion = to;
        notice.effectiveAt = effective;
        notice.emergency = emergency;
        notice.reason = reason;
        notice.changes = changes;
        notice.issuedBy = caller.principal();
        notice.issuedAt = now;
        List<NoticeRecipient> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> departmentsNotified = new LinkedHashSet<>();
        for (ExchangeClient.Consumer c : consumers) {
            if (seen.add(c.department() + "\n" + c.agreementId())) {
                NoticeRecipient r = new NoticeRecipient();
                r.noticeId = notice.id;
                r.department = c.department();
                r.agreementId = c.agreementId();
                r.datasetVersion = c.datasetVersion();
                rows.add(r);
                departmentsNotified.add(c.department());
            }
        }
        return notices.persist(notice)
                .flatMap(x -> Panache.flush())
                .flatMap(x -> recipients.persist(rows))
                .flatMap(x -> outbox.record(events.of(caller, "dataset.notice-issued", d.ownerDepartment).dataset(d.id.toString(), to != null ? to : from)
                        .reason(reason).details(Map.of("noticeId", notice.id.toString(), "kind", kind.name(), "effectiveAt", effective.toString(),
                                "emergency", emergency, "departments", List.copyOf(departmentsNotified))).build()))
                .replaceWith(notice);
    }

    // ================================================================== helpers

    /** The dataset, when the caller is a steward or CDO of its owner; checks If-Match. */
    private Uni<Dataset> writable(Caller caller, UUID id, String action, String ifMatch, boolean ifMatchRequired) {
        return datasets.findById(id).map(d -> {
            if (d == null || (d.currentVersion == null && !Access.seesDrafts(caller, d.ownerDepartment))) {
                throw ProblemException.notFound("No dataset " + id);
            }
            RuleViolation.Context context = RuleViolation.of(caller, action, d.ownerDepartment).dataset(id, d.latestVersion);
            if (!Access.isMemberOf(caller, d.ownerDepartment)) {
                throw context.forbidden("not-owner", "Not your department",
                        "Only a steward or CDO of " + d.ownerDepartment + " changes its datasets");
            }
            precondition(d, ifMatch, ifMatchRequired);
            return d;
        });
    }

    /** The dataset, when the caller is a CDO of its owner; checks If-Match. */
    private Uni<Dataset> approvable(Caller caller, UUID id, String action, String ifMatch) {
        return datasets.findById(id).map(d -> {
            if (d == null || (d.currentVersion == null && !Access.seesDrafts(caller, d.ownerDepartment))) {
                throw ProblemException.notFound("No dataset " + id);
            }
            RuleViolation.Context context = RuleViolation.of(caller, action, d.ownerDepartment).dataset(id, d.latestVersion);
            if (!caller.hasRole(Roles.CDO)) {
                throw context.forbidden("cdo-required", "CDO required",
                        "Only a Chief Data Officer of " + d.ownerDepartment + " approves, rejects or retires its datasets");
            }
            if (!caller.belongsTo(d.ownerDepartment)) {
                throw context.forbidden("not-owner", "Not your department",
                        "You are a CDO of " + caller.department() + "; only a CDO of " + d.ownerDepartment + " decides on its datasets");
            }
            precondition(d, ifMatch, false);
            return d;
        });
    }

    private static void precondition(Dataset d, String ifMatch, boolean required) {
        Integer expected = ETags.parseVersion(ifMatch);
        if (expected == null && required) {
            throw ProblemException.preconditionRequired("Send If-Match with the ETag of the dataset you read");
        }
        if (expected != null && expected != d.lockVersion) {
            throw ProblemException.preconditionFailed("Dataset " + d.code + " changed since you read it (ETag \"" + d.lockVersion + "\")");
        }
    }

    private static void touch(Dataset d, OffsetDateTime now) {
        d.updatedAt = now;
    }

    static Draft toDraft(DatasetVersion v) {
        return new Draft(v.code, v.ownerDepartment, v.titleZh, v.titleEn, v.description, v.keywords, v.category, v.updateFrequency,
                v.legalBasis, v.classification, v.distributionMode, v.distributionEndpoint, v.sharingConditions, v.openAttribute, v.fields);
    }

    private static List<String> names(List<FieldSpec> fields) {
        return fields.stream().map(FieldSpec::name).toList();
    }

    private static List<String> changedFields(VersionChanges changes) {
        if (changes == null) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>(changes.droppedFields());
        names.addAll(changes.reclassedFields());
        names.addAll(changes.retypedFields());
        return List.copyOf(names);
    }

    /** What {@code next} changes against {@code previous}; breaking when consumers could lose data or access. */
    static VersionChanges changes(DatasetVersion previous, DatasetVersion next) {
        Map<String, FieldSpec> before = new LinkedHashMap<>();
        previous.fields.forEach(f -> before.put(f.name(), f));
        Map<String, FieldSpec> after = new LinkedHashMap<>();
        next.fields.forEach(f -> after.put(f.name(), f));
        List<String> added = after.keySet().stream().filter(n -> !before.containsKey(n)).toList();
        List<String> dropped = before.keySet().stream().filter(n -> !after.containsKey(n)).toList();
        List<String> reclassed = new ArrayList<>();
        List<String> retyped = new ArrayList<>();
        for (var e : before.entrySet()) {
            FieldSpec now = after.get(e.getKey());
            if (now != null) {
                if (now.fieldClass() != e.getValue().fieldClass()) {
                    reclassed.add(e.getKey());
                }
                if (now.type() != e.getValue().type()) {
                    retyped.add(e.getKey());
                }
            }
        }
        boolean stricter = next.classification.isStricterThan(previous.classification);
        boolean breaking = !dropped.isEmpty() || !reclassed.isEmpty() || !retyped.isEmpty() || stricter;
        return new VersionChanges(previous.version, added, dropped, reclassed, retyped, previous.classification, next.classification, breaking);
    }

    /** Reuse candidates for a submitted field list (rule 11), best first. */
    Uni<Overlap> overlap(UUID datasetId, List<FieldSpec> fields) {
        List<String> names = new ArrayList<>();
        List<String> titlesZh = new ArrayList<>();
        List<String> titlesEn = new ArrayList<>();
        List<String> elementCodes = new ArrayList<>();
        for (FieldSpec f : fields) {
            names.add(f.name());
            titlesZh.add(f.titleZh());
            titlesEn.add(f.titleEn());
            elementCodes.add(f.dataElement());
        }
        return queries.overlap(datasetId, names, titlesZh, titlesEn, elementCodes, OVERLAP_THRESHOLD).map(matches -> {
            Map<UUID, List<CatalogQueries.FieldOverlap>> byDataset = new LinkedHashMap<>();
            matches.forEach(m -> byDataset.computeIfAbsent(m.datasetId(), k -> new ArrayList<>()).add(m));
            List<Overlap.Candidate> candidates = new ArrayList<>();
            for (var entry : byDataset.entrySet()) {
                List<CatalogQueries.FieldOverlap> ms = entry.getValue();
                CatalogQueries.FieldOverlap first = ms.get(0);
                Set<String> shared = new LinkedHashSet<>();
                Set<String> covered = new HashSet<>();
                List<Overlap.FieldMatch> similar = new ArrayList<>();
                for (CatalogQueries.FieldOverlap m : ms) {
                    covered.add(m.field());
                    if (m.sameElement()) {
                        shared.add(m.dataElement());
                    }
                    similar.add(new Overlap.FieldMatch(m.field(), m.existingField(), m.existingTitleZh(), round(m.similarity()), m.dataElement()));
                }
                double score = round((double) covered.size() / fields.size());
                candidates.add(new Overlap.Candidate(first.datasetId(), first.code(), first.ownerDepartment(), first.titleZh(), first.titleEn(),
                        SharingClass.valueOf(first.classification()), first.version(), score, List.copyOf(shared), similar));
            }
            candidates.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score()) : a.code().compareTo(b.code()));
            return new Overlap(OffsetDateTime.now(ZoneOffset.UTC), candidates.size() > OVERLAP_CANDIDATES
                    ? List.copyOf(candidates.subList(0, OVERLAP_CANDIDATES)) : List.copyOf(candidates));
        });
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
