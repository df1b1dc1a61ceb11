package org.govdx.tlog.verifier;

import org.govdx.tlog.Checkpoint;
import org.govdx.tlog.MerkleHashes;
import org.govdx.tlog.NoteSigner;
import org.govdx.tlog.NoteVerifier;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateKeyTests {

    @Test
    void printsASignerKeyAndItsVerifierKeyThatSignAndOpenACheckpoint() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = GenerateKey.run(new String[]{"example.org/my-log"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        String secret = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(secret).startsWith("PRIVATE+KEY+example.org/my-log+");
        String vkey = err.toString(StandardCharsets.UTF_8).trim().replace("verifier key (publish it): ", "");
        NoteSigner signer = NoteSigner.parse(secret);
        assertThat(signer.verifier().encode()).isEqualTo(vkey);
        String note = new Checkpoint("example.org/my-log", 0, MerkleHashes.emptyRoot()).sign(signer);
        assertThat(Checkpoint.open(note, "example.org/my-log", List.of(NoteVerifier.parse(vkey))).size()).isZero();
    }

    @Test
    void defaultsToTheAuditLogsOriginAndRefusesBadNames() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(GenerateKey.run(new String[0], print, print)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("PRIVATE+KEY+govdx.example/audit-log+");
        assertThat(GenerateKey.run(new String[]{"bad name+with plus"}, print, print)).isEqualTo(VerifierMain.USAGE);
        assertThat(GenerateKey.run(new String[]{"a", "b"}, print, print)).isEqualTo(VerifierMain.USAGE);
    }
}
