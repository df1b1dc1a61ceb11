package org.govdx.exchange.data;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.govdx.common.events.AuditEvent;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.exchange.data.usage.UsageDetector;
import org.govdx.exchange.data.usage.UsageMonitor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.govdx.exchange.data.GovernedReadTests.GRANTED;

/**
 * Two monitors on one database, as two replicas of the exchange have: each sees half of an agreement's calls, and
 * the flags still come from all of them, once. (With windows kept per replica, neither would ever flag these.)
 */
@QuarkusTest
class SharedUsageWindowTests {

    static final Caller CLERK = new Caller("hrss-steward-subject", "hrss-steward", "hrss-steward", "hrss", Set.of("steward"), null);

    @Inject
    UsageMonitor usage;

    @Inject
    AuditEvents events;

    @Inject
    Pool pool;

    AuditEvent read(String agreementId, long rows) {
        return events.of(CLERK, "data.read", "civil-affairs").agreement(agreementId).details(Map.of("mode", "VIEW", "rowCount", rows)).build();
    }

    AuditEvent refused(String agreementId) {
        return events.of(CLERK, "data.read", "civil-affairs").agreement(agreementId).denied("FIELD_NOT_GRANTED").details(Map.of("mode", "VIEW")).build();
    }

    static List<UsageDetector.Kind> await(Uni<List<UsageDetector.Kind>> u) {
        return u.await().atMost(Duration.ofSeconds(10));
    }

    long flags(String agreementId, String kind) {
        return pool.preparedQuery("select count(*) from usage_flag where agreement_id = $1 and kind = $2").execute(Tuple.of(UUID.fromString(agreementId), kind))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    @Test
    void refusalsAndVolumeSplitAcrossTwoReplicasAreCountedTogether() {
        String agreementId = GovernedReadTests.agreement(GRANTED, 5000); // declares 10 rows a day: flagged above 30
        UsageMonitor a = usage;
        UsageMonitor b = usage.replica();
        for (int i = 0; i < 4; i++) {
            assertThat(await((i % 2 == 0 ? a : b).check(refused(agreementId)))).isEmpty();
        }
        assertThat(await(b.check(refused(agreementId)))).containsExactly(UsageDetector.Kind.DENIAL_BURST); // the fifth, 3 + 2 across the replicas
        assertThat(await(a.check(refused(agreementId)))).isEmpty(); // within the cooldown, whichever replica
        assertThat(flags(agreementId, "DENIAL_BURST")).isEqualTo(1);

        assertThat(await(a.check(read(agreementId, 20)))).isEmpty();
        assertThat(await(b.check(read(agreementId, 20)))).containsExactly(UsageDetector.Kind.VOLUME_ABOVE_DECLARED); // 40 rows today
        assertThat(pool.preparedQuery("select rows_delivered from usage_day where agreement_id = $1").execute(Tuple.of(UUID.fromString(agreementId)))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0)).isEqualTo(40);
    }

    @Test
    void aBurstRacingThroughBothReplicasAtOnceIsOneFlag() {
        String agreementId = GovernedReadTests.agreement(GRANTED, 5000);
        UsageMonitor a = usage;
        UsageMonitor b = usage.replica();
        List<Uni<List<UsageDetector.Kind>>> all = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            all.add((i % 2 == 0 ? a : b).check(refused(agreementId)));
        }
        List<UsageDetector.Kind> flagged = new ArrayList<>();
        Uni.join().all(all).andFailFast().await().atMost(Duration.ofSeconds(20)).forEach(flagged::addAll);
        assertThat(flagged).containsExactly(UsageDetector.Kind.DENIAL_BURST);
        assertThat(flags(agreementId, "DENIAL_BURST")).isEqualTo(1);
    }

    @Test
    void aCrowdOfConcurrentReadsIsCountedWholeAndItsBurstFlaggedOnce() {
        String agreementId = GovernedReadTests.agreement(GRANTED, 5000);
        List<Uni<List<UsageDetector.Kind>>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // above 120 reads a minute; counted in batches while earlier ones are counted
            all.add(usage.check(read(agreementId, 0)));
        }
        List<UsageDetector.Kind> flagged = new ArrayList<>();
        Uni.join().all(all).andFailFast().await().atMost(Duration.ofSeconds(30)).forEach(flagged::addAll);
        assertThat(flagged).containsExactly(UsageDetector.Kind.FREQUENCY_BURST);
        assertThat(flags(agreementId, "FREQUENCY_BURST")).isEqualTo(1);
        assertThat(pool.preparedQuery("select sum(reads) from usage_second where agreement_id = $1").execute(Tuple.of(UUID.fromString(agreementId)))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0)).isEqualTo(200);
        // another replica, which has not seen the flag, finds it in the database and does not raise a second one
        assertThat(await(usage.replica().check(read(agreementId, 0)))).isEmpty();
        assertThat(flags(agreementId, "FREQUENCY_BURST")).isEqualTo(1);
    }
}
