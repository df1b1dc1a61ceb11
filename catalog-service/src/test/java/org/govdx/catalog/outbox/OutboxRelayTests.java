package org.govdx.catalog.outbox;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.govdx.common.outbox.OutboxRelay;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** In this module's tests no audit service runs: events must wait in the outbox, not vanish. */
@QuarkusTest
class OutboxRelayTests {

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @Test
    void anUndeliverableEventStaysInTheOutboxAndIsRetriedWithBackoff() {
        String code = "relay-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Tokens.of("platform-admin")).contentType("application/json")
                .body(Map.of("code", code, "nameZh", "测试局", "nameEn", "Relay Test"))
                .when().put("/api/catalog/departments/" + code).then().statusCode(200);

        pool.query("update outbox_event set next_attempt_at = now()").execute().await().atMost(Duration.ofSeconds(5));
        Integer delivered = relay.relayBatch().await().atMost(Duration.ofSeconds(30));
        assertThat(delivered).isZero();

        Row row = pool.preparedQuery("select attempts, last_error, next_attempt_at > now() as postponed from outbox_event where payload like $1")
                .execute(Tuple.of("%" + code + "%")).await().atMost(Duration.ofSeconds(5)).iterator().next();
        assertThat(row.getInteger("attempts")).isGreaterThanOrEqualTo(1);
        assertThat(row.getString("last_error")).isNotBlank();
        assertThat(row.getBoolean("postponed")).isTrue();
    }
}
