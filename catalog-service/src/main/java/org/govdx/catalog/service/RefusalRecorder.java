package org.govdx.catalog.service;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.outbox.Outbox;
import org.jboss.logging.Logger;

/** See {@link RecordsRefusals}. Priority 100 puts it outside Panache's {@code @WithTransaction} (200). */
@RecordsRefusals
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RefusalRecorder {

    private static final Logger LOG = Logger.getLogger(RefusalRecorder.class);

    @Inject
    Outbox outbox;

    @Inject
    AuditEvents events;

    @AroundInvoke
    Object around(InvocationContext context) throws Exception {
        Object result;
        try {
            result = context.proceed();
        } catch (RuleViolation refusal) {
            return record(refusal).onItem().failWith(() -> refusal);
        }
        if (result instanceof Uni<?> uni) {
            return uni.onFailure(RuleViolation.class).call(e -> record((RuleViolation) e));
        }
        return result;
    }

    private Uni<Void> record(RuleViolation refusal) {
        var event = events.of(refusal.caller(), refusal.action(), refusal.ownerDepartment())
                .dataset(refusal.datasetId() == null ? null : refusal.datasetId().toString(), refusal.version())
                .fields(refusal.fields())
                .denied(refusal.getMessage())
                .build();
        return outbox.recordSeparately(event)
                .onFailure().invoke(e -> LOG.errorf(e, "could not record the refusal of %s", refusal.action()))
                .onFailure().recoverWithNull();
    }
}
