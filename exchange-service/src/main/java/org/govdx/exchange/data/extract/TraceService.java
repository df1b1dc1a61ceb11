package org.govdx.exchange.data.extract;

import org.govdx.common.outbox.Outbox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.common.events.AuditEvent;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.identity.Roles;
import org.govdx.common.problem.ProblemException;
import org.govdx.exchange.catalog.CatalogClient;
import org.govdx.exchange.catalog.CatalogDataset;
import org.govdx.exchange.data.HostedColumns;
import org.govdx.exchange.data.AgreementKeys;
import org.govdx.rules.extract.LeakTrace;
import org.govdx.rules.masking.Masker;
import org.govdx.rules.masking.MaskingRule;
import org.govdx.rules.masking.MaskingStrategy;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The provider's trace of a leaked EXTRACT copy (decision 0041): the candidates are every EXTRACT agreement ever made
 * over the dataset (any version, any state: a copy outlives its agreement); each is scored by {@link LeakTrace} with
 * its own watermark key and, when the leak holds pseudonym-shaped cells, with its own pseudonyms of the provider's
 * values (recomputed from the hosted rows through a cursor, only for those cells). Only the owner department's
 * steward or CDO may trace; every trace is an audit event ({@code data.traced}).
 */
@ApplicationScoped
public class TraceService {

    /** Rows of a leak weighed; more adds nothing to the evidence. */
    public static final int MAX_ROWS = 20_000;

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Inject
    CatalogClient catalog;

    @Inject
    AgreementKeys keys;

    @Inject
    AuditEvents events;

    @Inject
    ObjectMapper mapper;

    record Candidate(UUID id, String consumerDepartment, String state, int datasetVersion, List<String> pseudonymised) {
    }

    public Map<String, Object> trace(Caller caller, UUID datasetId, Reader leak) {
        JsonNode dataset = catalog.get("/api/catalog/datasets/" + datasetId, () -> ProblemException.notFound("No dataset " + datasetId))
                .await().atMost(ExtractService.DB);
        String owner = dataset.path("ownerDepartment").asText();
        if (!caller.belongsTo(owner) || !(caller.hasRole(Roles.STEWARD) || caller.hasRole(Roles.CDO))) {
            throw ProblemException.forbidden("Only the steward or CDO of the dataset's owner department traces a leaked copy");
        }
        List<List<String>> rows;
        try {
            rows = org.govdx.rules.extract.LeakedCopy.read(leak, MAX_ROWS);
        } catch (IOException e) {
            throw ProblemException.badRequest("The leaked copy could not be read");
        }
        if (rows.isEmpty()) {
            throw ProblemException.badRequest("The leaked copy has no rows");
        }
        Set<String> leakedPseudonyms = new HashSet<>();
        rows.forEach(r -> r.forEach(cell -> {
            if (LeakTrace.looksLikePseudonym(cell)) {
                leakedPseudonyms.add(cell.strip());
            }
        }));

        List<Candidate> candidates = new ArrayList<>();
        for (Row r : pool.preparedQuery("select id, consumer_department, state, dataset_version, document from agreement where dataset_id = $1 "
                + "and provider_department = $2 order by created_at").execute(Tuple.of(datasetId, owner)).await().atMost(ExtractService.DB)) {
            JsonNode doc = readTree(r.getString(4));
            if (!"EXTRACT".equals(doc.path("accessMode").asText())) {
                continue;
            }
            List<String> pseudonymised = new ArrayList<>();
            for (JsonNode f : doc.path("fields")) {
                try {
                    if (MaskingRule.parse(f.path("masking").asText("redact")).strategy() == MaskingStrategy.PSEUDONYM) {
                        pseudonymised.add(f.path("name").asText());
                    }
                } catch (RuntimeException ignored) {
                    // a rule this version cannot read produced no pseudonyms
                }
            }
            candidates.add(new Candidate(r.getUUID(0), r.getString(1), r.getString(2), r.getInteger(3), pseudonymised));
        }

        Map<UUID, Set<String>> matched = new HashMap<>();
        if (!leakedPseudonyms.isEmpty()) {
            Map<Integer, List<Candidate>> byVersion = new HashMap<>();
            candidates.stream().filter(c -> !c.pseudonymised().isEmpty()).forEach(c -> byVersion.computeIfAbsent(c.datasetVersion(), v -> new ArrayList<>()).add(c));
            byVersion.forEach((version, list) -> matchPseudonyms(datasetId, version, list, leakedPseudonyms, matched));
        }
        List<LeakTrace.Candidate> scored = candidates.stream().map(c -> new LeakTrace.Candidate(c.id().toString(), keys.watermark(c.id()),
                matched.getOrDefault(c.id(), Set.of())::contains)).toList();
        List<LeakTrace.Score> scores = LeakTrace.score(rows, scored);

        Map<UUID, Candidate> byId = new HashMap<>();
        candidates.forEach(c -> byId.put(c.id(), c));
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> attributed = new ArrayList<>();
        for (LeakTrace.Score s : scores) {
            Candidate c = byId.get(UUID.fromString(s.candidateId()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("agreementId", s.candidateId());
            m.put("consumerDepartment", c.consumerDepartment());
            m.put("agreementState", c.state());
            m.put("datasetVersion", c.datasetVersion());
            m.put("attributed", s.attributed());
            m.put("score", s.score());
            m.put("falseAttributionProbability", s.falseAttributionProbability());
            m.put("pseudonymCells", s.pseudonymCells());
            m.put("pseudonymMatches", s.pseudonymMatches());
            m.put("markedCells", s.markedCells());
            m.put("markedCellsAgreeing", s.markedAgreeing());
            out.add(m);
            if (s.attributed()) {
                attributed.add(s.candidateId());
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("datasetId", datasetId.toString());
        result.put("rowsRead", rows.size());
        result.put("attributedTo", attributed);
        result.put("threshold", LeakTrace.ATTRIBUTION_THRESHOLD);
        result.put("candidates", out);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rowsRead", rows.size());
        details.put("attributedTo", attributed);
        details.put("candidates", candidates.size());
        AuditEvent event = events.of(caller, "data.traced", owner).dataset(datasetId.toString(), null).details(details).build();
        outbox.insert(pool, event).await().atMost(ExtractService.DB);
        result.put("auditEventId", event.eventId().toString());
        return result;
    }

    /** Streams the version's values of the pseudonymised fields and keeps, per candidate, the leaked tokens that are its pseudonyms. */
    private void matchPseudonyms(UUID datasetId, int version, List<Candidate> list, Set<String> leaked, Map<UUID, Set<String>> matched) {
        CatalogDataset ds = catalog.dataset(datasetId, version).await().atMost(ExtractService.DB);
        Set<String> fields = new java.util.LinkedHashSet<>();
        list.forEach(c -> fields.addAll(c.pseudonymised()));
        List<String> names = new ArrayList<>(fields);
        Map<UUID, Masker> maskers = new HashMap<>();
        list.forEach(c -> maskers.put(c.id(), keys.masker(c.id())));
        HostedColumns columns = HostedColumns.of(names, ds);
        StringBuilder sql = new StringBuilder("select ").append(columns.selectList()).append(" from hosted_row where dataset_id = $1 and dataset_version = $2");
        SqlConnection conn = pool.getConnection().await().atMost(ExtractService.DB);
        Transaction tx = null;
        try {
            tx = conn.begin().await().atMost(ExtractService.DB);
            Cursor cursor = conn.prepare(sql.toString()).await().atMost(ExtractService.DB).cursor(Tuple.of(datasetId, version));
            do {
                RowSet<Row> batch = cursor.read(2000).await().atMost(ExtractService.DB);
                for (Row r : batch) {
                    Object[] values = columns.values(r, 0);
                    for (int i = 0; i < names.size(); i++) {
                        Object value = values[i];
                        if (value == null) {
                            continue;
                        }
                        for (Candidate c : list) {
                            if (c.pseudonymised().contains(names.get(i))) {
                                String p = maskers.get(c.id()).pseudonym(value);
                                if (leaked.contains(p)) {
                                    matched.computeIfAbsent(c.id(), k -> new HashSet<>()).add(p);
                                }
                            }
                        }
                    }
                }
            } while (cursor.hasMore());
        } finally {
            if (tx != null) {
                try {
                    tx.rollback().await().atMost(ExtractService.DB);
                } catch (RuntimeException ignored) {
                    // closing next
                }
            }
            conn.close().await().atMost(ExtractService.DB);
        }
    }

    private JsonNode readTree(String s) {
        try {
            return mapper.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
