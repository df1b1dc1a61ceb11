package org.govdx.tlog;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A C2SP signed note (https://c2sp.org/signed-note): UTF-8 text ending in a newline, a blank line, then one
 * or more signature lines. Signatures cover the text including its final newline. Parsing and
 * {@link #open verification} follow Go's {@code golang.org/x/mod/sumdb/note} (the reference implementation):
 * no control characters except newline, the text ends at the last blank line, at most 100 signatures,
 * signatures by unknown keys are ignored, a signature by a known key that does not verify rejects the
 * note, and at least one known key must have signed.
 */
public final class SignedNote {

    /** Most signature lines a note may carry. */
    public static final int MAX_SIGNATURES = 100;

    private final String text;
    private final List<NoteSignature> signatures;

    private SignedNote(String text, List<NoteSignature> signatures) {
        this.text = text;
        this.signatures = List.copyOf(signatures);
    }

    /** Signs {@code text} (which must end in a newline) with each signer, in order. */
    public static SignedNote sign(String text, NoteSigner... signers) {
        requireValidText(text);
        if (signers.length == 0) {
            throw new IllegalArgumentException("a signed note needs at least one signer");
        }
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        List<NoteSignature> signatures = new ArrayList<>();
        for (NoteSigner signer : signers) {
            signatures.add(new NoteSignature(signer.name(), signer.keyHash(), signer.sign(message)));
        }
        return new SignedNote(text, signatures);
    }

    /** Parses the syntax of a signed note (signatures are not checked); throws {@link IllegalArgumentException} if malformed. */
    public static SignedNote parse(String message) {
        requireNoControlCharacters(message);
        int split = message.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("malformed note: no blank line before the signatures");
        }
        String text = message.substring(0, split + 1);
        String signatureBlock = message.substring(split + 2);
        if (signatureBlock.isEmpty() || !signatureBlock.endsWith("\n")) {
            throw new IllegalArgumentException("malformed note: signature block missing or not ending in a newline");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        for (String line : signatureBlock.substring(0, signatureBlock.length() - 1).split("\n", -1)) {
            if (signatures.size() == MAX_SIGNATURES) {
                throw new IllegalArgumentException("malformed note: more than " + MAX_SIGNATURES + " signatures");
            }
            try {
                signatures.add(NoteSignature.parseLine(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("malformed note: " + e.getMessage(), e);
            }
        }
        return new SignedNote(text, signatures);
    }

    /** {@link #parse} of UTF-8 bytes, rejecting invalid UTF-8. */
    public static SignedNote parse(byte[] message) {
        return parse(decodeUtf8(message));
    }

    /**
     * Parses {@code message} and checks its signatures against the known keys (Go {@code note.Open} semantics).
     *
     * @return the note, of which at least one signature is by a known key and every signature by a known key verifies
     * @throws VerificationException if malformed, a known key's signature is invalid, or no known key signed
     */
    public static SignedNote open(String message, List<NoteVerifier> knownKeys) throws VerificationException {
        SignedNote note;
        try {
            note = parse(message);
        } catch (IllegalArgumentException e) {
            throw new VerificationException(e.getMessage(), e);
        }
        note.verify(knownKeys);
        return note;
    }

    /** {@link #open(String, List)} of UTF-8 bytes, rejecting invalid UTF-8. */
    public static SignedNote open(byte[] message, List<NoteVerifier> knownKeys) throws VerificationException {
        String text;
        try {
            text = decodeUtf8(message);
        } catch (IllegalArgumentException e) {
            throw new VerificationException(e.getMessage(), e);
        }
        return open(text, knownKeys);
    }

    private void verify(List<NoteVerifier> knownKeys) throws VerificationException {
        Map<String, NoteVerifier> byNameAndHash = new HashMap<>();
        for (NoteVerifier key : knownKeys) {
            byNameAndHash.put(key.keyId(), key);
        }
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        Set<String> checked = new HashSet<>();
        for (NoteSignature signature : signatures) {
            String id = signature.name() + "+" + NoteVerifier.formatKeyHash(signature.keyHash());
            NoteVerifier key = byNameAndHash.get(id);
            if (key == null || !checked.add(id)) {
                continue; // unknown key, or a repeated signature by a key already checked
            }
            if (!key.verify(message, signature.signature())) {
                throw new VerificationException("invalid signature for key " + id);
            }
        }
        if (checked.isEmpty()) {
            throw new VerificationException("note has no signature by a known key (known: " + byNameAndHash.keySet() + ")");
        }
    }

    /** The signed text, ending in a newline. */
    public String text() {
        return text;
    }

    public List<NoteSignature> signatures() {
        return signatures;
    }

    /** The note as transmitted: text, blank line, signature lines. */
    public String format() {
        StringBuilder out = new StringBuilder(text).append('\n');
        for (NoteSignature signature : signatures) {
            out.append(signature.line());
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    static void requireValidText(String text) {
        if (text == null || text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("note text must end in a newline");
        }
        if (text.contains("\n\n")) {
            throw new IllegalArgumentException("note text must not contain a blank line");
        }
        requireNoControlCharacters(text);
    }

    private static void requireNoControlCharacters(String message) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new IllegalArgumentException("malformed note: control character U+" + String.format("%04X", (int) c));
            }
            if (Character.isHighSurrogate(c) && i + 1 < message.length() && Character.isLowSurrogate(message.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("malformed note: not valid Unicode");
            }
        }
    }

    private static String decodeUtf8(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("malformed note: not valid UTF-8", e);
        }
    }
}
