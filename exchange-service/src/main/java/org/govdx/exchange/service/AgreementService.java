package org.govdx.exchange.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.identity.Roles;
import org.govdx.common.json.CanonicalJson;
import org.govdx.common.outbox.Outbox;
import org.govdx.common.problem.ProblemException;
import org.govdx.exchange.agreement.Ed25519Jws;
import org.govdx.exchange.catalog.CatalogDataset;
import org.govdx.exchange.domain.AccessRequest;
import org.govdx.exchange.domain.Agreement;
import org.govdx.exchange.domain.AgreementState;
import org.govdx.exchange.domain.RequestKind;
import org.govdx.exchange.repository.AgreementRepository;
import org.govdx.exchange.review.Terms;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Makes agreements from agreed terms and moves them through their states. An agreement is its canonical
 * document, a SHA-256 content hash and two JWS signatures, one per department's CDO, each naming the person
 * whose consent it records; none of these ever changes after signing (DOMAIN rule 5).
 */
@ApplicationScoped
public class AgreementService {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Inject
    AgreementRepository agreements;

    @Inject
    KeyService keys;

    @Inject
    Outbox outbox;

    @Inject
    AuditEvents events;

    /** The CDO whose consent a signature records. */
    public record Signer(String username, String name, OffsetDateTime consentAt) {
    }

    /** Creates (within the caller's transaction) the agreement or open-use grant for an approved request. */
    public Uni<Agreement> create(Caller caller, AccessRequest request, CatalogDataset dataset, Terms terms, Signer consumer, Signer provider) {
        Uni<Agreement> previous = request.amendsAgreementId == null ? Uni.createFrom().nullItem() : agreements.findById(request.amendsAgreementId);
        return previous.flatMap(old -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            Agreement agreement = new Agreement();
            agreement.id = UUID.randomUUID();
            agreement.lineageId = old == null ? agreement.id : old.lineageId;
            agreement.agreementNumber = old == null ? 1 : old.agreementNumber + 1;
            agreement.requestId = request.id;
            agreement.kind = request.kind;
            agreement.state = AgreementState.ACTIVE;
            agreement.consumerDepartment = request.consumerDepartment;
            agreement.providerDepartment = request.providerDepartment;
            agreement.datasetId = dataset.id();
            agreement.datasetVersion = dataset.version();
            agreement.schemaHash = dataset.schemaHash();
            agreement.termStart = terms.termStart();
            agreement.termEnd = terms.termEnd();
            agreement.createdAt = now;
            agreement.updatedAt = now;
            Map<String, Object> document = AgreementDocuments.build(agreement.id, agreement.agreementNumber, agreement.lineageId,
                    old == null ? null : old.id, request, dataset, terms, now);
            byte[] canonical = CanonicalJson.bytes(document);
            agreement.document = new String(canonical, java.nio.charset.StandardCharsets.UTF_8);
            agreement.contentHash = sha256(canonical);
            Uni<Void> signatures = request.kind == RequestKind.OPEN_USE
                    ? Uni.createFrom().voidItem()
                    : keys.signingKey(request.consumerDepartment)
                    .map(key -> agreement.consumerSignature = sign(canonical, key, request.consumerDepartment, "consumer-cdo", consumer, agreement.contentHash))
                    .flatMap(s -> keys.signingKey(request.providerDepartment))
                    .map(key -> agreement.providerSignature = sign(canonical, key, request.providerDepartment, "provider-cdo", provider, agreement.contentHash))
                    .replaceWithVoid();
            Uni<Void> supersede = old == null ? Uni.createFrom().voidItem() : supersede(caller, old, agreement.id);
            return signatures.flatMap(v -> supersede).flatMap(v -> agreements.persist(agreement))
                    .call(a -> outbox.record(events.of(caller, a.kind == RequestKind.AGREEMENT ? "agreement.signed" : "open-use.granted", a.providerDepartment)
                            .dataset(a.datasetId.toString(), a.datasetVersion).agreement(a.id.toString()).fields(terms.fields())
                            .details(Map.of("consumerDepartment", a.consumerDepartment, "contentHash", a.contentHash,
                                    "mode", terms.mode().name(), "agreementNumber", a.agreementNumber))
                            .build()));
        });
    }

    private Uni<Void> supersede(Caller caller, Agreement old, UUID by) {
        if (!old.state.canBecome(AgreementState.SUPERSEDED)) {
            return Uni.createFrom().failure(ProblemException.conflict("The agreement being amended is " + old.state + " and cannot be superseded"));
        }
        old.state = AgreementState.SUPERSEDED;
        old.supersededBy = by;
        old.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return agreements.persist(old).call(a -> outbox.record(events.of(caller, "agreement.superseded", a.providerDepartment)
                .agreement(a.id.toString()).dataset(a.datasetId.toString(), a.datasetVersion)
                .details(Map.of("supersededBy", by.toString())).build())).replaceWithVoid();
    }

    private static String sign(byte[] canonical, KeyService.SigningKey key, String department, String role, Signer signer, String contentHash) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("typ", "govdx-agreement+jws");
        claims.put("govdx.department", department);
        claims.put("govdx.role", role);
        claims.put("govdx.signer", signer.username());
        if (signer.name() != null) {
            claims.put("govdx.signerName", signer.name());
        }
        claims.put("govdx.consentAt", signer.consentAt().toInstant().toString());
        claims.put("govdx.signedAt", java.time.Instant.now().toString());
        claims.put("govdx.contentHash", contentHash);
        return Ed25519Jws.sign(canonical, key.privateKey(), key.kid(), claims);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @WithSession
    public Uni<Agreement> get(Caller caller, UUID id) {
        return agreements.findById(id).map(a -> {
            if (a == null || !visibleTo(caller, a)) {
                throw ProblemException.notFound("No agreement " + id);
            }
            return a;
        });
    }

    @WithSession
    public Uni<List<Agreement>> list(Caller caller, AgreementState state, int limit) {
        return seesAll(caller) ? agreements.all(state, limit) : agreements.ofDepartment(caller.department(), state, limit, null);
    }

    /** Suspend, resume or revoke: the provider's CDO, with a reason; takes effect on the next data call. */
    @WithTransaction
    public Uni<Agreement> changeState(Caller caller, UUID id, AgreementState target, String reason, Integer expectedVersion) {
        return agreements.findById(id).flatMap(a -> {
            if (a == null || !visibleTo(caller, a)) {
                throw ProblemException.notFound("No agreement " + id);
            }
            if (!caller.hasRole(Roles.CDO) || !caller.belongsTo(a.providerDepartment)) {
                throw ProblemException.forbidden("Only the provider department's CDO suspends, resumes or revokes an agreement");
            }
            if (reason == null || reason.isBlank()) {
                throw ProblemException.invalidField("reason", "required");
            }
            if (expectedVersion != null && expectedVersion != a.version) {
                throw ProblemException.preconditionFailed("The agreement changed since you read it");
            }
            if (!a.state.canBecome(target)) {
                throw ProblemException.conflict("The agreement is " + a.state + " and cannot become " + target);
            }
            a.state = target;
            a.stateReason = reason;
            a.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            String action = switch (target) {
                case SUSPENDED -> "agreement.suspended";
                case ACTIVE -> "agreement.resumed";
                case REVOKED -> "agreement.revoked";
                default -> "agreement." + target.name().toLowerCase();
            };
            return agreements.persistAndFlush(a).call(saved -> outbox.record(events.of(caller, action, a.providerDepartment)
                    .agreement(a.id.toString()).dataset(a.datasetId.toString(), a.datasetVersion).reason(reason).build()));
        });
    }

    @Scheduled(every = "${govdx.agreements.expiry-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> expireOnSchedule() {
        return expire().replaceWithVoid().onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Ends agreements whose term is over (every minute; safe in several replicas: row versions). */
    @WithTransaction
    public Uni<Integer> expire() {
        LocalDate today = LocalDate.now(CHINA);
        return agreements.expiredBy(today).flatMap(list -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Agreement a : list) {
                a.state = AgreementState.EXPIRED;
                a.stateReason = "term ended " + a.termEnd;
                a.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                chain = chain.call(() -> outbox.record(events.of(null, "agreement.expired", a.providerDepartment)
                        .agreement(a.id.toString()).dataset(a.datasetId.toString(), a.datasetVersion).reason(a.stateReason).build()));
            }
            return chain.replaceWith(list.size());
        });
    }

    @WithSession
    public Uni<List<Agreement>> bindingOnDataset(UUID datasetId) {
        return agreements.bindingOnDataset(datasetId);
    }

    static boolean seesAll(Caller caller) {
        return caller.hasRole(Roles.PLATFORM_ADMIN) || caller.hasRole(Roles.AUDITOR);
    }

    static boolean visibleTo(Caller caller, Agreement a) {
        return seesAll(caller) || caller.belongsTo(a.consumerDepartment) || caller.belongsTo(a.providerDepartment);
    }
}
