package org.govdx.tlog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointTests {

    static final String ROOT = "rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=";

    @Test
    void formatsAndParsesTheBody() {
        Checkpoint checkpoint = new Checkpoint("govdx.example/audit", 15, StrictBase64.decode(ROOT), List.of("ext one", "ext two"));
        String body = "govdx.example/audit\n15\n" + ROOT + "\next one\next two\n";
        assertThat(checkpoint.body()).isEqualTo(body);
        assertThat(Checkpoint.parse(body)).isEqualTo(checkpoint);
        assertThat(Checkpoint.parse("o\n0\n" + ROOT + "\n").extensionLines()).isEmpty();
    }

    @Test
    void rejectsMalformedBodies() {
        for (String bad : List.of(
                "o\n15\n" + ROOT,                      // no final newline
                "o\n15\n",                             // no root
                "\n15\n" + ROOT + "\n",                // empty origin
                "o\n015\n" + ROOT + "\n",              // leading zero
                "o\n-1\n" + ROOT + "\n",
                "o\n+1\n" + ROOT + "\n",
                "o\n 1\n" + ROOT + "\n",
                "o\n99999999999999999999\n" + ROOT + "\n",
                "o\n15\n" + ROOT.replace("=", "") + "\n", // unpadded
                "o\n15\nAAAA\n",                       // not 32 bytes
                "o\n15\n" + ROOT + "\n\n")) {          // empty extension line
            assertThatThrownBy(() -> Checkpoint.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void signedCheckpointsRoundTrip() throws Exception {
        NoteSigner signer = NoteSigner.generate("govdx.example/audit");
        Checkpoint checkpoint = new Checkpoint("govdx.example/audit", 3, MerkleHashes.emptyRoot(), List.of("x"));
        String signed = checkpoint.sign(signer);
        assertThat(Checkpoint.open(signed, "govdx.example/audit", List.of(signer.verifier()))).isEqualTo(checkpoint);
    }
}
