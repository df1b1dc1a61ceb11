package org.govdx.common.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.common.identity.Caller;
import org.govdx.common.web.TraceIds;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds {@link AuditEvent}s stamped with this service's name, a fresh event id, the time and the trace id. */
@ApplicationScoped
public class AuditEvents {

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    public Builder of(Caller caller, String action, String ownerDepartment) {
        return new Builder(source(), caller, action, ownerDepartment);
    }

    private String source() {
        return applicationName.endsWith("-service") ? applicationName.substring(0, applicationName.length() - "-service".length()) : applicationName;
    }

    public static AuditEvent.Actor actor(Caller caller) {
        return caller == null ? null
                : new AuditEvent.Actor(caller.subject(), caller.username(), caller.department(), caller.roles().stream().sorted().toList(), caller.clientId());
    }

    /** Fluent builder; outcome defaults to ALLOWED. */
    public static final class Builder {
        private final String source;
        private final Caller caller;
        private final String action;
        private final String ownerDepartment;
        private AuditEvent.Outcome outcome = AuditEvent.Outcome.ALLOWED;
        private String datasetId;
        private Integer datasetVersion;
        private String agreementId;
        private List<String> fields;
        private String reason;
        private String traceId;
        private Map<String, Object> details;

        private Builder(String source, Caller caller, String action, String ownerDepartment) {
            this.source = source;
            this.caller = caller;
            this.action = action;
            this.ownerDepartment = ownerDepartment;
        }

        public Builder denied(String reason) {
            this.outcome = AuditEvent.Outcome.DENIED;
            this.reason = reason;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder dataset(String id, Integer version) {
            this.datasetId = id;
            this.datasetVersion = version;
            return this;
        }

        public Builder agreement(String id) {
            this.agreementId = id;
            return this;
        }

        public Builder fields(List<String> fields) {
            this.fields = fields == null ? null : List.copyOf(fields);
            return this;
        }

        public Builder details(Map<String, Object> details) {
            this.details = details;
            return this;
        }

        /**
         * The trace the event belongs to, for an event built away from its request (e.g. in a group commit, whose
         * callbacks run in the context of whichever request started the group); by default the current span's.
         */
        public Builder trace(String traceId) {
            this.traceId = traceId;
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(UUID.randomUUID(), Instant.now(), source, action, outcome, actor(caller), ownerDepartment,
                    datasetId, datasetVersion, agreementId, fields, reason, traceId != null ? traceId : TraceIds.current(), details);
        }
    }
}
