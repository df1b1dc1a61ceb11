package org.govdx.rules.classification;

/**
 * The three sharing attributes of a dataset or of a single field — DOMAIN rule 1 (three classes)
 * and rule 2 (grading inside a dataset); they are the 《政务数据共享条例》 sharing attributes.
 *
 * <p>The constants are declared from the least to the most strict, so {@link #ordinal()} order is
 * strictness order; use {@link #isStricterThan(SharingClass)} and {@link #strictest(SharingClass, SharingClass)}
 * rather than comparing ordinals.
 */
public enum SharingClass {
    /** 无条件共享: may be provided to every government department. */
    OPEN("无条件共享"),
    /** 有条件共享: only under an ACTIVE signed agreement, only the fields it names. */
    RESTRICTED("有条件共享"),
    /** 不予共享: listed in the catalog but never leaves its owner. */
    FORBIDDEN("不予共享");

    private final String zhLabel;

    SharingClass(String zhLabel) {
        this.zhLabel = zhLabel;
    }

    /** The regulation's Chinese name of the attribute, e.g. {@code 有条件共享}. */
    public String zhLabel() {
        return zhLabel;
    }

    /** True when this class allows strictly less sharing than {@code other}. */
    public boolean isStricterThan(SharingClass other) {
        return compareStrictness(this, other) > 0;
    }

    /** True when this class allows at most as much sharing as {@code other}. */
    public boolean isAtLeastAsStrictAs(SharingClass other) {
        return compareStrictness(this, other) >= 0;
    }

    /** Negative, zero or positive as {@code a} is less strict than, as strict as, or stricter than {@code b}. */
    public static int compareStrictness(SharingClass a, SharingClass b) {
        return Integer.compare(a.ordinal(), b.ordinal());
    }

    /** The stricter of the two classes. */
    public static SharingClass strictest(SharingClass a, SharingClass b) {
        return a.isStricterThan(b) ? a : b;
    }
}
