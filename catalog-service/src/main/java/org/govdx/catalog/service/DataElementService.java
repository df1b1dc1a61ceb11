package org.govdx.catalog.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.catalog.domain.DataElement;
import org.govdx.catalog.domain.ElementValidator;
import org.govdx.catalog.domain.Frequency;
import org.govdx.catalog.domain.ValueType;
import org.govdx.catalog.repository.CatalogQueries;
import org.govdx.catalog.repository.DataElementRepository;
import org.govdx.catalog.repository.DepartmentRepository;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.identity.Roles;
import org.govdx.common.outbox.Outbox;
import org.govdx.common.problem.Problem;
import org.govdx.common.problem.ProblemException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/** The shared data elements (DOMAIN rule 9), managed by the platform admin, and value validation against them. */
@ApplicationScoped
public class DataElementService {

    @Inject
    DataElementRepository elements;

    @Inject
    DepartmentRepository departments;

    @Inject
    CatalogQueries queries;

    @Inject
    Outbox outbox;

    @Inject
    AuditEvents events;

    /** An element's definition as the admin sends it. */
    public record Definition(String code, String nameZh, String nameEn, String definition, ValueType type, ElementValidator validator,
                             String pattern, List<String> enumValues, Frequency collectionFrequency, String sourceDepartment) {
    }

    @WithSession
    public Uni<Page<DataElement>> list(String cursor, int limit) {
        Map<String, Object> after = Cursors.decode(cursor);
        return elements.page(after == null ? null : Cursors.string(after, "code"), limit + 1).map(list -> {
            boolean more = list.size() > limit;
            List<DataElement> items = more ? list.subList(0, limit) : list;
            return new Page<>(items, more ? Cursors.encode(Map.of("code", items.get(items.size() - 1).code)) : null);
        });
    }

    @WithSession
    public Uni<DataElement> get(String code) {
        return elements.findById(code).onItem().ifNull().failWith(() -> ProblemException.notFound("No data element " + code));
    }

    /**
     * Registers or updates an element. {@code expectedVersion} (If-Match) must match; an element's type
     * cannot change once dataset fields map to it.
     */
    @RecordsRefusals
    @WithTransaction
    public Uni<DataElement> put(Caller caller, Definition def, Integer expectedVersion) {
        RuleViolation.Context context = RuleViolation.of(caller, "data-element.registered", def.sourceDepartment());
        if (!caller.hasRole(Roles.PLATFORM_ADMIN)) {
            return Uni.createFrom().failure(context.forbidden("platform-admin-only", "Platform admin required",
                    "Data elements are the platform's shared standard; only the platform admin manages them"));
        }
        checkDefinition(def);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Uni<Object> source = def.sourceDepartment() == null ? Uni.createFrom().item(new Object())
                : departments.findById(def.sourceDepartment()).onItem().ifNull().failWith(() -> context.unprocessable("unknown-department",
                "Department not registered", "The source department " + def.sourceDepartment() + " is not registered",
                List.of(new Problem.Violation("sourceDepartment", "not registered")))).map(d -> d);
        return source.flatMap(x -> elements.findById(def.code())).flatMap(existing -> {
            if (existing == null) {
                if (expectedVersion != null) {
                    throw ProblemException.preconditionFailed("Data element " + def.code() + " does not exist");
                }
                DataElement e = new DataElement();
                e.code = def.code();
                e.createdAt = now;
                copy(def, e, now);
                return elements.persist(e).flatMap(saved -> outbox.record(events.of(caller, "data-element.registered", def.sourceDepartment())
                        .details(details(e)).build()).replaceWith(e));
            }
            if (expectedVersion != null && expectedVersion != existing.version) {
                throw ProblemException.preconditionFailed("Data element " + def.code() + " changed since you read it (version " + existing.version + ")");
            }
            if (same(existing, def)) {
                return Uni.createFrom().item(existing);
            }
            Uni<Long> uses = existing.type == def.type() ? Uni.createFrom().item(0L)
                    : io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(s -> s.createQuery("select count(f) from DatasetField f where f.dataElement = :code", Long.class)
                    .setParameter("code", def.code()).getSingleResult());
            return uses.flatMap(count -> {
                if (count > 0) {
                    throw RuleViolation.of(caller, "data-element.updated", def.sourceDepartment()).conflict("element-in-use", "Element in use",
                            "Data element " + def.code() + " is mapped by " + count + " dataset field(s); its type cannot change");
                }
                copy(def, existing, now);
                return elements.persistAndFlush(existing).flatMap(saved -> outbox.record(events.of(caller, "data-element.updated", def.sourceDepartment())
                        .details(details(existing)).build()).replaceWith(existing));
            });
        });
    }

    /** Checks a value against an element (the exchange service validates uploaded rows the same way). */
    @WithSession
    public Uni<Checked> validate(String code, List<String> values) {
        return get(code).map(element -> new Checked(element, values.stream().map(v -> ValueValidation.check(element, v)).toList()));
    }

    public record Checked(DataElement element, List<ValueValidation.Outcome> outcomes) {
    }

    /** The element and a page of the current published datasets that map a field to it, by dataset code. */
    public record Publishers(DataElement element, Page<CatalogQueries.Publisher> page) {
    }

    @WithSession
    public Uni<Publishers> publishers(String code, String cursor, int limit) {
        Map<String, Object> after = Cursors.decode(cursor);
        return get(code).flatMap(element -> queries.publishers(code, after == null ? null : Cursors.string(after, "code"), limit + 1).map(list -> {
            boolean more = list.size() > limit;
            List<CatalogQueries.Publisher> items = more ? list.subList(0, limit) : list;
            return new Publishers(element, new Page<>(items, more ? Cursors.encode(Map.of("code", items.get(items.size() - 1).code())) : null));
        }));
    }

    static void checkDefinition(Definition def) {
        List<Problem.Violation> problems = new ArrayList<>();
        if (!def.validator().fits(def.type())) {
            problems.add(new Problem.Violation("validator", def.validator() + " does not apply to " + def.type() + " values"));
        }
        if ((def.validator() == ElementValidator.PATTERN) != (def.pattern() != null)) {
            problems.add(new Problem.Violation("pattern", "set exactly when validator is PATTERN"));
        } else if (def.pattern() != null) {
            try {
                ValueValidation.compile(def.pattern());
            } catch (PatternSyntaxException e) {
                problems.add(new Problem.Violation("pattern", "not a regular expression: " + e.getDescription()));
            }
        }
        if ((def.validator() == ElementValidator.ENUM) != (def.enumValues() != null)) {
            problems.add(new Problem.Violation("enumValues", "set exactly when validator is ENUM"));
        } else if (def.enumValues() != null) {
            Set<String> seen = new HashSet<>();
            if (def.enumValues().isEmpty()) {
                problems.add(new Problem.Violation("enumValues", "at least one value"));
            }
            for (int i = 0; i < def.enumValues().size(); i++) {
                if (!seen.add(def.enumValues().get(i))) {
                    problems.add(new Problem.Violation("enumValues[" + i + "]", "duplicate value"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.badRequest("The data element has invalid values", problems);
        }
    }

    private static boolean same(DataElement e, Definition d) {
        return e.nameZh.equals(d.nameZh()) && e.nameEn.equals(d.nameEn()) && e.definition.equals(d.definition()) && e.type == d.type()
                && e.validator == d.validator() && Objects.equals(e.pattern, d.pattern()) && Objects.equals(e.enumValues, d.enumValues())
                && e.collectionFrequency == d.collectionFrequency() && Objects.equals(e.sourceDepartment, d.sourceDepartment());
    }

    private static void copy(Definition d, DataElement e, OffsetDateTime now) {
        e.nameZh = d.nameZh();
        e.nameEn = d.nameEn();
        e.definition = d.definition();
        e.type = d.type();
        e.validator = d.validator();
        e.pattern = d.pattern();
        e.enumValues = d.enumValues() == null ? null : List.copyOf(d.enumValues());
        e.collectionFrequency = d.collectionFrequency();
        e.sourceDepartment = d.sourceDepartment();
        e.updatedAt = now;
    }

    private static Map<String, Object> details(DataElement e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", e.code);
        details.put("type", e.type.name());
        details.put("validator", e.validator.name());
        return details;
    }
}
