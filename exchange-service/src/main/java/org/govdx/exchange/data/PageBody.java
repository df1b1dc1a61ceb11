package org.govdx.exchange.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The JSON body of a VIEW page, {@code {"agreementId", "fields", "rows", "nextCursor"[, "quotaRemaining"]}}, written
 * in two steps: everything up to the rows (the bulk, and its SHA-256 so far) before the group commit, and the cursor
 * and quota left, which only the commit knows, after. The group committer so spends microseconds per read, not the
 * writing and hashing of a page.
 */
final class PageBody {

    /** The finished body and the SHA-256 of its bytes (the audit event's {@code responseHash}). */
    record Finished(byte[] bytes, String sha256) {
    }

    private final byte[] head;
    private final MessageDigest headDigest;

    private PageBody(byte[] head, MessageDigest headDigest) {
        this.head = head;
        this.headDigest = headDigest;
    }

    /**
     * Writes {@code {"agreementId":..,"fields":[..],"rows":[..]} up to (not including) the closing brace; each row is
     * given as its values in the order of {@code fields} and written as an object of those fields.
     */
    static PageBody of(ObjectMapper mapper, UUID agreementId, List<String> fields, List<Object[]> rows) {
        ByteArrayBuilder out = new ByteArrayBuilder(rows.size() * 256 + 256);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            g.writeStartObject();
            g.writeStringField("agreementId", agreementId.toString());
            g.writeArrayFieldStart("fields");
            for (String f : fields) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            String[] names = fields.toArray(String[]::new);
            for (Object[] row : rows) {
                g.writeStartObject();
                for (int i = 0; i < names.length; i++) {
                    g.writeFieldName(names[i]);
                    Object v = row[i];
                    if (v == null) {
                        g.writeNull();
                    } else if (v instanceof String s) {
                        g.writeString(s);
                    } else if (v instanceof Long l) {
                        g.writeNumber(l);
                    } else if (v instanceof BigDecimal d) {
                        g.writeNumber(d);
                    } else if (v instanceof Boolean b) {
                        g.writeBoolean(b);
                    } else {
                        g.writeObject(v);
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] head = out.toByteArray();
        MessageDigest digest = sha256();
        digest.update(head);
        return new PageBody(head, digest);
    }

    /** The whole body with its cursor ({@code null}: no next page) and, under a quota, the rows left today. */
    Finished finish(String nextCursor, OptionalLong quotaRemaining) {
        // a cursor is base64url: nothing in it needs escaping
        String tail = ",\"nextCursor\":" + (nextCursor == null ? "null" : "\"" + nextCursor + "\"")
                + (quotaRemaining.isPresent() ? ",\"quotaRemaining\":" + quotaRemaining.getAsLong() : "") + "}";
        byte[] tailBytes = tail.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = Arrays.copyOf(head, head.length + tailBytes.length);
        System.arraycopy(tailBytes, 0, bytes, head.length, tailBytes.length);
        MessageDigest digest;
        try {
            digest = (MessageDigest) headDigest.clone();
            digest.update(tailBytes);
        } catch (CloneNotSupportedException e) {
            digest = sha256();
            digest.update(bytes);
        }
        return new Finished(bytes, HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
