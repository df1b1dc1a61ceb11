package org.govdx.exchange.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.outbox.Outbox;
import org.govdx.exchange.agreement.Ed25519Jws;
import org.govdx.exchange.agreement.SealedKeys;
import org.govdx.exchange.domain.DepartmentKey;
import org.govdx.exchange.repository.DepartmentKeyRepository;
import org.jboss.logging.Logger;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One Ed25519 signing key pair per department, created on first use; the private key sealed at rest under
 * the master key ({@code govdx.keys.master-key}, a Kubernetes Secret in production), never logged or
 * returned. Rotation retires the active key but keeps its public half in the JWKS, so agreements it signed
 * still verify. Callers run inside a transaction.
 */
@ApplicationScoped
public class KeyService {

    private static final Logger LOG = Logger.getLogger(KeyService.class);
    /** The development master key; any deployment sets GOVDX_MASTER_KEY. */
    static final String DEVELOPMENT_MASTER_KEY = "ZGV2LW9ubHktZ292ZHgtbWFzdGVyLWtleS0zMmJ5dGU=";

    @Inject
    DepartmentKeyRepository keys;

    @Inject
    Outbox outbox;

    @Inject
    AuditEvents events;

    private final SealedKeys sealedKeys;

    /** A department's signing key, opened for one signature. */
    public record SigningKey(String kid, PrivateKey privateKey) {
    }

    @Inject
    public KeyService(@ConfigProperty(name = "govdx.keys.master-key", defaultValue = DEVELOPMENT_MASTER_KEY) String masterKey) {
        if (DEVELOPMENT_MASTER_KEY.equals(masterKey)) {
            LOG.warn("signing keys are sealed under the development master key: set GOVDX_MASTER_KEY in any real deployment");
        }
        this.sealedKeys = new SealedKeys(masterKey);
    }

    public Uni<SigningKey> signingKey(String department) {
        return keys.active(department)
                .flatMap(key -> key != null ? Uni.createFrom().item(key) : create(department))
                .map(key -> new SigningKey(key.kid, sealedKeys.open(key.sealedPrivateKey, key.kid)));
    }

    public Uni<DepartmentKey> rotate(Caller caller, String department) {
        return keys.active(department).flatMap(active -> {
            Uni<Void> retire = Uni.createFrom().voidItem();
            if (active != null) {
                active.retiredAt = OffsetDateTime.now(ZoneOffset.UTC);
                retire = keys.persistAndFlush(active).replaceWithVoid();
            }
            return retire.flatMap(v -> create(department))
                    .call(key -> outbox.record(events.of(caller, "key.rotated", department)
                            .details(Map.of("kid", key.kid, "retiredKid", active == null ? "" : active.kid)).build()));
        });
    }

    /** Every public key ever used, active or retired, as JWKs. */
    public Uni<List<Map<String, String>>> jwks() {
        return keys.all().map(all -> all.stream().map(k -> Ed25519Jws.jwk(k.kid, k.publicKey)).toList());
    }

    private Uni<DepartmentKey> create(String department) {
        KeyPair pair = SealedKeys.generate();
        DepartmentKey key = new DepartmentKey();
        key.kid = department + "-" + UUID.randomUUID().toString().substring(0, 8);
        key.department = department;
        key.publicKey = Ed25519Jws.raw(pair.getPublic());
        key.sealedPrivateKey = sealedKeys.seal(pair.getPrivate(), key.kid);
        key.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return keys.persistAndFlush(key);
    }
}
