package org.govdx.tlog;

import java.util.Base64;

/**
 * Standard base64 (RFC 4648 §4, with padding) accepting only the canonical encoding: exactly what
 * {@link #encode} would produce, so one byte string has one textual form in notes, checkpoints and exports.
 */
public final class StrictBase64 {

    private StrictBase64() {
    }

    public static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Decodes canonical padded base64; throws {@link IllegalArgumentException} on anything else. */
    public static byte[] decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("base64 text is missing");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not valid base64: " + abbreviate(text), e);
        }
        if (!encode(bytes).equals(text)) {
            throw new IllegalArgumentException("not canonical padded base64: " + abbreviate(text));
        }
        return bytes;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? '"' + text + '"' : '"' + text.substring(0, 57) + "...\"";
    }
}
