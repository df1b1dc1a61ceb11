package org.govdx.exchange.data.proxy;

import org.govdx.exchange.data.BlockingTransaction;
import org.govdx.common.outbox.Outbox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.common.events.AuditEvent;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.identity.Roles;
import org.govdx.common.problem.ProblemException;
import org.govdx.exchange.agreement.SealedKeys;
import org.govdx.exchange.catalog.CatalogClient;
import org.govdx.exchange.catalog.CatalogDataset;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Provider endpoints of PROXIED datasets: the owner department's steward or CDO registers the URL and its
 * credential; the credential is sealed under the master key at once (as department signing keys are) and
 * is opened only in memory for a call. No API returns it and nothing logs it (see decision 0045).
 */
@ApplicationScoped
public class ProxyEndpointService {

    private static final Duration DB = Duration.ofSeconds(30);
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final String FORBIDDEN_HEADERS = "|host|content-length|transfer-encoding|connection|cookie|";

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Inject
    CatalogClient catalog;

    @Inject
    AuditEvents events;

    @Inject
    ProviderClient client;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "govdx.keys.master-key")
    String masterKey;

    private SealedKeys sealed;

    @PostConstruct
    void init() {
        sealed = new SealedKeys(masterKey);
    }

    /** Registers (or replaces) the endpoint of a PROXIED dataset version; returns what anyone may see of it. */
    public ProxyRegistration register(Caller caller, UUID datasetId, int version, ProxyRegistration.Input input) {
        CatalogDataset dataset = ownedProxiedDataset(caller, datasetId, version);
        if (input == null || input.endpoint() == null || input.endpoint().isBlank()) {
            throw ProblemException.invalidField("endpoint", "the provider's endpoint URL is required");
        }
        URI uri;
        try {
            uri = new URI(input.endpoint().trim());
        } catch (URISyntaxException e) {
            throw ProblemException.invalidField("endpoint", "must be an absolute http(s) URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null
                || uri.getUserInfo() != null || uri.getFragment() != null) {
            throw ProblemException.invalidField("endpoint", "must be an absolute http(s) URL without user info or fragment");
        }
        Optional<String> refused = client.refusal(uri);
        if (refused.isPresent()) {
            throw ProblemException.invalidField("endpoint", refused.get());
        }
        ProxyRegistration.Auth auth = input.auth() == null ? new ProxyRegistration.Auth("NONE", null, null, null, null, null) : input.auth();
        String scheme = auth.scheme() == null ? "NONE" : auth.scheme().trim().toUpperCase(Locale.ROOT);
        String header = null;
        byte[] secret;
        switch (scheme) {
            case "NONE" -> secret = null;
            case "BEARER" -> secret = required(auth.token(), "auth.token");
            case "BASIC" -> {
                byte[] user = required(auth.username(), "auth.username");
                if (new String(user, StandardCharsets.UTF_8).contains(":")) {
                    throw ProblemException.invalidField("auth.username", "a Basic user name has no ':'");
                }
                secret = (new String(user, StandardCharsets.UTF_8) + ":" + new String(required(auth.password(), "auth.password"), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case "API_KEY" -> {
                if (auth.header() == null || !HEADER_NAME.matcher(auth.header()).matches()
                        || FORBIDDEN_HEADERS.contains("|" + auth.header().toLowerCase(Locale.ROOT) + "|")) {
                    throw ProblemException.invalidField("auth.header", "a header name: letters, digits and '-', at most 64 characters");
                }
                header = auth.header();
                secret = required(auth.value(), "auth.value");
            }
            default -> throw ProblemException.invalidField("auth.scheme", "NONE, BEARER, BASIC or API_KEY");
        }
        byte[] sealedSecret = secret == null ? null : sealed.sealBytes(secret, context(datasetId, version));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("endpointHost", uri.getHost());
        details.put("authScheme", scheme);
        AuditEvent event = events.of(caller, "proxy.registered", dataset.ownerDepartment()).dataset(datasetId.toString(), version).details(details).build();
        Tuple row = Tuple.tuple().addUUID(datasetId).addInteger(version).addString(uri.toString()).addString(scheme).addString(header)
                .addValue(sealedSecret == null ? null : io.vertx.core.buffer.Buffer.buffer(sealedSecret)).addString(caller.principal());
        BlockingTransaction.run(pool, DB, conn -> {
            conn.preparedQuery("insert into proxy_endpoint (dataset_id, dataset_version, endpoint, auth_scheme, auth_header, sealed_secret, registered_by, registered_at) "
                            + "values ($1, $2, $3, $4, $5, $6, $7, now()) on conflict (dataset_id, dataset_version) do update set endpoint = excluded.endpoint, "
                            + "auth_scheme = excluded.auth_scheme, auth_header = excluded.auth_header, sealed_secret = excluded.sealed_secret, "
                            + "registered_by = excluded.registered_by, registered_at = excluded.registered_at")
                    .execute(row).await().atMost(DB);
            return outbox.insert(conn, event).await().atMost(DB);
        });
        return find(datasetId, version).orElseThrow();
    }

    /** What is registered, for the owner department, platform admins and auditors (404 for others). */
    public ProxyRegistration get(Caller caller, UUID datasetId, int version) {
        CatalogDataset dataset = catalog.dataset(datasetId, version).await().atMost(DB);
        if (!(caller.belongsTo(dataset.ownerDepartment()) || caller.hasRole(Roles.PLATFORM_ADMIN) || caller.hasRole(Roles.AUDITOR))) {
            throw ProblemException.notFound("No endpoint registered for this dataset version");
        }
        return find(datasetId, version).orElseThrow(() -> ProblemException.notFound("No endpoint registered for this dataset version"));
    }

    /** The endpoint with its credential opened, for one call; empty when none is registered. */
    public Optional<ProviderEndpoint> endpoint(UUID datasetId, int version) {
        RowSet<Row> rows = pool.preparedQuery("select endpoint, auth_scheme, auth_header, sealed_secret from proxy_endpoint where dataset_id = $1 and dataset_version = $2")
                .execute(Tuple.of(datasetId, version)).await().atMost(DB);
        if (!rows.iterator().hasNext()) {
            return Optional.empty();
        }
        Row r = rows.iterator().next();
        String scheme = r.getString(1);
        byte[] secret = r.getBuffer(3) == null ? null : sealed.openBytes(r.getBuffer(3).getBytes(), context(datasetId, version));
        String name = null;
        String value = null;
        switch (scheme) {
            case "BEARER" -> {
                name = "Authorization";
                value = "Bearer " + new String(secret, StandardCharsets.UTF_8);
            }
            case "BASIC" -> {
                name = "Authorization";
                value = "Basic " + Base64.getEncoder().encodeToString(secret);
            }
            case "API_KEY" -> {
                name = r.getString(2);
                value = new String(secret, StandardCharsets.UTF_8);
            }
            default -> {
                // NONE
            }
        }
        return Optional.of(new ProviderEndpoint(datasetId, version, URI.create(r.getString(0)), name, value));
    }

    private Optional<ProxyRegistration> find(UUID datasetId, int version) {
        RowSet<Row> rows = pool.preparedQuery("select endpoint, auth_scheme, auth_header, sealed_secret is not null, registered_by, registered_at "
                + "from proxy_endpoint where dataset_id = $1 and dataset_version = $2").execute(Tuple.of(datasetId, version)).await().atMost(DB);
        if (!rows.iterator().hasNext()) {
            return Optional.empty();
        }
        Row r = rows.iterator().next();
        return Optional.of(new ProxyRegistration(datasetId, version, r.getString(0), r.getString(1), r.getString(2), r.getBoolean(3), r.getString(4),
                r.getOffsetDateTime(5)));
    }

    private CatalogDataset ownedProxiedDataset(Caller caller, UUID datasetId, int version) {
        if (!(caller.hasRole(Roles.STEWARD) || caller.hasRole(Roles.CDO))) {
            throw ProblemException.forbidden("Only the owner department's steward or CDO registers a provider endpoint");
        }
        CatalogDataset dataset = catalog.dataset(datasetId, version).await().atMost(DB);
        if (!caller.belongsTo(dataset.ownerDepartment())) {
            throw ProblemException.forbidden("Only the owner department's steward or CDO registers a provider endpoint");
        }
        if (!"PROXIED".equals(dataset.distributionMode())) {
            throw ProblemException.conflict("The dataset version is hosted on the platform, not proxied to the provider");
        }
        return dataset;
    }

    private static byte[] required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw ProblemException.invalidField(field, "required for this scheme");
        }
        if (value.length() > 4096 || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw ProblemException.invalidField(field, "at most 4096 characters, one line");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static String context(UUID datasetId, int version) {
        return "govdx/proxy-credential/v1\n" + datasetId + "/" + version;
    }


}
