package org.govdx.tlog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignedNoteTests {

    // The example of golang.org/x/mod/sumdb/note (the reference implementation of C2SP signed-note).
    static final String PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String PETER_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String PETER_NOTE = PETER_TEXT + "\n"
            + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    // The example of the C2SP signed-note specification.
    static final String SPEC_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    static final String SPEC_NOTE = "This is an example message.\n\n"
            + "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    @Test
    void signingReproducesTheReferenceNoteByteForByte() {
        NoteSigner signer = NoteSigner.parse(PETER_SKEY);
        assertThat(SignedNote.sign(PETER_TEXT, signer).format()).isEqualTo(PETER_NOTE);
        assertThat(signer.encode()).isEqualTo(PETER_SKEY);
        assertThat(signer.toString()).doesNotContain("AYEKF");
    }

    @Test
    void derivesTheVerifierKeyFromTheSignerKey() {
        assertThat(NoteSigner.parse(PETER_SKEY).verifier().encode()).isEqualTo(PETER_VKEY);
        assertThat(NoteSigner.parse(TestData.GOLDEN_SKEY).verifier().encode()).isEqualTo(TestData.GOLDEN_VKEY);
    }

    @Test
    void opensTheReferenceNotes() throws Exception {
        SignedNote peter = SignedNote.open(PETER_NOTE, List.of(NoteVerifier.parse(PETER_VKEY)));
        assertThat(peter.text()).isEqualTo(PETER_TEXT);
        assertThat(peter.signatures()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("PeterNeumann");
            assertThat(NoteVerifier.formatKeyHash(s.keyHash())).isEqualTo("c74f20a3");
        });
        SignedNote spec = SignedNote.open(SPEC_NOTE.getBytes(StandardCharsets.UTF_8), List.of(NoteVerifier.parse(SPEC_VKEY)));
        assertThat(spec.text()).isEqualTo("This is an example message.\n");
        assertThat(spec.format()).isEqualTo(SPEC_NOTE);
    }

    @Test
    void parsesVerifierKeys() {
        NoteVerifier key = NoteVerifier.parse(TestData.GOLDEN_VKEY);
        assertThat(key.name()).isEqualTo("example.com/log/testdata");
        assertThat(key.keyId()).isEqualTo("example.com/log/testdata+33d7b496");
        assertThat(key.publicKey()).hasSize(32);
        assertThat(key.encode()).isEqualTo(TestData.GOLDEN_VKEY);
        assertThat(NoteVerifier.ofEd25519(key.name(), key.publicKey())).isEqualTo(key);
    }

    @Test
    void rejectsMalformedKeys() {
        for (String bad : List.of(
                "",
                "PeterNeumann",
                "PeterNeumann+c74f20a3",
                "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // wrong hash
                "PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // short hash
                "PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // bad base64 length
                "PeterNeumann+c74f20a3+AhpcMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",        // too short
                "PeterNeumann+c74f20a3+AhpC2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // algorithm 2
                "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // space in name
                "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")) {
            assertThatThrownBy(() -> NoteVerifier.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        for (String bad : List.of(
                "PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", // wrong hash
                "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDF",  // bad base64
                "PRIVATE+KEX+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
                "PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")) {
            assertThatThrownBy(() -> NoteSigner.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void generatedKeysSignAndVerify() throws Exception {
        NoteSigner signer = NoteSigner.generate("govdx.example/audit");
        NoteSigner reparsed = NoteSigner.parse(signer.encode());
        assertThat(reparsed.verifier()).isEqualTo(signer.verifier());
        String note = SignedNote.sign("hello\n", signer).format();
        assertThat(SignedNote.open(note, List.of(NoteVerifier.parse(signer.verifier().encode()))).text()).isEqualTo("hello\n");
        assertThat(SignedNote.sign("hello\n", reparsed).format()).isEqualTo(note);
    }

    @Test
    void ignoresUnknownKeysButNeedsOneKnownSignature() throws Exception {
        NoteSigner peter = NoteSigner.parse(PETER_SKEY);
        NoteSigner witness = NoteSigner.generate("witness.example");
        String note = SignedNote.sign(PETER_TEXT, witness, peter).format();
        assertThat(SignedNote.open(note, List.of(peter.verifier())).signatures()).hasSize(2);
        assertThat(SignedNote.open(note, List.of(witness.verifier(), peter.verifier())).text()).isEqualTo(PETER_TEXT);
        assertThatThrownBy(() -> SignedNote.open(note, List.of(NoteVerifier.parse(SPEC_VKEY))))
                .isInstanceOf(VerificationException.class).hasMessageContaining("no signature by a known key");
        assertThatThrownBy(() -> SignedNote.open(note, List.of())).isInstanceOf(VerificationException.class);
    }

    @Test
    void rejectsAnInvalidSignatureByAKnownKeyEvenBesideAValidOne() {
        NoteSigner peter = NoteSigner.parse(PETER_SKEY);
        NoteSigner other = NoteSigner.generate("other.example");
        // A line claiming the other key but carrying a bad signature.
        NoteSignature forged = new NoteSignature(other.name(), other.keyHash(), new byte[64]);
        String note = PETER_NOTE + forged.line();
        assertThatThrownBy(() -> SignedNote.open(note, List.of(peter.verifier(), other.verifier())))
                .isInstanceOf(VerificationException.class).hasMessageContaining("invalid signature for key other.example+");
    }

    @Test
    void rejectsTamperedNotes() {
        List<NoteVerifier> known = List.of(NoteVerifier.parse(PETER_VKEY));
        for (String bad : List.of(
                PETER_NOTE.replace("problem,", "problem;"),                          // text changed
                PETER_NOTE.replace("x08go/ZJ", "x08go/ZK"),                          // signature changed
                PETER_NOTE.replace("\u2014 PeterNeumann", "- PeterNeumann"),           // not an em dash
                PETER_NOTE.replace("\u2014 PeterNeumann", "\u2014PeterNeumann"),       // no space
                PETER_NOTE.replace("\u2014 PeterNeumann", "\u2014 Peter"),             // other name, unknown key
                PETER_NOTE.substring(0, PETER_NOTE.length() - 1),                     // no final newline
                PETER_NOTE.replace("\n\n", "\n"),                                     // no blank line
                PETER_NOTE + "\n",                                                   // trailing blank line
                PETER_NOTE.replace("problem,", "problem,\r"),                        // control character
                PETER_NOTE.replace("JnAM=", "JnAM"),                                  // unpadded base64
                PETER_NOTE.replace("x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=", "x08goA=="),
                "")) {
            assertThat(bad).isNotEqualTo(PETER_NOTE);
            assertThatThrownBy(() -> SignedNote.open(bad, known)).as(bad).isInstanceOf(VerificationException.class);
        }
        byte[] invalidUtf8 = PETER_NOTE.getBytes(StandardCharsets.UTF_8);
        invalidUtf8[3] = (byte) 0xC3;
        assertThatThrownBy(() -> SignedNote.open(invalidUtf8, known)).isInstanceOf(VerificationException.class);
    }

    @Test
    void allowsAtMostOneHundredSignatures() throws Exception {
        NoteSigner peter = NoteSigner.parse(PETER_SKEY);
        StringBuilder note = new StringBuilder(PETER_NOTE);
        NoteSignature unknown = new NoteSignature("unknown.example", 1, new byte[64]);
        for (int i = 1; i < SignedNote.MAX_SIGNATURES; i++) {
            note.append(unknown.line());
        }
        assertThat(SignedNote.open(note.toString(), List.of(peter.verifier())).signatures()).hasSize(100);
        note.append(unknown.line());
        assertThatThrownBy(() -> SignedNote.open(note.toString(), List.of(peter.verifier())))
                .isInstanceOf(VerificationException.class).hasMessageContaining("more than 100");
    }

    @Test
    void refusesToSignMalformedText() {
        NoteSigner peter = NoteSigner.parse(PETER_SKEY);
        assertThatThrownBy(() -> SignedNote.sign("no newline", peter)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.sign("blank\n\nline\n", peter)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.sign("tab\there\n", peter)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteSigner.generate("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteSigner.generate("has+plus")).isInstanceOf(IllegalArgumentException.class);
    }
}
