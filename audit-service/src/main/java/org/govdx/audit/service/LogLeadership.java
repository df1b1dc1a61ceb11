package org.govdx.audit.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Which replica signs the periodic checkpoints: the one holding a PostgreSQL session advisory lock, taken with
 * {@code pg_try_advisory_lock} on a connection of its own and held as long as that connection lives (a crashed
 * leader's connection closes and the lock with it; another replica takes it at its next poll). Appending does
 * not depend on it: every replica appends, serialised by the log_state row. Leadership only keeps replicas
 * from all signing checkpoints every second; were two ever to sign, the table keeps one per tree size.
 */
@ApplicationScoped
public class LogLeadership {

    /** The advisory lock key: "govdxlog" in ASCII. Advisory locks are per database, so each log has its own. */
    static final long LOCK_KEY = 0x676F7664786C6F67L;

    private static final Logger LOG = Logger.getLogger(LogLeadership.class);

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @ConfigProperty(name = "govdx.audit.leader.enabled", defaultValue = "true")
    boolean enabled;

    private volatile PgConnection connection;
    private volatile boolean leader;

    public boolean isLeader() {
        return leader;
    }

    @Scheduled(every = "${govdx.audit.leader.poll:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> poll() {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return (leader ? stillHeld() : tryAcquire())
                .onFailure().invoke(e -> {
                    if (leader) {
                        LOG.warnf("lost the audit log leadership: %s", e.getMessage());
                    }
                    drop();
                })
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> tryAcquire() {
        Uni<PgConnection> open = connection != null ? Uni.createFrom().item(connection) : connect();
        return open.flatMap(c -> c.preparedQuery("select pg_try_advisory_lock($1)").execute(Tuple.of(LOCK_KEY))
                .map(rows -> rows.iterator().next().getBoolean(0))
                .invoke(acquired -> {
                    if (acquired) {
                        leader = true;
                        LOG.info("this replica leads the audit log (signs its periodic checkpoints)");
                    }
                })).replaceWithVoid();
    }

    /** The leader checks that its lock connection still lives (and so still holds the lock). */
    private Uni<Void> stillHeld() {
        PgConnection c = connection;
        if (c == null) {
            leader = false;
            return Uni.createFrom().voidItem();
        }
        return c.query("select 1").execute().replaceWithVoid();
    }

    private Uni<PgConnection> connect() {
        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(username);
        password.ifPresent(options::setPassword);
        options.addProperty("application_name", "govdx-audit-leader");
        return PgConnection.connect(vertx, options).invoke(c -> {
            connection = c;
            c.closeHandler(() -> {
                if (connection == c) {
                    if (leader) {
                        LOG.warn("the audit log leader's lock connection closed; leadership released");
                    }
                    leader = false;
                    connection = null;
                }
            });
        });
    }

    private void drop() {
        leader = false;
        PgConnection c = connection;
        connection = null;
        if (c != null) {
            c.closeAndForget();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        drop();
    }
}
