package org.govdx.rules.masking;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.govdx.rules.identifiers.DivisionCode;
import org.govdx.rules.identifiers.DivisionLevel;
import org.govdx.rules.identifiers.MobileNumber;
import org.govdx.rules.identifiers.UnifiedSocialCreditCode;
import org.govdx.rules.identifiers.ValidationResult;

/**
 * Applies a {@link MaskingRule} to a value — DOMAIN rule 3 (desensitisation) and rule 2 (RESTRICTED fields
 * masked unless granted in clear). Deterministic: the same rule, key and value always give the same output.
 *
 * <p>A masker holds the per-agreement secret key used by {@link MaskingStrategy#PSEUDONYM}
 * ({@code p_} + the first 120 bits of HMAC-SHA256(key, "govdx/pseudonym/v1\n" + value) in lower-case base32,
 * 24 characters). Two agreements have different keys, so their consumers' pseudonyms cannot be linked.
 *
 * <p>Contract of {@link #mask(Object, MaskingRule)}:
 * <ul>
 *   <li>null stays null; {@link MaskingStrategy#NONE} returns the value itself;</li>
 *   <li>every other strategy returns a {@code String}; numbers, dates and booleans are first turned into
 *       their canonical text ({@link #canonicalText(Object)});</li>
 *   <li>a value a format-aware strategy cannot read (RESIDENT_ID, MOBILE, USCC, the generalisations) is
 *       replaced entirely by {@value #REDACTED}, so a malformed value never slips through in clear;</li>
 *   <li>the output never equals the clear value, except in these degenerate cases: the empty string under the
 *       length-preserving strategies (PARTIAL, CHINESE_NAME); a value that is already masked, i.e. whose hidden
 *       characters are all {@code *} (or that equals {@value #REDACTED}, or an address whose tail already is
 *       {@code ****}); a division code already at or above the level it is generalised to
 *       ({@code 320500} under {@code generalize(division:city)}), which holds nothing to hide.</li>
 * </ul>
 */
public final class Masker {

    /** Output of REDACT and of any format-aware strategy given an unreadable value. */
    public static final String REDACTED = "****";
    /** Prefix of every pseudonym. */
    public static final String PSEUDONYM_PREFIX = "p_";
    /** Number of base32 characters after the prefix (120 bits). */
    public static final int PSEUDONYM_LENGTH = 24;
    /** Minimum pseudonym key length in bytes. */
    public static final int MIN_KEY_BYTES = 16;

    private static final char MASK = '*';
    private static final String HMAC = "HmacSHA256";
    private static final byte[] PSEUDONYM_CONTEXT = "govdx/pseudonym/v1\n".getBytes(StandardCharsets.UTF_8);
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Pattern RESIDENT_ID_SHAPE = Pattern.compile("\\d{17}[\\dX]");
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.ofPattern("uuuuMMdd");
    private static final Pattern ADDRESS_DISTRICT_PREFIX = addressDistrictPrefix();
    private static final int ADDRESS_CACHE_SIZE = 8192;
    /** How much of an address's leading Han run the pattern keeps, by run (bounded: emptied when full). */
    private static final java.util.Map<String, Integer> ADDRESS_KEPT = new java.util.concurrent.ConcurrentHashMap<>();
    /** One matcher per thread, reset for each address (a new matcher per value costs more than many matches). */
    private static final ThreadLocal<Matcher> ADDRESS_MATCHER = ThreadLocal.withInitial(() -> ADDRESS_DISTRICT_PREFIX.matcher(""));

    private final SecretKeySpec pseudonymKey;
    /** One initialised MAC per thread (Mac.getInstance and init cost more than the HMAC of a short value). */
    private final ThreadLocal<Mac> pseudonymMac = ThreadLocal.withInitial(this::newPseudonymMac);

    /** A masker for one agreement; {@code pseudonymKey} must have at least {@value #MIN_KEY_BYTES} bytes. */
    public Masker(byte[] pseudonymKey) {
        Objects.requireNonNull(pseudonymKey, "pseudonymKey");
        if (pseudonymKey.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("pseudonym key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        this.pseudonymKey = new SecretKeySpec(Arrays.copyOf(pseudonymKey, pseudonymKey.length), HMAC);
    }

    private Masker() {
        this.pseudonymKey = null;
    }

    /** A masker without a key: PSEUDONYM rules throw {@link IllegalStateException}. */
    public static Masker withoutPseudonymKey() {
        return new Masker();
    }

    /** Masks {@code value} by {@code rule}, see the class comment for the contract. */
    public Object mask(Object value, MaskingRule rule) {
        Objects.requireNonNull(rule, "rule");
        if (value == null || rule.isClear()) {
            return value;
        }
        return switch (rule.strategy()) {
            case NONE -> value;
            case REDACT -> REDACTED;
            case PARTIAL -> partial(canonicalText(value), rule.keepFirst(), rule.keepLast());
            case PSEUDONYM -> pseudonym(value);
            case GENERALIZE -> generalize(value, rule);
            case RESIDENT_ID -> residentId(canonicalText(value));
            case MOBILE -> mobile(canonicalText(value));
            case USCC -> uscc(canonicalText(value));
            case CHINESE_NAME -> partial(canonicalText(value).strip(), 1, 0);
            case ADDRESS -> address(canonicalText(value));
        };
    }

    /** The keyed pseudonym of {@code value}: {@code p_} + 24 base32 characters. */
    public String pseudonym(Object value) {
        if (pseudonymKey == null) {
            throw new IllegalStateException("this masker has no pseudonym key");
        }
        Mac mac = pseudonymMac.get();
        mac.update(PSEUDONYM_CONTEXT);
        byte[] digest = mac.doFinal(canonicalText(value).getBytes(StandardCharsets.UTF_8));
        return base32(digest, PSEUDONYM_LENGTH); // with the prefix
    }

    private Mac newPseudonymMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(pseudonymKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * The text a value is masked as: strings as they are; integers in decimal; other numbers as plain decimals
     * without trailing zeros ({@code 1.50 → 1.5}); dates ISO-8601; byte arrays in hex; anything else its
     * {@code toString()}.
     */
    public static String canonicalText(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : value.toString();
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }

    /**
     * Keeps {@code first} leading and {@code last} trailing characters (code points) and replaces every other by
     * {@code *}. When the value is too short for the rule (length ≤ first + last), at most half of it (rounded
     * down) is kept, trailing characters first, so at least one character is always hidden.
     */
    static String partial(String text, int first, int last) {
        int len = text.length();
        boolean bmp = true;
        for (int i = 0; i < len && bmp; i++) {
            bmp = !Character.isSurrogate(text.charAt(i));
        }
        if (bmp) {
            // one char per code point (the common case): the same output without the code point array
            int keepFirst = first;
            int keepLast = last;
            if (len <= first + last) {
                int budget = len / 2;
                keepLast = Math.min(last, budget);
                keepFirst = Math.min(first, budget - keepLast);
            }
            char[] out = new char[len];
            for (int i = 0; i < len; i++) {
                out[i] = i < keepFirst || i >= len - keepLast ? text.charAt(i) : MASK;
            }
            return new String(out);
        }
        int[] cps = text.codePoints().toArray();
        int n = cps.length;
        int keepFirst = first;
        int keepLast = last;
        if (n <= first + last) {
            int budget = n / 2;
            keepLast = Math.min(last, budget);
            keepFirst = Math.min(first, budget - keepLast);
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < n; i++) {
            if (i < keepFirst || i >= n - keepLast) {
                b.appendCodePoint(cps[i]);
            } else {
                b.append(MASK);
            }
        }
        return b.toString();
    }

    private static String residentId(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (!RESIDENT_ID_SHAPE.matcher(s).matches()) {
            return REDACTED;
        }
        return s.substring(0, 6) + "********" + s.substring(14);
    }

    private static String mobile(String text) {
        if (text.length() == 11 && text.charAt(0) == '1' && text.charAt(1) >= '3' && allAsciiDigits(text)) {
            // already the bare 11 digits (what MobileNumber normalises to): the same output without validating a copy
            return text.substring(0, 3) + "****" + text.substring(7);
        }
        Optional<String> digits = MobileNumber.validate(text).normalised();
        return digits.map(d -> d.substring(0, 3) + "****" + d.substring(7)).orElse(REDACTED);
    }

    private static String uscc(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.length() != 18 || s.chars().anyMatch(c -> UnifiedSocialCreditCode.ALPHABET.indexOf(c) < 0)) {
            return REDACTED;
        }
        return s.substring(0, 8) + "**********";
    }

    private static boolean allAsciiDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String address(String text) {
        String s = text.strip();
        // the pattern consumes Han characters only, so what it keeps depends on the leading run of Han characters alone:
        // the run (a road's addresses share it) is the cache key, and the match runs once per run
        int run = 0;
        while (run < s.length()) {
            int cp = s.codePointAt(run);
            if (Character.UnicodeScript.of(cp) != Character.UnicodeScript.HAN) {
                break;
            }
            run += Character.charCount(cp);
        }
        String head = s.substring(0, run);
        Integer kept = ADDRESS_KEPT.get(head);
        if (kept == null) {
            Matcher m = ADDRESS_MATCHER.get().reset(head);
            kept = m.lookingAt() ? m.end() : 0;
            if (ADDRESS_KEPT.size() >= ADDRESS_CACHE_SIZE) {
                ADDRESS_KEPT.clear();
            }
            ADDRESS_KEPT.put(head, kept);
        }
        return s.substring(0, kept) + REDACTED;
    }

    private static String generalize(Object value, MaskingRule rule) {
        return switch (rule.generalization()) {
            case DATE_TO_YEAR -> dateOf(value).map(d -> year(d.getYear())).orElse(REDACTED);
            case DATE_TO_MONTH -> dateOf(value)
                    .map(d -> year(d.getYear()) + (d.getMonthValue() < 10 ? "-0" : "-") + d.getMonthValue()).orElse(REDACTED);
            case NUMBER_BAND -> numberBand(value, rule.bandWidth());
            case DIVISION_TO_CITY -> division(value, DivisionLevel.CITY);
            case DIVISION_TO_PROVINCE -> division(value, DivisionLevel.PROVINCE);
        };
    }

    /** {@code String.format("%04d", year)} without a formatter (which costs microseconds a value). */
    private static String year(int year) {
        if (year < 0 || year > 9999) {
            return String.format("%04d", year);
        }
        String digits = Integer.toString(year);
        return "0000".substring(digits.length()) + digits;
    }

    private static String division(Object value, DivisionLevel level) {
        ValidationResult result = DivisionCode.validate(canonicalText(value));
        return result.normalised().map(code -> DivisionCode.parse(code).generalisedTo(level).code()).orElse(REDACTED);
    }

    private static String numberBand(Object value, long width) {
        BigDecimal number = numberOf(value);
        if (number == null) {
            return REDACTED;
        }
        BigDecimal w = BigDecimal.valueOf(width);
        BigDecimal lower = number.divide(w, 0, RoundingMode.FLOOR).multiply(w);
        return "[" + lower.toPlainString() + "," + lower.add(w).toPlainString() + ")";
    }

    private static BigDecimal numberOf(Object value) {
        if (value instanceof Number || value instanceof String) {
            String text = canonicalText(value).strip();
            if (text.isEmpty() || text.length() > 64) {
                return null;
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Reads a date from a date/time object or from text in {@code yyyy-MM-dd}, {@code yyyyMMdd} or ISO date-time form. */
    private static Optional<LocalDate> dateOf(Object value) {
        if (value instanceof LocalDate d) {
            return Optional.of(d);
        }
        if (value instanceof LocalDateTime t) {
            return Optional.of(t.toLocalDate());
        }
        if (value instanceof OffsetDateTime t) {
            return Optional.of(t.toLocalDate());
        }
        if (value instanceof ZonedDateTime t) {
            return Optional.of(t.toLocalDate());
        }
        if (value instanceof Instant i) {
            return Optional.of(LocalDate.ofInstant(i, CHINA));
        }
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        String s = text.strip();
        Optional<LocalDate> plain = plainIsoDate(s);
        if (plain.isPresent()) {
            return plain;
        }
        for (DateTimeFormatter format : new DateTimeFormatter[] {DateTimeFormatter.ISO_LOCAL_DATE, BASIC_DATE,
                DateTimeFormatter.ISO_LOCAL_DATE_TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME}) {
            try {
                TemporalAccessor parsed = format.parse(s);
                return Optional.of(LocalDate.from(parsed));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    /** {@code yyyy-MM-dd} read without a formatter (the common case, and a formatter's parse costs microseconds); empty if not that shape or no such day. */
    private static Optional<LocalDate> plainIsoDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return Optional.empty();
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return Optional.empty();
        }
        return Optional.of(LocalDate.of(year, month, day));
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String base32(byte[] bytes, int characters) {
        char[] b = new char[PSEUDONYM_PREFIX.length() + characters];
        PSEUDONYM_PREFIX.getChars(0, PSEUDONYM_PREFIX.length(), b, 0);
        int buffer = 0;
        int bits = 0;
        for (int i = 0, o = PSEUDONYM_PREFIX.length(); o < b.length; o++) {
            if (bits < 5) {
                buffer = (buffer << 8) | (bytes[i++] & 0xff);
                bits += 8;
            }
            b[o] = BASE32[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
        return new String(b);
    }

    private static Pattern addressDistrictPrefix() {
        String province = "(?:北京市|天津市|上海市|重庆市|河北省|山西省|辽宁省|吉林省|黑龙江省|江苏省|浙江省|安徽省|福建省|江西省"
                + "|山东省|河南省|湖北省|湖南省|广东省|海南省|四川省|贵州省|云南省|陕西省|甘肃省|青海省|台湾省|内蒙古自治区"
                + "|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区|香港特别行政区|澳门特别行政区)";
        // a place name: Han characters that are not administrative or street-level markers
        String name = "[\\p{IsHan}&&[^省市区县旗盟镇乡村街路道巷号弄楼室栋幢社]]";
        String city = "(?:" + name + "{1,10}?(?:自治州|地区|盟|市))";
        String county = "(?:" + name + "{1,10}?(?:(?<!小)区|县|市|旗))";
        return Pattern.compile(province + "?" + city + "?" + county + "?");
    }
}
