package org.govdx.tlog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeIdTests {

    @Test
    void coversItsLeaves() {
        NodeId node = new NodeId(3, 2);
        assertThat(node.firstLeaf()).isEqualTo(16);
        assertThat(node.endLeaf()).isEqualTo(24);
    }

    @Test
    void decomposesRangesIntoTheFewestFullSubtrees() {
        assertThat(NodeId.fullSubtrees(0, 0)).isEmpty();
        assertThat(NodeId.fullSubtrees(0, 7)).containsExactly(new NodeId(2, 0), new NodeId(1, 2), new NodeId(0, 6));
        assertThat(NodeId.fullSubtrees(0, 8)).containsExactly(new NodeId(3, 0));
        assertThat(NodeId.fullSubtrees(24, 31)).containsExactly(new NodeId(2, 6), new NodeId(1, 14), new NodeId(0, 30));
        // A general range grows then shrinks.
        assertThat(NodeId.fullSubtrees(3, 13)).containsExactly(
                new NodeId(0, 3), new NodeId(2, 1), new NodeId(2, 2), new NodeId(0, 12));
        List<NodeId> huge = NodeId.fullSubtrees(0, Long.MAX_VALUE);
        assertThat(huge).hasSize(63);
        assertThat(huge.get(0)).isEqualTo(new NodeId(62, 0));
    }

    @Test
    void rejectsPositionsOutsideAnyTree() {
        assertThatThrownBy(() -> new NodeId(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeId(63, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeId(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeId(62, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeId.fullSubtrees(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
