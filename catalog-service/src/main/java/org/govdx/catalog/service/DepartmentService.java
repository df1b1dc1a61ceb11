package org.govdx.catalog.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.catalog.domain.Department;
import org.govdx.catalog.repository.DepartmentRepository;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.outbox.Outbox;
import org.govdx.common.problem.ProblemException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class DepartmentService {

    @Inject
    DepartmentRepository departments;

    @Inject
    Outbox outbox;

    @Inject
    AuditEvents events;

    @WithSession
    public Uni<List<Department>> list() {
        return departments.listByCode();
    }

    @WithSession
    public Uni<Department> get(String code) {
        return departments.findById(code)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No department " + code));
    }

    /**
     * Registers a department or renames it. {@code expectedVersion} (from If-Match) must match an existing
     * department's version; {@code null} creates, or updates without a precondition when none exists.
     */
    @WithTransaction
    public Uni<Department> put(Caller caller, String code, String nameZh, String nameEn, Integer expectedVersion) {
        return departments.findById(code).flatMap(existing -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            if (existing == null) {
                if (expectedVersion != null) {
                    return Uni.createFrom().failure(ProblemException.preconditionFailed("Department " + code + " does not exist"));
                }
                Department department = new Department();
                department.code = code;
                department.nameZh = nameZh;
                department.nameEn = nameEn;
                department.createdAt = now;
                department.updatedAt = now;
                return departments.persist(department)
                        .call(d -> outbox.record(events.of(caller, "department.registered", code).details(Map.of("nameZh", nameZh, "nameEn", nameEn)).build()));
            }
            if (expectedVersion != null && expectedVersion != existing.version) {
                return Uni.createFrom().failure(ProblemException.preconditionFailed(
                        "Department " + code + " changed since you read it (version " + existing.version + ")"));
            }
            if (existing.nameZh.equals(nameZh) && existing.nameEn.equals(nameEn)) {
                return Uni.createFrom().item(existing);
            }
            existing.nameZh = nameZh;
            existing.nameEn = nameEn;
            existing.updatedAt = now;
            return departments.persistAndFlush(existing)
                    .call(d -> outbox.record(events.of(caller, "department.renamed", code).details(Map.of("nameZh", nameZh, "nameEn", nameEn)).build()));
        });
    }
}
