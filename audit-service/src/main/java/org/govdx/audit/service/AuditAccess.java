package org.govdx.audit.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.identity.Roles;
import org.govdx.common.problem.ProblemException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who reads what in the audit log (issue 6.8), and the log of those reads. Auditors and the platform admin read
 * everything; a department's CDO reads events about its department's data or by its department's people;
 * nobody else reads anything here. Every query of log content is itself appended to the log as an
 * {@code audit.queried} event (outcome ALLOWED, with the filters) before it runs, through the same sequencer;
 * a refused query is appended as DENIED before the 403 goes out.
 *
 * <p>An auditor's or the admin's query names no owner department (investigations are not shown to the
 * departments investigated); a CDO's query is owned by the CDO's department.
 */
@ApplicationScoped
public class AuditAccess {

    public static final String QUERIED = "audit.queried";

    @Inject
    LogIngestService log;

    @Inject
    AuditEvents events;

    /** What the caller may read: everything, or what concerns one department. */
    public record Grant(boolean all, String department) {

        public static Grant everything() {
            return new Grant(true, null);
        }

        /** The department whose view applies, or null for everything. */
        public String visibleToDepartment() {
            return all ? null : department;
        }

        public boolean sees(String ownerDepartment, String actorDepartment) {
            return all || department.equals(ownerDepartment) || department.equals(actorDepartment);
        }
    }

    /** A query of log content by auditors, the platform admin or a CDO (scoped); logged either way. */
    public Uni<Grant> query(Caller caller, String query, Map<String, ?> filters) {
        Grant grant = grantOf(caller, true);
        if (grant == null) {
            return deny(caller, query, filters, "only auditors, the platform admin and CDOs read the audit log");
        }
        return record(caller, query, filters, grant, null).replaceWith(grant);
    }

    /** A query only auditors and the platform admin may make (the whole log); logged either way. */
    public Uni<Grant> auditorQuery(Caller caller, String query, Map<String, ?> filters) {
        Grant grant = grantOf(caller, false);
        if (grant == null) {
            return deny(caller, query, filters, "only auditors and the platform admin read the whole log");
        }
        return record(caller, query, filters, grant, null).replaceWith(grant);
    }

    /**
     * Verification material (checkpoints, proofs, hash tiles): hashes only, no entry content, so reading it is not
     * logged (a follower polling the checkpoint would otherwise grow the log by itself); a refusal is.
     */
    public Uni<Grant> verificationMaterial(Caller caller, String query, Map<String, ?> filters) {
        Grant grant = grantOf(caller, true);
        if (grant == null) {
            return deny(caller, query, filters, "only auditors, the platform admin and CDOs read the audit log");
        }
        return Uni.createFrom().item(grant);
    }

    private static Grant grantOf(Caller caller, boolean cdoAllowed) {
        if (caller.hasRole(Roles.AUDITOR) || caller.hasRole(Roles.PLATFORM_ADMIN)) {
            return Grant.everything();
        }
        if (cdoAllowed && caller.hasRole(Roles.CDO) && caller.department() != null) {
            return new Grant(false, caller.department());
        }
        return null;
    }

    private <T> Uni<T> deny(Caller caller, String query, Map<String, ?> filters, String reason) {
        return record(caller, query, filters, null, reason)
                .onItemOrFailure().transformToUni((ignored, failure) -> Uni.createFrom().failure(ProblemException.forbidden(reason)));
    }

    private Uni<Void> record(Caller caller, String query, Map<String, ?> filters, Grant grant, String deniedReason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", query);
        Map<String, Object> given = new LinkedHashMap<>();
        filters.forEach((name, value) -> {
            if (value instanceof java.time.OffsetDateTime time) {
                given.put(name, time.toInstant().toString());
            } else if (value != null) {
                given.put(name, value.toString());
            }
        });
        details.put("filters", given);
        String owner = grant != null && !grant.all() ? grant.department() : null;
        AuditEvents.Builder event = events.of(caller, QUERIED, owner).details(details);
        if (deniedReason != null) {
            event.denied(deniedReason);
        }
        return log.append(event.build()).replaceWithVoid();
    }
}
