package org.govdx.tlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every inclusion and consistency probe of transparency-dev/merkle (shared/testdata/transparency): valid
 * probes must verify, every probe with wantErr=true must be rejected.
 */
class ProofVerifierProbeTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void allProbesArePresent() {
        List<Path> inclusion = TestData.jsonFiles("inclusion");
        List<Path> consistency = TestData.jsonFiles("consistency");
        assertThat(inclusion).hasSize(98);
        assertThat(consistency).hasSize(98);
    }

    @TestFactory
    Stream<DynamicTest> inclusionProbes() {
        return TestData.jsonFiles("inclusion").stream().map(file -> DynamicTest.dynamicTest(name("inclusion", file), () -> {
            JsonNode probe = JSON.readTree(file.toFile());
            long index = uint64(probe, "leafIdx");
            long size = uint64(probe, "treeSize");
            byte[] root = bytes(probe, "root");
            byte[] leafHash = bytes(probe, "leafHash");
            List<byte[]> proof = hashes(probe.get("proof"));
            if (probe.get("wantErr").asBoolean()) {
                assertThrows(VerificationException.class,
                        () -> ProofVerifier.checkInclusion(index, size, leafHash, proof, root), probe.get("desc").asText());
                assertThat(ProofVerifier.verifyInclusion(index, size, leafHash, proof, root)).isFalse();
            } else {
                assertDoesNotThrow(() -> ProofVerifier.checkInclusion(index, size, leafHash, proof, root));
                assertThat(ProofVerifier.verifyInclusion(index, size, leafHash, proof, root)).isTrue();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> consistencyProbes() {
        return TestData.jsonFiles("consistency").stream().map(file -> DynamicTest.dynamicTest(name("consistency", file), () -> {
            JsonNode probe = JSON.readTree(file.toFile());
            long size1 = uint64(probe, "size1");
            long size2 = uint64(probe, "size2");
            byte[] root1 = bytes(probe, "root1");
            byte[] root2 = bytes(probe, "root2");
            List<byte[]> proof = hashes(probe.get("proof"));
            if (probe.get("wantErr").asBoolean()) {
                assertThrows(VerificationException.class,
                        () -> ProofVerifier.checkConsistency(size1, size2, proof, root1, root2), probe.get("desc").asText());
                assertThat(ProofVerifier.verifyConsistency(size1, size2, proof, root1, root2)).isFalse();
            } else {
                assertDoesNotThrow(() -> ProofVerifier.checkConsistency(size1, size2, proof, root1, root2));
                assertThat(ProofVerifier.verifyConsistency(size1, size2, proof, root1, root2)).isTrue();
            }
        }));
    }

    private static String name(String kind, Path file) {
        return TestData.transparencyDir().resolve(kind).relativize(file).toString();
    }

    /** uint64 as a Java long; values of 2^63 and above wrap to negative numbers, which the verifier rejects. */
    private static long uint64(JsonNode probe, String field) {
        return probe.get(field).bigIntegerValue().longValue();
    }

    private static byte[] bytes(JsonNode probe, String field) throws IOException {
        JsonNode value = probe.get(field);
        return value == null || value.isNull() ? null : Base64.getDecoder().decode(value.asText());
    }

    private static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> hashes = new ArrayList<>();
        if (proof != null && !proof.isNull()) {
            proof.forEach(hash -> hashes.add(Base64.getDecoder().decode(hash.asText())));
        }
        return hashes;
    }
}
