package org.govdx.catalog.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Applies scheduled versions and retirements once their notice period is over. */
@ApplicationScoped
public class ScheduledEffects {

    private static final Logger LOG = Logger.getLogger(ScheduledEffects.class);

    @Inject
    DatasetService datasets;

    @Scheduled(every = "${govdx.catalog.effects.interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> apply() {
        return datasets.applyDueChanges(OffsetDateTime.now(ZoneOffset.UTC))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("applied %d scheduled dataset change(s)", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf(e, "applying scheduled dataset changes failed; will retry"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
