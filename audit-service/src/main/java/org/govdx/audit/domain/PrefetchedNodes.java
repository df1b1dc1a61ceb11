package org.govdx.audit.domain;

import org.govdx.tlog.HashStore;
import org.govdx.tlog.NodeId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Node hashes read ahead in one query (e.g. every node the proofs of a chunk of exported entries need), served
 * to {@link org.govdx.tlog.ProofGenerator} or {@link org.govdx.tlog.CompactRange#resume} without further reads.
 */
public final class PrefetchedNodes implements HashStore {

    private final Map<NodeId, byte[]> hashes = new HashMap<>();

    public PrefetchedNodes(List<NodeId> nodes, List<byte[]> nodeHashes) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodeHashes.get(i) != null) {
                hashes.put(nodes.get(i), nodeHashes.get(i));
            }
        }
    }

    @Override
    public byte[] nodeHash(NodeId node) {
        return hashes.get(node);
    }
}
