package org.govdx.common.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Well-formed UTF-8 as RFC 3629 defines it, checked byte by byte: no overlong forms (C0 AF), no encoded surrogates
 * (ED A0 80), nothing above U+10FFFF, no stray continuation or invalid byte, no sequence cut off at the end. Jackson's
 * own decoder accepts overlong forms (C0 AF reads as "/"), so a body that is not UTF-8 (RFC 8259 requires it) reached
 * a service as text with a smuggled character, and was answered 200 (the acceptance suite's fuzzing found it);
 * {@link StrictUtf8Json} puts this check in front of every parse of bytes.
 */
public final class StrictUtf8 {

    /** Continuation bytes still expected after the current lead byte. */
    private int pending;
    /** The range the next byte must fall in (the first continuation of E0, ED, F0 and F4 is narrower). */
    private int low = 0x80;
    private int high = 0xBF;
    private long offset;

    /** Checks the next bytes; throws at the first byte that cannot continue well-formed UTF-8. */
    public void update(byte[] bytes, int from, int length) throws JsonParseException {
        for (int i = from; i < from + length; i++) {
            int b = bytes[i] & 0xFF;
            if (pending > 0) {
                if (b < low || b > high) {
                    throw invalid(offset);
                }
                low = 0x80;
                high = 0xBF;
                pending--;
            } else if (b >= 0x80) {
                if (b >= 0xC2 && b <= 0xDF) {
                    pending = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    pending = 2;
                    if (b == 0xE0) {
                        low = 0xA0;
                    } else if (b == 0xED) {
                        high = 0x9F;
                    }
                } else if (b >= 0xF0 && b <= 0xF4) {
                    pending = 3;
                    if (b == 0xF0) {
                        low = 0x90;
                    } else if (b == 0xF4) {
                        high = 0x8F;
                    }
                } else {
                    throw invalid(offset);
                }
            }
            offset++;
        }
    }

    /** Checks that the input did not end inside a sequence. */
    public void finish() throws JsonParseException {
        if (pending > 0) {
            throw invalid(offset);
        }
    }

    /** True when the bytes are well-formed UTF-8. */
    public static boolean isWellFormed(byte[] bytes, int from, int length) {
        StrictUtf8 check = new StrictUtf8();
        try {
            check.update(bytes, from, length);
            check.finish();
            return true;
        } catch (JsonParseException e) {
            return false;
        }
    }

    /** The stream, checked as it is read: a read that meets a malformed byte (or the end inside a sequence) throws. */
    public static InputStream checking(InputStream in) {
        return new FilterInputStream(in) {
            private final StrictUtf8 check = new StrictUtf8();

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    check.finish();
                } else {
                    check.update(new byte[]{(byte) b}, 0, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (n < 0) {
                    check.finish();
                } else {
                    check.update(buffer, off, n);
                }
                return n;
            }
        };
    }

    private static JsonParseException invalid(long at) {
        return new JsonParseException((JsonParser) null, "The request body is not well-formed UTF-8 (byte " + at + ")");
    }
}
