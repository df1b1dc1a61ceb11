package org.govdx.rules.extract;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed watermark of an EXTRACT copy (DOMAIN rule 4, decision 0041): a deterministic, key-dependent choice of
 * the last unit of decimal values. A decimal carried at unit {@code u} (0.01, or the value's own finer scale) is
 * written as {@code n·u} with {@code n = 2m + b}, where {@code m = floor(v/u / 2)} and
 * {@code b = HMAC-SHA256(key, "govdx/watermark/v1\n" + m)} & 1; so every marked value differs from the source by at
 * most one unit, and the same source value always becomes the same marked value under one key.
 *
 * <p>Detection needs only the key and the leaked text of a value ({@link #agrees(String)}): under the key that
 * marked it a value always agrees; under any other key, and for a value that was never marked, it agrees with
 * probability one half. The check depends on nothing but the value itself, so it survives row subsets, row and
 * column reordering, dropped headers, renamed columns and re-encoding between CSV and JSON; it does not survive
 * rounding or noise at the unit (see decision 0041 for the limits).
 */
public final class Watermark {

    /** The coarsest unit a mark is carried at: hundredths. */
    public static final int MIN_SCALE = 2;
    /** Values with more fraction digits are not marked (they are not amounts). */
    public static final int MAX_SCALE = 6;

    private static final byte[] CONTEXT = "govdx/watermark/v1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final Pattern DECIMAL_TEXT = Pattern.compile("-?\\d{1,30}\\.\\d{1," + MAX_SCALE + "}");

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> mac;

    /** A watermark under {@code key} (at least 16 bytes; one key per agreement). */
    public Watermark(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 16) {
            throw new IllegalArgumentException("watermark key must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The marked value of {@code value}: at scale max(2, value's scale), within one unit of it; null stays null. */
    public BigDecimal mark(BigDecimal value) {
        if (value == null) {
            return null;
        }
        int scale = Math.max(MIN_SCALE, value.stripTrailingZeros().scale());
        if (scale > MAX_SCALE) {
            return value;
        }
        BigInteger n = value.setScale(scale, RoundingMode.HALF_EVEN).unscaledValue();
        BigInteger m = floorHalf(n);
        BigInteger marked = m.shiftLeft(1).add(BigInteger.valueOf(bit(m, scale)));
        return new BigDecimal(marked, scale);
    }

    /**
     * Whether the decimal text {@code text} (e.g. {@code 3456.79}) carries this key's mark; empty when the text is
     * not a decimal with 1 to {@value #MAX_SCALE} fraction digits (integers carry no evidence: a mark of
     * {@code 5000.00} may have been rewritten as {@code 5000}). Fewer than two fraction digits are read at two.
     */
    public Optional<Boolean> agrees(String text) {
        String t = text.strip();
        if (!DECIMAL_TEXT.matcher(t).matches()) {
            return Optional.empty();
        }
        BigDecimal v = new BigDecimal(t);
        int scale = Math.max(MIN_SCALE, v.scale());
        BigInteger n = v.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
        BigInteger m = floorHalf(n);
        return Optional.of(n.testBit(0) == (bit(m, scale) == 1));
    }

    private static BigInteger floorHalf(BigInteger n) {
        return n.shiftRight(1); // arithmetic shift: floor(n / 2) for negative n too
    }

    private int bit(BigInteger m, int scale) {
        Mac h = mac.get();
        h.update(CONTEXT);
        h.update((byte) scale);
        h.update(m.toByteArray());
        return h.doFinal()[0] & 1;
    }
}
