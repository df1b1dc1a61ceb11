package org.govdx.exchange.rest;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.govdx.exchange.CatalogForTests;
import org.govdx.testsupport.CatalogDatasets;
import org.govdx.exchange.service.AgreementService;
import org.govdx.exchange.service.DeadlineWatch;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class RequestFlowTests {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static UUID residents;
    private static UUID traffic;
    private static UUID vaccinations;

    @Inject
    Pool pool;

    @Inject
    AgreementService agreementService;

    @Inject
    DeadlineWatch deadlineWatch;

    @BeforeAll
    static void publishDatasets() {
        CatalogDatasets catalog = new CatalogDatasets(CatalogForTests.url());
        residents = catalog.publishResidents();
        traffic = catalog.publishTrafficCounts();
        vaccinations = catalog.publishVaccinations();
    }

    static Map<String, Object> draft(UUID dataset, List<String> fields, String mode, String filter) {
        Map<String, Object> d = new HashMap<>();
        d.put("datasetId", dataset.toString());
        d.put("fields", fields);
        d.put("purpose", "SOCIAL_ASSISTANCE_ELIGIBILITY");
        d.put("purposeDetail", "核对低保申请人户籍 verify applicants' household registration");
        d.put("legalBasis", "《社会救助暂行办法》第十一条");
        d.put("accessMode", mode);
        d.put("rowFilter", filter);
        d.put("termStart", TODAY.toString());
        d.put("termEnd", TODAY.plusMonths(6).toString());
        d.put("dailyRowQuota", 5000);
        d.put("expectedVolume", 500);
        d.put("retentionDays", 90);
        d.put("minGroupSize", 10);
        d.put("authorisedUsers", List.of("hrss-steward", "hrss-system"));
        d.put("caseReference", "人社〔2026〕7号");
        return d;
    }

    static Response create(String user, Map<String, Object> draft) {
        return given().auth().oauth2(Tokens.of(user)).contentType("application/json").body(draft).post("/api/exchange/requests");
    }

    static Response act(String user, String id, String action, String etag, Map<String, Object> body) {
        var spec = given().auth().oauth2(Tokens.of(user)).contentType("application/json");
        if (etag != null) {
            spec.header("If-Match", etag);
        }
        return spec.body(body == null ? Map.of() : body).post("/api/exchange/requests/" + id + "/" + action);
    }

    static String etag(String user, String id) {
        return given().auth().oauth2(Tokens.of(user)).get("/api/exchange/requests/" + id).then().statusCode(200).extract().header("ETag");
    }

    /** Drafts, submits and endorses a residents request: it then waits for the provider (civil-affairs). */
    static String awaitingProvider(List<String> fields) {
        String filter = fields.contains("district_code") ? "district_code = '320505'" : null;
        String id = create("hrss-steward", draft(residents, fields, "VIEW", filter)).then().statusCode(201).extract().path("id");
        act("hrss-steward", id, "submit", null, null).then().statusCode(200).body("state", equalTo("AWAITING_ENDORSEMENT"));
        act("hrss-cdo", id, "endorse", etag("hrss-cdo", id), null).then().statusCode(200).body("state", equalTo("AWAITING_PROVIDER"));
        return id;
    }

    private long deniedEvents(String action) {
        return pool.preparedQuery("select count(*) from outbox_event where action = $1 and payload like '%\"outcome\":\"DENIED\"%'")
                .execute(Tuple.of(action)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    @Test
    void fromDraftToASignedActiveAgreementThatAnIndependentLibraryVerifiesWithThePublicJwks() throws Throwable {
        String id = awaitingProvider(List.of("resident_id", "name", "district_code"));
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).get("/api/exchange/requests/inbox")
                .then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).get("/api/exchange/requests/" + id)
                .then().body("nextActions", hasItems("approve", "approve-with-changes", "return-for-changes", "reject"))
                .body("dueOn", notNullValue());

        String agreementId = act("civil-affairs-cdo", id, "approve", etag("civil-affairs-cdo", id), Map.of("reason", "符合最小必要原则"))
                .then().statusCode(200).body("state", equalTo("APPROVED")).extract().path("agreementId");

        Response agreement = given().auth().oauth2(Tokens.of("hrss-cdo")).get("/api/exchange/agreements/" + agreementId);
        agreement.then().statusCode(200).body("state", equalTo("ACTIVE")).body("kind", equalTo("AGREEMENT"));
        String document = agreement.path("document");
        assertThat(agreement.<String>path("contentHash"))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8))));

        // offline: only the public JWKS (no token) and nimbus-jose-jwt
        JWKSet jwks = JWKSet.parse(given().get("/api/exchange/.well-known/jwks.json").then().statusCode(200).extract().asString());
        Map<String, String> signers = new HashMap<>();
        for (String field : List.of("consumerSignature", "providerSignature")) {
            JWSObject jws = JWSObject.parse(agreement.path(field));
            OctetKeyPair key = (OctetKeyPair) jwks.getKeyByKeyId(jws.getHeader().getKeyID());
            assertThat(jws.verify(new Ed25519Verifier(key))).as(field).isTrue();
            assertThat(new String(jws.getPayload().toBytes(), StandardCharsets.UTF_8)).isEqualTo(document);
            signers.put((String) jws.getHeader().getCustomParam("govdx.department"), (String) jws.getHeader().getCustomParam("govdx.signer"));
        }
        assertThat(signers).containsEntry("hrss", "hrss-cdo").containsEntry("civil-affairs", "civil-affairs-cdo");
        assertThat(document).contains("\"onwardDisclosure\"", "\"deletionDuty\"", "\"schemaHash\"", "\"reviewDate\"", "hrss-system");

        given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/exchange/requests/" + id + "/history")
                .then().statusCode(200).body("action", equalTo(List.of("CREATE", "SUBMIT", "ENDORSE", "APPROVE")))
                .body("actor", equalTo(List.of("hrss-steward", "hrss-steward", "hrss-cdo", "civil-affairs-cdo")));
        given().auth().oauth2(Tokens.ofService()).get("/api/exchange/internal/datasets/" + residents + "/consumers")
                .then().statusCode(200).body("agreementId", hasItem(agreementId)).body("department", hasItem("hrss"));
        // a department outside the agreement does not see it
        given().auth().oauth2(Tokens.of("transport-cdo")).get("/api/exchange/agreements/" + agreementId).then().statusCode(404);
    }

    @Test
    void aNarrowedApprovalGoesBackToTheConsumersCdoAndTheAgreementHasTheNarrowedTerms() {
        String id = awaitingProvider(List.of("resident_id", "name", "district_code"));
        Map<String, Object> changes = Map.of("fields", List.of("resident_id", "district_code"), "termEnd", TODAY.plusMonths(3).toString(),
                "dailyRowQuota", 1000);
        act("civil-affairs-cdo", id, "approve-with-changes", etag("civil-affairs-cdo", id), Map.of("reason", "姓名不属于最小必要", "changes", changes))
                .then().statusCode(200).body("state", equalTo("AWAITING_CONSUMER_ACCEPTANCE"))
                .body("proposedTerms.fields", equalTo(List.of("resident_id", "district_code")));
        given().auth().oauth2(Tokens.of("hrss-cdo")).get("/api/exchange/requests/" + id + "/diff")
                .then().statusCode(200).body("term", hasItems("fields", "termEnd", "dailyRowQuota"));
        String agreementId = act("hrss-cdo", id, "accept-changes", etag("hrss-cdo", id), null)
                .then().statusCode(200).body("state", equalTo("APPROVED")).extract().path("agreementId");
        String document = given().auth().oauth2(Tokens.of("hrss-cdo")).get("/api/exchange/agreements/" + agreementId + "/document")
                .then().statusCode(200).extract().asString();
        assertThat(document).contains("\"dailyRowQuota\":1000").doesNotContain("\"name\":\"name\"");
    }

    @Test
    void wideningOnApprovalIsRefusedWritesNothingAndIsLoggedAsDenied() {
        String id = awaitingProvider(List.of("resident_id", "district_code"));
        long before = deniedEvents("request.approve-with-changes");
        String etag = etag("civil-affairs-cdo", id);
        act("civil-affairs-cdo", id, "approve-with-changes", etag,
                Map.of("reason", "x", "changes", Map.of("fields", List.of("resident_id", "district_code", "name"), "accessMode", "EXTRACT")))
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItems("changes.fields", "changes.mode"));
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).get("/api/exchange/requests/" + id)
                .then().body("state", equalTo("AWAITING_PROVIDER")).body("proposedTerms", nullValue()).header("ETag", etag);
        assertThat(deniedEvents("request.approve-with-changes")).isEqualTo(before + 1);
    }

    @Test
    void onlyTheRightPartyTakesEachStep() {
        String id = awaitingProvider(List.of("resident_id"));
        String etag = etag("civil-affairs-cdo", id);
        act("civil-affairs-steward", id, "approve", etag, null).then().statusCode(403).contentType("application/problem+json");
        act("hrss-cdo", id, "approve", etag, null).then().statusCode(403);
        act("hrss-steward", id, "approve", etag, null).then().statusCode(403);
        act("transport-cdo", id, "approve", etag, null).then().statusCode(404);
        act("platform-admin", id, "approve", etag, null).then().statusCode(403);
        act("civil-affairs-cdo", id, "reject", etag, Map.of()).then().statusCode(400).body("errors[0].field", equalTo("reason"));
        act("civil-affairs-cdo", id, "approve", null, null).then().statusCode(428);
        act("civil-affairs-cdo", id, "approve", "\"999\"", null).then().statusCode(412);
        act("civil-affairs-cdo", id, "teleport", etag, null).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).get("/api/exchange/requests/" + id).then().body("state", equalTo("AWAITING_PROVIDER"));
        assertThat(deniedEvents("request.approve")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void forbiddenDataAndBrokenTermsAreRefusedWhenDrafted() {
        long before = deniedEvents("request.create");
        create("hrss-steward", draft(vaccinations, List.of("clinic_name"), "AGGREGATE", null))
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("datasetId"));
        create("hrss-steward", draft(residents, List.of("resident_id", "ethnicity"), "VIEW", null))
                .then().statusCode(422).body("errors.field", hasItem("fields[1]"));
        create("hrss-steward", draft(residents, List.of("resident_id"), "VIEW", "district_code = '320505'"))
                .then().statusCode(422).body("errors.field", hasItem("rowFilter"));
        create("hrss-steward", draft(residents, List.of("resident_id"), "VIEW", "resident_id = "))
                .then().statusCode(422).body("errors.field", hasItem("rowFilter"));
        Map<String, Object> backwards = draft(residents, List.of("resident_id"), "VIEW", null);
        backwards.put("termEnd", TODAY.minusDays(1).toString());
        create("hrss-steward", backwards).then().statusCode(422).body("errors.field", hasItem("term.end"));
        Map<String, Object> tooLong = draft(residents, List.of("resident_id"), "VIEW", null);
        tooLong.put("termEnd", TODAY.plusYears(5).toString());
        create("hrss-steward", tooLong).then().statusCode(422).body("errors.field", hasItem("term"));
        Map<String, Object> unknownMember = draft(residents, List.of("resident_id"), "VIEW", null);
        unknownMember.put("sneaky", true);
        create("hrss-steward", unknownMember).then().statusCode(400).body("errors[0].field", equalTo("sneaky"));
        create("civil-affairs-steward", draft(residents, List.of("resident_id"), "VIEW", null))
                .then().statusCode(422).body("errors.field", hasItem("datasetId"));
        create("auditor", draft(residents, List.of("resident_id"), "VIEW", null)).then().statusCode(403);
        create("hrss-steward", draft(UUID.randomUUID(), List.of("resident_id"), "VIEW", null)).then().statusCode(422)
                .body("type", equalTo("https://govdx.org/problems/unknown-dataset"));
        // every refusal the service decides is a DENIED event (the malformed body never reaches it: a plain 400)
        assertThat(deniedEvents("request.create")).isEqualTo(before + 9);
    }

    @Test
    void withdrawnAndRejectedRequestsAcceptNoFurtherStep() {
        String withdrawn = awaitingProvider(List.of("resident_id"));
        act("hrss-steward", withdrawn, "withdraw", etag("hrss-steward", withdrawn), null).then().statusCode(200).body("state", equalTo("WITHDRAWN"));
        act("civil-affairs-cdo", withdrawn, "approve", etag("civil-affairs-cdo", withdrawn), null).then().statusCode(409);

        String rejected = awaitingProvider(List.of("resident_id"));
        String etag = etag("civil-affairs-cdo", rejected);
        act("civil-affairs-cdo", rejected, "reject", etag, Map.of("reason", "无法定依据")).then().statusCode(200).body("state", equalTo("REJECTED"))
                .body("decisionReason", equalTo("无法定依据"));
        // replaying the old approval with the ETag seen before the rejection
        act("civil-affairs-cdo", rejected, "approve", etag, null).then().statusCode(409);
        act("hrss-steward", rejected, "withdraw", etag("hrss-steward", rejected), null).then().statusCode(409);
    }

    @Test
    void twoCdosDecidingAtOnceExactlyOneWinsTheOtherGets409() {
        String id = awaitingProvider(List.of("resident_id"));
        String etag = etag("civil-affairs-cdo", id);
        Tokens.of("civil-affairs-cdo");
        Tokens.of("civil-affairs-cdo2");
        List<CompletableFuture<Integer>> decisions = new ArrayList<>();
        decisions.add(CompletableFuture.supplyAsync(() -> act("civil-affairs-cdo", id, "approve", etag, null).statusCode()));
        decisions.add(CompletableFuture.supplyAsync(() -> act("civil-affairs-cdo2", id, "reject", etag, Map.of("reason", "不同意")).statusCode()));
        List<Integer> statuses = decisions.stream().map(CompletableFuture::join).sorted().toList();
        assertThat(statuses).containsExactly(200, 409);
        long agreements = pool.preparedQuery("select count(*) from agreement where request_id = $1").execute(Tuple.of(UUID.fromString(id)))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
        String state = given().auth().oauth2(Tokens.of("hrss-cdo")).get("/api/exchange/requests/" + id).path("state");
        assertThat(agreements).isEqualTo("APPROVED".equals(state) ? 1 : 0);
    }

    @Test
    void theProviderRevokesAndTermEndsExpire() throws Throwable {
        String id = awaitingProvider(List.of("resident_id"));
        String agreementId = act("civil-affairs-cdo", id, "approve", etag("civil-affairs-cdo", id), null).then().statusCode(200).extract().path("agreementId");
        given().auth().oauth2(Tokens.of("hrss-cdo")).contentType("application/json").body(Map.of("reason", "x"))
                .post("/api/exchange/agreements/" + agreementId + "/revoke").then().statusCode(403);
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).contentType("application/json").body(Map.of())
                .post("/api/exchange/agreements/" + agreementId + "/suspend").then().statusCode(400);
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).contentType("application/json").body(Map.of("reason", "数据核查中"))
                .post("/api/exchange/agreements/" + agreementId + "/suspend").then().statusCode(200).body("state", equalTo("SUSPENDED"));
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).contentType("application/json").body(Map.of("reason", "超范围使用"))
                .post("/api/exchange/agreements/" + agreementId + "/revoke").then().statusCode(200).body("state", equalTo("REVOKED"))
                .body("stateReason", equalTo("超范围使用"));
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).contentType("application/json").body(Map.of("reason", "恢复"))
                .post("/api/exchange/agreements/" + agreementId + "/resume").then().statusCode(409);

        String other = awaitingProvider(List.of("resident_id"));
        String expiring = act("civil-affairs-cdo", other, "approve", etag("civil-affairs-cdo", other), null).then().statusCode(200).extract().path("agreementId");
        // time passes: the term ended yesterday
        pool.preparedQuery("update agreement set term_end = $1 where id = $2").execute(Tuple.of(TODAY.minusDays(1), UUID.fromString(expiring)))
                .await().atMost(Duration.ofSeconds(5));
        assertThat(VertxContextSupport.subscribeAndAwait(() -> agreementService.expire())).isGreaterThanOrEqualTo(1);
        given().auth().oauth2(Tokens.of("hrss-cdo")).get("/api/exchange/agreements/" + expiring).then().body("state", equalTo("EXPIRED"));
    }

    @Test
    void anOpenDatasetTakesTheShortPathWithoutTheProvider() {
        Map<String, Object> use = draft(traffic, List.of("station_id", "vehicle_count"), "AGGREGATE", null);
        use.put("purpose", "TRAFFIC_MANAGEMENT");
        use.put("legalBasis", null);
        String id = create("hrss-steward", use).then().statusCode(201).body("kind", equalTo("OPEN_USE")).extract().path("id");
        String grant = act("hrss-steward", id, "submit", null, null).then().statusCode(200).body("state", equalTo("APPROVED"))
                .extract().path("agreementId");
        given().auth().oauth2(Tokens.of("transport-cdo")).get("/api/exchange/agreements/" + grant)
                .then().statusCode(200).body("kind", equalTo("OPEN_USE")).body("state", equalTo("ACTIVE"))
                .body("providerSignature", nullValue());
        given().auth().oauth2(Tokens.of("transport-cdo")).contentType("application/json").body(Map.of("reason", "停止服务"))
                .post("/api/exchange/agreements/" + grant + "/revoke").then().statusCode(200).body("state", equalTo("REVOKED"));
    }

    @Test
    void aPurposeOutsideTheListGoesToThePlatformAdminWhoReviewsItByHand() {
        Map<String, Object> d = draft(residents, List.of("district_code"), "AGGREGATE", null);
        d.put("purpose", "OTHER");
        d.put("purposeDetail", "人口普查专项研究");
        String id = create("hrss-steward", d).then().statusCode(201).extract().path("id");
        act("hrss-steward", id, "submit", null, null).then().statusCode(200);
        act("hrss-cdo", id, "endorse", etag("hrss-cdo", id), null).then().statusCode(200).body("state", equalTo("IN_CONFORMITY_REVIEW"));
        given().auth().oauth2(Tokens.of("platform-admin")).get("/api/exchange/requests/inbox").then().statusCode(200).body("id", hasItem(id));
        act("civil-affairs-cdo", id, "approve", etag("civil-affairs-cdo", id), null).then().statusCode(409);
        act("platform-admin", id, "pass-conformity", etag("platform-admin", id), null).then().statusCode(200).body("state", equalTo("AWAITING_PROVIDER"));
    }

    @Test
    void anOverdueStepIsMarkedAndEscalatedToThePlatformAdmin() throws Throwable {
        String id = awaitingProvider(List.of("resident_id"));
        pool.preparedQuery("update access_request set step_due_on = $1 where id = $2").execute(Tuple.of(TODAY.minusDays(1), UUID.fromString(id)))
                .await().atMost(Duration.ofSeconds(5));
        VertxContextSupport.subscribeAndAwait(() -> deadlineWatch.check(TODAY));
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).get("/api/exchange/requests/" + id).then().body("overdue", equalTo(true));
        given().auth().oauth2(Tokens.of("platform-admin")).get("/api/exchange/requests/inbox").then().body("id", hasItem(id));
        long escalations = pool.preparedQuery("select count(*) from outbox_event where action = 'request.overdue-escalated' and payload like $1")
                .execute(Tuple.of("%" + id + "%")).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
        assertThat(escalations).isEqualTo(1);
    }

    @Test
    void rotationKeepsOldKeysSoOldAgreementsStillVerify() throws Exception {
        String id = awaitingProvider(List.of("resident_id"));
        String agreementId = act("civil-affairs-cdo", id, "approve", etag("civil-affairs-cdo", id), null).then().statusCode(200).extract().path("agreementId");
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).post("/api/exchange/keys/civil-affairs/rotate").then().statusCode(403);
        given().auth().oauth2(Tokens.of("platform-admin")).post("/api/exchange/keys/civil-affairs/rotate").then().statusCode(200);
        JWKSet jwks = JWKSet.parse(given().get("/api/exchange/.well-known/jwks.json").asString());
        JWSObject jws = JWSObject.parse(given().auth().oauth2(Tokens.of("hrss-cdo")).get("/api/exchange/agreements/" + agreementId).<String>path("providerSignature"));
        assertThat(jws.verify(new Ed25519Verifier((OctetKeyPair) jwks.getKeyByKeyId(jws.getHeader().getKeyID())))).isTrue();
        assertThat(jwks.getKeys().stream().filter(k -> k.getKeyID().startsWith("civil-affairs-")).count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRejectedConsumerRaisesADisputeThatThePlatformAdminCloses() {
        String id = awaitingProvider(List.of("resident_id"));
        act("civil-affairs-cdo", id, "reject", etag("civil-affairs-cdo", id), Map.of("reason", "用途不明确")).then().statusCode(200);
        given().auth().oauth2(Tokens.of("hrss-steward")).contentType("application/json").body(Map.of("statement", "x"))
                .post("/api/exchange/requests/" + id + "/disputes").then().statusCode(403);
        String disputeId = given().auth().oauth2(Tokens.of("hrss-cdo")).contentType("application/json")
                .body(Map.of("statement", "用途已在申请中写明：低保资格核查")).post("/api/exchange/requests/" + id + "/disputes")
                .then().statusCode(201).body("state", equalTo("OPEN")).extract().path("id");
        given().auth().oauth2(Tokens.of("hrss-cdo")).contentType("application/json").body(Map.of("statement", "again"))
                .post("/api/exchange/requests/" + id + "/disputes").then().statusCode(409);
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).get("/api/exchange/disputes").then().body("id", hasItem(disputeId));
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).contentType("application/json").body(Map.of("outcome", "UPHELD", "resolution", "x"))
                .post("/api/exchange/disputes/" + disputeId + "/close").then().statusCode(403);
        given().auth().oauth2(Tokens.of("platform-admin")).contentType("application/json")
                .body(Map.of("outcome", "SETTLED", "resolution", "协调后由民政局重新审核"))
                .post("/api/exchange/disputes/" + disputeId + "/close").then().statusCode(200)
                .body("state", equalTo("CLOSED")).body("outcome", equalTo("SETTLED")).body("closedBy", equalTo("platform-admin"));
    }
}
