package org.govdx.rules.classification;

/**
 * The three ways an agreement lets a consumer use data — DOMAIN rule 4 (Shanghai's
 * "usable but not visible, visible but not obtainable, obtainable but not removable").
 *
 * <p>Modes are ordered by strictness: {@link #AGGREGATE} is the strictest, then {@link #VIEW},
 * then {@link #EXTRACT}. <em>Narrowing</em> a mode means moving to a stricter one
 * (EXTRACT → VIEW → AGGREGATE); a provider may narrow a requested mode, never widen it.
 */
public enum AccessMode {
    /** 可用不可见: only counts/sums/averages over allowed dimensions, small groups suppressed. */
    AGGREGATE("可用不可见"),
    /** 可见不可得: masked rows in pages, with a row quota. */
    VIEW("可见不可得"),
    /** 可得不可带走: bulk export, watermarked per agreement. */
    EXTRACT("可得不可带走");

    private final String zhLabel;

    AccessMode(String zhLabel) {
        this.zhLabel = zhLabel;
    }

    /** The Shanghai phrase describing the mode, e.g. {@code 可用不可见}. */
    public String zhLabel() {
        return zhLabel;
    }

    /** True when this mode discloses strictly less than {@code other}. */
    public boolean isStricterThan(AccessMode other) {
        return compareStrictness(this, other) > 0;
    }

    /** True when this mode discloses at most what {@code other} discloses (equal or narrower). */
    public boolean isAtLeastAsStrictAs(AccessMode other) {
        return compareStrictness(this, other) >= 0;
    }

    /** Negative, zero or positive as {@code a} is less strict than, as strict as, or stricter than {@code b}. */
    public static int compareStrictness(AccessMode a, AccessMode b) {
        // declared strictest first, so a smaller ordinal is stricter
        return Integer.compare(b.ordinal(), a.ordinal());
    }

    /** The stricter of the two modes. */
    public static AccessMode strictest(AccessMode a, AccessMode b) {
        return a.isStricterThan(b) ? a : b;
    }
}
