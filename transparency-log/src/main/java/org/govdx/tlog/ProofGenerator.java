package org.govdx.tlog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Serves RFC 6962 / RFC 9162 inclusion and consistency proofs (and historical roots) from the full-subtree
 * hashes in a {@link HashStore}. The output is exactly that of RFC 6962 §2.1.1 PATH and §2.1.2 PROOF
 * (and of transparency-dev/merkle): hashes ordered from the leaf level upwards.
 *
 * <p>Each call works out which nodes it needs (at most 2·63: the proof's stored nodes plus the full subtrees
 * of the one ephemeral right-edge node a proof can contain), reads them with one {@link HashStore#nodeHashes}
 * call and folds the ephemeral node. So a proof costs O(log n) reads whatever the size of the log.
 * The store must hold the full subtrees of a tree at least as large as the sizes asked for.
 */
public final class ProofGenerator {

    private final HashStore store;

    public ProofGenerator(HashStore store) {
        this.store = store;
    }

    /** The root hash of the tree of the first {@code treeSize} leaves. */
    public byte[] rootHash(long treeSize) {
        if (treeSize < 0) {
            throw new IllegalArgumentException("negative tree size " + treeSize);
        }
        if (treeSize == 0) {
            return MerkleHashes.emptyRoot();
        }
        return fetch(List.of(new ProofElement(NodeId.fullSubtrees(0, treeSize)))).get(0);
    }

    /** Inclusion proof (audit path) of leaf {@code index} in the tree of size {@code treeSize}; 0 ≤ index < treeSize. */
    public List<byte[]> inclusionProof(long index, long treeSize) {
        return fetch(inclusionProofNodes(index, treeSize));
    }

    /**
     * Consistency proof that the tree of size {@code size1} is a prefix of the tree of size {@code size2};
     * 0 &lt; size1 ≤ size2 (empty when the sizes are equal). A proof from the empty tree is meaningless
     * (every tree extends it) and is refused.
     */
    public List<byte[]> consistencyProof(long size1, long size2) {
        return fetch(consistencyProofNodes(size1, size2));
    }

    /** The nodes that make up {@link #inclusionProof}: RFC 6962 PATH(m, D[n]) over node positions. */
    public static List<ProofElement> inclusionProofNodes(long index, long treeSize) {
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("leaf index " + index + " is not in a tree of size " + treeSize);
        }
        List<ProofElement> elements = new ArrayList<>();
        addPath(index, 0, treeSize, elements);
        return elements;
    }

    /** The nodes that make up {@link #consistencyProof}: RFC 6962 PROOF(m, D[n]) over node positions. */
    public static List<ProofElement> consistencyProofNodes(long size1, long size2) {
        if (size1 <= 0 || size2 < size1) {
            throw new IllegalArgumentException("no consistency proof from size " + size1 + " to size " + size2
                    + " (need 0 < size1 <= size2)");
        }
        List<ProofElement> elements = new ArrayList<>();
        addSubproof(size1, 0, size2, true, elements);
        return elements;
    }

    /** PATH(m, D[start : start+n]): the path of leaf start+m, bottom first. */
    private static void addPath(long m, long start, long n, List<ProofElement> out) {
        if (n == 1) {
            return;
        }
        long k = Long.highestOneBit(n - 1); // largest power of two smaller than n
        if (m < k) {
            addPath(m, start, k, out);
            out.add(subtree(start + k, start + n));
        } else {
            addPath(m - k, start + k, n - k, out);
            out.add(subtree(start, start + k));
        }
    }

    /** SUBPROOF(m, D[start : start+n], b) of RFC 6962 §2.1.2. */
    private static void addSubproof(long m, long start, long n, boolean wholeOldTree, List<ProofElement> out) {
        if (m == n) {
            if (!wholeOldTree) {
                out.add(subtree(start, start + n));
            }
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m <= k) {
            addSubproof(m, start, k, wholeOldTree, out);
            out.add(subtree(start + k, start + n));
        } else {
            addSubproof(m - k, start + k, n - k, false, out);
            out.add(subtree(start, start + k));
        }
    }

    private static ProofElement subtree(long begin, long end) {
        return new ProofElement(NodeId.fullSubtrees(begin, end));
    }

    /** Reads every node the elements need in one store call and computes each element's hash. */
    private List<byte[]> fetch(List<ProofElement> elements) {
        LinkedHashSet<NodeId> wanted = new LinkedHashSet<>();
        for (ProofElement element : elements) {
            wanted.addAll(element.fullSubtrees());
        }
        List<NodeId> nodes = new ArrayList<>(wanted);
        List<byte[]> hashes = requireStored(nodes, store.nodeHashes(nodes));
        Map<NodeId, byte[]> byNode = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            byNode.put(nodes.get(i), hashes.get(i));
        }
        List<byte[]> result = new ArrayList<>(elements.size());
        for (ProofElement element : elements) {
            List<byte[]> parts = new ArrayList<>(element.fullSubtrees().size());
            for (NodeId node : element.fullSubtrees()) {
                parts.add(byNode.get(node));
            }
            result.add(MerkleHashes.hashOfAdjacentSubtrees(parts).clone());
        }
        return result;
    }

    /** Checks that the store answered every node with a 32-byte hash. */
    static List<byte[]> requireStored(List<NodeId> nodes, List<byte[]> hashes) {
        if (hashes.size() != nodes.size()) {
            throw new IllegalStateException("hash store returned " + hashes.size() + " hashes for " + nodes.size() + " nodes");
        }
        for (int i = 0; i < nodes.size(); i++) {
            byte[] hash = hashes.get(i);
            if (hash == null) {
                throw new IllegalStateException("hash store has no hash for node " + nodes.get(i));
            }
            if (hash.length != MerkleHashes.HASH_SIZE) {
                throw new IllegalStateException("hash store returned " + hash.length + " bytes for node " + nodes.get(i));
            }
        }
        return hashes;
    }
}
