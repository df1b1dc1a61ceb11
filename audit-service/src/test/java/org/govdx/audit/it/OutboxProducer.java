package org.govdx.audit.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A relaying service in miniature, run as its own process so that a test can kill -9 it: writer threads commit a
 * business row ({@code produced_event}) and its audit event ({@code outbox_event}) in one transaction, as
 * {@code Outbox.record} does; relay threads deliver the outbox with the semantics of {@code OutboxRelay} in common
 * (claim due rows FOR UPDATE SKIP LOCKED, post them as one batch, delete them only after a 2xx, otherwise back off).
 * Exits 0 once {@code total} events are produced and the outbox is empty.
 *
 * <p>Arguments: jdbcUrl auditUrl tokenUrl clientId clientSecret total writers relays
 */
public final class OutboxProducer {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final String jdbcUrl;
    private final String auditUrl;
    private final String tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final long total;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean produced = new AtomicBoolean();
    private volatile String token;
    private volatile Instant tokenExpires = Instant.EPOCH;

    private OutboxProducer(String[] args) {
        jdbcUrl = args[0];
        auditUrl = args[1];
        tokenUrl = args[2];
        clientId = args[3];
        clientSecret = args[4];
        total = Long.parseLong(args[5]);
    }

    public static void main(String[] args) throws Exception {
        OutboxProducer producer = new OutboxProducer(args);
        producer.schema();
        int writers = Integer.parseInt(args[6]);
        int relays = Integer.parseInt(args[7]);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            threads.add(new Thread(producer::write, "writer-" + i));
        }
        for (int i = 0; i < relays; i++) {
            threads.add(new Thread(producer::relay, "relay-" + i));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println("produced and relayed " + producer.total + " events");
        System.exit(0);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", System.getenv().getOrDefault("GOVDX_DB_PASSWORD", ""));
    }

    private void schema() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table if not exists produced_event (event_id uuid primary key, created_at timestamptz not null default now())");
            s.execute("create table if not exists outbox_event (id bigserial primary key, event_id uuid not null unique, action text not null, "
                    + "payload text not null, created_at timestamptz not null default now(), attempts integer not null default 0, "
                    + "next_attempt_at timestamptz not null default now(), last_error text)");
        }
    }

    /** One business change and its audit event per transaction, until {@code total} are committed. */
    private void write() {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            PreparedStatement business = c.prepareStatement("insert into produced_event (event_id) values (?)");
            PreparedStatement outbox = c.prepareStatement("insert into outbox_event (event_id, action, payload) values (?, 'data.read', ?)");
            PreparedStatement count = c.prepareStatement("select count(*) from produced_event");
            while (true) {
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) >= total) {
                        c.commit();
                        produced.set(true);
                        return;
                    }
                }
                for (int i = 0; i < 10; i++) {
                    UUID id = UUID.randomUUID();
                    business.setObject(1, id);
                    business.executeUpdate();
                    outbox.setObject(1, id);
                    outbox.setString(2, "{\"eventId\":\"" + id + "\",\"occurredAt\":\"" + Instant.now() + "\",\"source\":\"producer\","
                            + "\"action\":\"data.read\",\"outcome\":\"ALLOWED\",\"ownerDepartment\":\"health\",\"datasetId\":\"births\","
                            + "\"actor\":{\"username\":\"transport-system\",\"department\":\"transport\"}}");
                    outbox.executeUpdate();
                    c.commit();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** OutboxRelay's loop: claim, post, delete after a 2xx or postpone with backoff. */
    private void relay() {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            PreparedStatement claim = c.prepareStatement("select id, payload from outbox_event where next_attempt_at <= now() "
                    + "order by id limit 100 for update skip locked");
            PreparedStatement delete = c.prepareStatement("delete from outbox_event where id = any(?)");
            PreparedStatement postpone = c.prepareStatement("update outbox_event set attempts = attempts + 1, last_error = ?, "
                    + "next_attempt_at = now() + least(interval '100 milliseconds' * power(2, least(attempts, 6)), interval '5 seconds') where id = any(?)");
            PreparedStatement left = c.prepareStatement("select count(*) from outbox_event");
            while (true) {
                List<Long> ids = new ArrayList<>();
                StringBuilder body = new StringBuilder("[");
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        body.append(body.length() > 1 ? "," : "").append(rs.getString(2));
                    }
                }
                body.append(']');
                if (ids.isEmpty()) {
                    c.commit();
                    try (ResultSet rs = left.executeQuery()) {
                        rs.next();
                        if (produced.get() && rs.getLong(1) == 0) {
                            c.commit();
                            return;
                        }
                    }
                    c.commit();
                    Thread.sleep(50);
                    continue;
                }
                java.sql.Array array = c.createArrayOf("bigint", ids.toArray());
                String error = send(body.toString());
                if (error == null) {
                    delete.setArray(1, array);
                    delete.executeUpdate();
                } else {
                    postpone.setString(1, error);
                    postpone.setArray(2, array);
                    postpone.executeUpdate();
                }
                c.commit();
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts a batch; null on a 2xx, else what went wrong. */
    private String send(String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(auditUrl + "/api/audit/ingest"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json").header("Authorization", "Bearer " + token())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2 ? null : "audit answered " + response.statusCode();
        } catch (Exception e) {
            return String.valueOf(e);
        }
    }

    private synchronized String token() throws Exception {
        if (Instant.now().isAfter(tokenExpires)) {
            String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                    + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = ACCESS_TOKEN.matcher(response.body());
            if (!m.find()) {
                throw new IllegalStateException("no token: " + response.body());
            }
            token = m.group(1);
            tokenExpires = Instant.now().plusSeconds(60);
        }
        return token;
    }
}
