package org.govdx.tlog;

import java.util.List;

/**
 * Which stored nodes make up one hash of a proof: a single full subtree (a stored node), or, for the one
 * ephemeral node on the tree's right edge that a proof may need, the full subtrees that cover it, left to
 * right, whose hashes fold into its hash with {@link MerkleHashes#hashOfAdjacentSubtrees}.
 */
public record ProofElement(List<NodeId> fullSubtrees) {

    public ProofElement {
        fullSubtrees = List.copyOf(fullSubtrees);
        if (fullSubtrees.isEmpty()) {
            throw new IllegalArgumentException("a proof element covers at least one subtree");
        }
    }

    /** Whether the element is one stored node rather than an ephemeral node recomputed from several. */
    public boolean isStoredNode() {
        return fullSubtrees.size() == 1;
    }
}
