package org.govdx.common.outbox;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers outbox events to the audit service in batches, at least once. Each run claims due rows with
 * {@code FOR UPDATE SKIP LOCKED}, so several replicas relay side by side without sending a row twice at
 * the same time; a row is deleted only after the audit service acknowledged its batch (which it does only
 * after committing it), and a failed batch is retried with exponential backoff. The audit service ingests
 * idempotently by event id, so a redelivery after a crash between acknowledgement and delete is harmless.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    Instance<OidcClient> oidcClient;

    @ConfigProperty(name = "govdx.outbox.relay.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "govdx.outbox.relay.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "govdx.audit.url", defaultValue = "http://localhost:8483")
    String auditUrl;

    private WebClient client;
    private URI ingestUri;

    @PostConstruct
    void init() {
        client = WebClient.create(vertx);
        ingestUri = URI.create(auditUrl + "/api/audit/ingest");
    }

    @Scheduled(every = "${govdx.outbox.relay.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> relay() {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return relayBatch().replaceWithVoid()
                .onFailure().invoke(e -> LOG.debugf("outbox relay run failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Relays one batch; returns how many events the audit service acknowledged. */
    public Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> claimDue(connection).flatMap(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<Long> ids = new ArrayList<>(rows.size());
            StringBuilder body = new StringBuilder(rows.size() * 512).append('[');
            for (Row row : rows) {
                ids.add(row.getLong("id"));
                if (body.length() > 1) {
                    body.append(',');
                }
                body.append(row.getString("payload"));
            }
            body.append(']');
            return send(body.toString())
                    .flatMap(response -> response.statusCode() / 100 == 2
                            ? delete(connection, ids).replaceWith(ids.size())
                            : postpone(connection, ids, "audit answered " + response.statusCode()).replaceWith(0))
                    .onFailure().recoverWithUni(e -> postpone(connection, ids, String.valueOf(e.getMessage())).replaceWith(0));
        }));
    }

    private Uni<List<Row>> claimDue(SqlConnection connection) {
        return connection.preparedQuery("select id, payload from outbox_event where next_attempt_at <= now() "
                        + "order by id limit $1 for update skip locked")
                .execute(Tuple.of(batchSize))
                .map(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return list;
                });
    }

    private Uni<HttpResponse<Buffer>> send(String body) {
        Uni<String> token = oidcClient.isResolvable()
                ? oidcClient.get().getTokens().map(t -> t.getAccessToken())
                : Uni.createFrom().nullItem();
        return token.flatMap(accessToken -> {
            var request = client.postAbs(ingestUri.toString()).timeout(Duration.ofSeconds(10).toMillis())
                    .putHeader("Content-Type", "application/json");
            if (accessToken != null) {
                request.bearerTokenAuthentication(accessToken);
            }
            return request.sendBuffer(Buffer.buffer(body));
        });
    }

    private Uni<Void> delete(SqlConnection connection, List<Long> ids) {
        return connection.preparedQuery("delete from outbox_event where id = any($1)")
                .execute(Tuple.of(ids.toArray(new Long[0]))).replaceWithVoid();
    }

    private Uni<Void> postpone(SqlConnection connection, List<Long> ids, String error) {
        LOG.debugf("outbox: %d events not delivered (%s), will retry", ids.size(), error);
        return connection.preparedQuery("update outbox_event set attempts = attempts + 1, last_error = $2, "
                        + "next_attempt_at = now() + least(interval '1 second' * power(2, least(attempts, 8)), interval '5 minutes') "
                        + "where id = any($1)")
                .execute(Tuple.of(ids.toArray(new Long[0]), error)).replaceWithVoid();
    }

    /** Events still waiting, for health and metrics. */
    public Uni<Long> pending() {
        return pool.query("select count(*) from outbox_event").execute().map(rows -> rows.iterator().next().getLong(0));
    }

}
