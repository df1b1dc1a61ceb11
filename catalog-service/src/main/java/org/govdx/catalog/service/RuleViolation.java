package org.govdx.catalog.service;

import org.govdx.common.identity.Caller;
import org.govdx.common.problem.Problem;
import org.govdx.common.problem.ProblemException;

import java.util.List;
import java.util.UUID;

/**
 * A refusal on a sharing or lifecycle rule (403, 409, 422). Methods marked {@link RecordsRefusals} record it as
 * a DENIED audit event in a transaction of its own after their own transaction rolled back, so a refused
 * request writes nothing but that event.
 */
public final class RuleViolation extends ProblemException {

    private final transient Caller caller;
    private final String action;
    private final String ownerDepartment;
    private final UUID datasetId;
    private final Integer version;
    private final List<String> fields;

    private RuleViolation(Context context, int status, String slug, String title, String detail, List<Problem.Violation> violations) {
        super(status, slug, title, detail, violations);
        this.caller = context.caller;
        this.action = context.action;
        this.ownerDepartment = context.ownerDepartment;
        this.datasetId = context.datasetId;
        this.version = context.version;
        this.fields = context.fields;
    }

    public Caller caller() {
        return caller;
    }

    public String action() {
        return action;
    }

    public String ownerDepartment() {
        return ownerDepartment;
    }

    public UUID datasetId() {
        return datasetId;
    }

    public Integer version() {
        return version;
    }

    public List<String> fields() {
        return fields;
    }

    /** Who tried what, on which dataset: the facts the DENIED event carries. */
    public static Context of(Caller caller, String action, String ownerDepartment) {
        return new Context(caller, action, ownerDepartment, null, null, null);
    }

    public record Context(Caller caller, String action, String ownerDepartment, UUID datasetId, Integer version, List<String> fields) {

        public Context dataset(UUID id, Integer version) {
            return new Context(caller, action, ownerDepartment, id, version, fields);
        }

        public Context fields(List<String> names) {
            return new Context(caller, action, ownerDepartment, datasetId, version, names == null ? null : List.copyOf(names));
        }

        public RuleViolation forbidden(String slug, String title, String detail) {
            return new RuleViolation(this, 403, slug, title, detail, List.of());
        }

        public RuleViolation conflict(String slug, String title, String detail) {
            return new RuleViolation(this, 409, slug, title, detail, List.of());
        }

        public RuleViolation unprocessable(String slug, String title, String detail, List<Problem.Violation> violations) {
            return new RuleViolation(this, 422, slug, title, detail, violations);
        }
    }
}
