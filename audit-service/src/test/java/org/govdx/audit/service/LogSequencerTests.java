package org.govdx.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.govdx.audit.domain.IngestResult;
import org.govdx.audit.domain.NodeBatch;
import org.govdx.audit.domain.PrefetchedNodes;
import org.govdx.tlog.NodeId;
import org.govdx.audit.repository.MerkleNodeRepository;
import org.govdx.audit.support.ReferenceMerkle;
import org.govdx.audit.support.TestLog;
import org.govdx.common.problem.ProblemException;
import org.govdx.tlog.CompactRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class LogSequencerTests {

    @Inject
    LogIngestService ingest;

    @Inject
    LogSequencer sequencer;

    @Inject
    MerkleNodeRepository nodes;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    JsonNode json(Map<String, Object> event) {
        return mapper.valueToTree(event);
    }

    void assertTreeMatchesEntries() {
        List<String> entries = TestLog.entries(pool);
        assertThat(TestLog.size(pool)).isEqualTo(entries.size());
        assertThat(TestLog.storedRoot(pool)).isEqualTo(ReferenceMerkle.ofEntries(entries).root(entries.size()));
    }

    @Test
    void aBatchThatDoesNotFitTheQueueIsRefusedAtOnceWith503AndIsNotLogged() {
        int configured = sequencer.maxQueued(3);
        List<UUID> ids = new ArrayList<>();
        List<Uni<Boolean>> calls = new ArrayList<>();
        long sizeBefore = TestLog.size(pool);
        try {
            for (int i = 0; i < 300; i++) {
                Map<String, Object> event = TestLog.event("sequencer.busy", "health", "hrss");
                ids.add(UUID.fromString((String) event.get("eventId")));
                calls.add(ingest.ingest(List.of(json(event))).map(r -> true)
                        .onFailure(LogBusyException.class).recoverWithItem(false));
            }
            List<Boolean> accepted = Uni.join().all(calls).andFailFast().await().atMost(Duration.ofSeconds(30));
            assertThat(accepted).as("some batches refused while the queue was full").contains(false);
            assertThat(accepted).as("and the others logged").contains(true);
            List<String> logged = TestLog.entries(pool);
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i).toString();
                assertThat(logged.stream().anyMatch(e -> e.contains(id))).as("event %d logged iff acknowledged", i).isEqualTo(accepted.get(i));
            }
            assertThat(TestLog.size(pool) - sizeBefore).isEqualTo(accepted.stream().filter(a -> a).count());
        } finally {
            sequencer.maxQueued(configured);
        }
        assertTreeMatchesEntries();
    }

    @Test
    void concurrentRequestsAreCommittedTogetherInFewerTransactionsAndEachIsAnsweredAfterItsCommit() {
        LogSequencer.Stats before = sequencer.stats();
        List<Uni<IngestResult>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(ingest.ingest(List.of(json(TestLog.event("sequencer.group", "health", "hrss")))));
        }
        List<IngestResult> results = Uni.join().all(calls).andFailFast().await().atMost(Duration.ofSeconds(30));
        LogSequencer.Stats after = sequencer.stats();
        assertThat(results).allSatisfy(r -> assertThat(r.appended()).isEqualTo(1));
        assertThat(after.requests() - before.requests()).isEqualTo(200);
        assertThat(after.transactions() - before.transactions()).as("200 requests grouped into fewer transactions").isLessThan(100);
        long committed = TestLog.size(pool);
        assertThat(results).allSatisfy(r -> assertThat(r.size()).isLessThanOrEqualTo(committed));
        assertTreeMatchesEntries();
    }

    @Test
    void anEventInSeveralConcurrentBatchesIsLoggedOnceAndEveryProducerIsAcknowledged() {
        Map<String, Object> event = TestLog.event("sequencer.same-id", "health", "hrss");
        List<Uni<IngestResult>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(ingest.ingest(List.of(json(event), json(TestLog.event("sequencer.other", "health", "hrss")))));
        }
        List<IngestResult> results = Uni.join().all(calls).andFailFast().await().atMost(Duration.ofSeconds(30));
        assertThat(results.stream().mapToInt(IngestResult::appended).sum()).isEqualTo(21);
        assertThat(results.stream().mapToInt(IngestResult::duplicates).sum()).isEqualTo(19);
        long logged = pool.query("select count(*) from log_entry where event_id = '" + event.get("eventId") + "'")
                .execute().await().indefinitely().iterator().next().getLong(0);
        assertThat(logged).isEqualTo(1);
    }

    @Test
    void afterAnotherReplicaAppendedTheTreeIsResumedFromTheStoreInTheSameTransaction() {
        TestLog.ingestMany(3, "sequencer.before-replica", "health", "hrss");
        // another replica appends one entry: entry, nodes and state in one transaction, as its sequencer would
        Map<String, Object> other = TestLog.event("sequencer.other-replica", "health", "hrss");
        String text = org.govdx.common.json.CanonicalJson.string(other);
        byte[] leaf = ReferenceMerkle.leafHash(text);
        pool.withTransaction(c -> c.query("select size from log_state for update").execute().flatMap(rows -> {
            long size = rows.iterator().next().getLong(0);
            List<NodeId> peaks = NodeId.fullSubtrees(0, size);
            return nodes.nodeHashes(c, peaks).map(hashes -> CompactRange.resume(new PrefetchedNodes(peaks, hashes), size))
                    .flatMap(tree -> appendAsAnotherReplica(c, tree, size, other, text, leaf));
        })).await().atMost(Duration.ofSeconds(30));

        long resumes = sequencer.stats().resumes();
        TestLog.ingestMany(2, "sequencer.after-replica", "health", "hrss");
        assertThat(sequencer.stats().resumes()).isGreaterThan(resumes);
        assertTreeMatchesEntries();
    }

    private Uni<?> appendAsAnotherReplica(io.vertx.mutiny.sqlclient.SqlConnection c, CompactRange tree, long size, Map<String, Object> other,
                                          String text, byte[] leaf) {
        {
            NodeBatch batch = new NodeBatch();
            tree.append(leaf, batch);
            Buffer[] hashes = batch.hashes().stream().map(Buffer::buffer).toArray(Buffer[]::new);
            return c.preparedQuery("insert into merkle_node select * from unnest($1::smallint[], $2::bigint[], $3::bytea[])")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(batch.levels().toArray(new Short[0]), batch.indices().toArray(new Long[0]), hashes))
                    .flatMap(ignored -> c.preparedQuery("insert into log_entry (idx, event_id, entry, leaf_hash, occurred_at, source, action, outcome) "
                            + "values ($1, $2, $3, $4, now(), 'test', 'sequencer.other-replica', 'ALLOWED')")
                            .execute(io.vertx.mutiny.sqlclient.Tuple.of(size, UUID.fromString((String) other.get("eventId")), text, Buffer.buffer(leaf))))
                    .flatMap(ignored -> c.preparedQuery("update log_state set size = $1, root_hash = $2")
                            .execute(io.vertx.mutiny.sqlclient.Tuple.of(size + 1, Buffer.buffer(tree.rootHash()))));
        }
    }

    @Test
    void theSequencerRefusesToExtendATreeWhoseStoredNodesDisagreeWithTheCommittedRoot() {
        TestLog.ingestMany(1, "sequencer.damage", "health", "hrss");
        byte[] root = TestLog.storedRoot(pool);
        byte[] wrong = root.clone();
        wrong[0] ^= 1;
        try {
            TestLog.sql(pool, "update log_state set root_hash = $1", Buffer.buffer(wrong));
            assertThatThrownBy(() -> ingest.ingest(List.of(json(TestLog.event("sequencer.damage", "health", "hrss"))))
                    .await().atMost(Duration.ofSeconds(30)))
                    .hasMessageContaining("refusing to extend a damaged tree");
        } finally {
            TestLog.sql(pool, "update log_state set root_hash = $1", Buffer.buffer(root));
        }
        TestLog.ingestMany(1, "sequencer.repaired", "health", "hrss");
        assertTreeMatchesEntries();
    }

    @Test
    void aLogFromBeforeTheTreeHasItsTreeBuiltBeforeTheNextAppend() {
        TestLog.ingestMany(5, "sequencer.rebuild", "health", "hrss");
        pool.withTransaction(c -> c.query("select 1 from log_state for update").execute()
                .flatMap(ignored -> c.query("delete from merkle_node").execute())
                .flatMap(ignored -> c.query("update log_state set root_hash = null").execute())).await().indefinitely();
        TestLog.ingestMany(1, "sequencer.rebuilt", "health", "hrss");
        assertTreeMatchesEntries();
        long nodesStored = pool.query("select count(*) from merkle_node").execute().await().indefinitely().iterator().next().getLong(0);
        long size = TestLog.size(pool);
        assertThat(nodesStored).isEqualTo(org.govdx.tlog.TileLevelNodes.storedNodes(size));
    }

    @Test
    void anEventTooLargeForAnEntryBundleIsRefused() {
        Map<String, Object> big = TestLog.event("sequencer.big", "health", "hrss");
        big.put("reason", "x".repeat(70_000));
        assertThatThrownBy(() -> ingest.ingest(List.of(json(big))).await().indefinitely())
                .isInstanceOf(ProblemException.class).hasMessageContaining("invalid events");
    }
}
