package org.govdx.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.common.events.AuditEvent;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes audit events to the outbox. {@link #record} joins the caller's transaction, so the event commits
 * or rolls back with the change it records; {@link #recordSeparately} commits on its own, straight through
 * the connection pool (no Hibernate session, which may be unusable after a failure), for refusals whose
 * business transaction is rolled back: a denied request writes nothing but its audit event. {@link #insert} writes
 * through a given SQL client (a connection inside the caller's reactive SQL transaction, or the pool) for code
 * that runs its transactions on the Vert.x client instead of Hibernate.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_event (event_id, action, payload) values ($1, $2, $3)";

    @Inject
    ObjectMapper mapper;

    @Inject
    Pool pool;

    public Uni<Void> record(AuditEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.eventId();
        row.action = event.action();
        row.payload = toJson(event);
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        row.nextAttemptAt = row.createdAt;
        return row.persist().replaceWithVoid();
    }

    public Uni<Void> recordSeparately(AuditEvent event) {
        return insert(pool, event);
    }

    /** Inserts one event through {@code client}: in the caller's transaction when it is one of its connections. */
    public Uni<Void> insert(SqlClient client, AuditEvent event) {
        return client.preparedQuery(INSERT).execute(Tuple.of(event.eventId(), event.action(), toJson(event))).replaceWithVoid();
    }

    /** Inserts the events in one batch through {@code client}; nothing to do for none. */
    public Uni<Void> insert(SqlClient client, List<AuditEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(events.size());
        for (AuditEvent event : events) {
            rows.add(Tuple.of(event.eventId(), event.action(), toJson(event)));
        }
        return client.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    private String toJson(AuditEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit event not serialisable", e);
        }
    }
}
