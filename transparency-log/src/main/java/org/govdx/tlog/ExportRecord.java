package org.govdx.tlog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line of the audit log's NDJSON export, which the offline verifier checks:
 * <pre>{"index": 7, "entry": "&lt;canonical JSON entry text&gt;", "inclusionProof": ["&lt;base64&gt;", ...]}</pre>
 * <ul>
 *   <li>{@code index}: the leaf index of the entry in the log (a JSON integer, 0-based);</li>
 *   <li>{@code entry}: the entry exactly as logged, as a JSON string; the leaf is its UTF-8 bytes, so the
 *       leaf hash is SHA-256(0x00 ‖ UTF-8(entry));</li>
 *   <li>{@code inclusionProof}: the RFC 9162 inclusion proof of that leaf in the tree of the checkpoint the
 *       export comes with, as canonical base64 of each 32-byte hash, leaf level first ({@code []} when the
 *       tree has one leaf). May be omitted (or null) when the proof is not exported.</li>
 * </ul>
 * Other members are ignored; duplicate members are rejected.
 */
public record ExportRecord(long index, String entry, List<byte[]> inclusionProof) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public ExportRecord {
        if (index < 0) {
            throw new IllegalArgumentException("negative entry index " + index);
        }
        if (entry == null) {
            throw new IllegalArgumentException("entry text is missing");
        }
        requireWellFormedUnicode(entry);
        if (inclusionProof != null) {
            List<byte[]> copy = new ArrayList<>(inclusionProof.size());
            for (byte[] hash : inclusionProof) {
                copy.add(MerkleHashes.requireHash(hash, "inclusion proof hash").clone());
            }
            inclusionProof = List.copyOf(copy);
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ExportRecord that) || index != that.index || !entry.equals(that.entry)
                || (inclusionProof == null) != (that.inclusionProof == null)) {
            return false;
        }
        if (inclusionProof == null) {
            return true;
        }
        if (inclusionProof.size() != that.inclusionProof.size()) {
            return false;
        }
        for (int i = 0; i < inclusionProof.size(); i++) {
            if (!Arrays.equals(inclusionProof.get(i), that.inclusionProof.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + entry.hashCode();
    }

    @Override
    public String toString() {
        return toJsonLine();
    }

    /** Whether the record carries an inclusion proof. */
    public boolean hasInclusionProof() {
        return inclusionProof != null;
    }

    /** The log leaf: the UTF-8 bytes of the entry text. */
    public byte[] leaf() {
        return entry.getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256(0x00 ‖ UTF-8(entry)). */
    public byte[] leafHash() {
        return MerkleHashes.leafHash(leaf());
    }

    /** The record as one NDJSON line, without the newline. */
    public String toJsonLine() {
        ObjectNode node = JSON.createObjectNode();
        node.put("index", index);
        node.put("entry", entry);
        if (inclusionProof != null) {
            ArrayNode proof = node.putArray("inclusionProof");
            for (byte[] hash : inclusionProof) {
                proof.add(StrictBase64.encode(hash));
            }
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses one NDJSON line; throws {@link IllegalArgumentException} saying what is wrong. */
    public static ExportRecord parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode index = node.get("index");
        if (index == null || !index.isIntegralNumber() || !index.canConvertToLong() || index.asLong() < 0) {
            throw new IllegalArgumentException("\"index\" must be a non-negative integer");
        }
        JsonNode entry = node.get("entry");
        if (entry == null || !entry.isTextual()) {
            throw new IllegalArgumentException("\"entry\" must be a string");
        }
        JsonNode proof = node.get("inclusionProof");
        List<byte[]> hashes = null;
        if (proof != null && !proof.isNull()) {
            if (!proof.isArray()) {
                throw new IllegalArgumentException("\"inclusionProof\" must be an array of base64 strings");
            }
            hashes = new ArrayList<>();
            for (JsonNode hash : proof) {
                if (!hash.isTextual()) {
                    throw new IllegalArgumentException("\"inclusionProof\" must be an array of base64 strings");
                }
                byte[] bytes = StrictBase64.decode(hash.textValue());
                if (bytes.length != MerkleHashes.HASH_SIZE) {
                    throw new IllegalArgumentException("inclusion proof hash #" + hashes.size() + " is not 32 bytes");
                }
                hashes.add(bytes);
            }
        }
        return new ExportRecord(index.asLong(), entry.textValue(), hashes);
    }

    private static void requireWellFormedUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("entry text is not valid Unicode (lone surrogate at char " + i + ")");
            }
        }
    }
}
