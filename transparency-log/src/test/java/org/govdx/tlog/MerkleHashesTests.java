package org.govdx.tlog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.govdx.tlog.TestData.hex;

class MerkleHashesTests {

    @Test
    void emptyTreeRootIsSha256OfTheEmptyString() {
        assertThat(hex(MerkleHashes.emptyRoot())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void leafHashesOfTheRfc6962LeavesAreThePublishedOnes() {
        // transparency-dev/merkle testonly/constants.go NodeHashes()[0]
        List<String> expected = List.of(
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1");
        List<byte[]> leaves = TestData.rfc6962Leaves();
        for (int i = 0; i < leaves.size(); i++) {
            assertThat(hex(MerkleHashes.leafHash(leaves.get(i)))).as("leaf %d", i).isEqualTo(expected.get(i));
        }
    }

    @Test
    void nodeHashPrefixesOneAndConcatenates() {
        byte[] left = MerkleHashes.leafHash(hex(""));
        byte[] right = MerkleHashes.leafHash(hex("00"));
        assertThat(hex(MerkleHashes.nodeHash(left, right)))
                .isEqualTo("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        byte[] manual = new byte[65];
        manual[0] = 1;
        System.arraycopy(left, 0, manual, 1, 32);
        System.arraycopy(right, 0, manual, 33, 32);
        assertThat(MerkleHashes.nodeHash(left, right)).isEqualTo(MerkleHashes.sha256(manual));
    }

    @Test
    void nodeHashRefusesInputsThatAreNotHashes() {
        assertThatThrownBy(() -> MerkleHashes.nodeHash(new byte[31], new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleHashes.nodeHash(new byte[32], null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void adjacentSubtreesFoldFromTheRight() {
        byte[] a = MerkleHashes.leafHash(hex("0a"));
        byte[] b = MerkleHashes.leafHash(hex("0b"));
        byte[] c = MerkleHashes.leafHash(hex("0c"));
        assertThat(MerkleHashes.hashOfAdjacentSubtrees(List.of(a, b, c)))
                .isEqualTo(MerkleHashes.nodeHash(a, MerkleHashes.nodeHash(b, c)));
        assertThat(MerkleHashes.hashOfAdjacentSubtrees(List.of(a))).isEqualTo(a);
        assertThat(MerkleHashes.hashOfAdjacentSubtrees(List.of())).isEqualTo(MerkleHashes.emptyRoot());
    }
}
