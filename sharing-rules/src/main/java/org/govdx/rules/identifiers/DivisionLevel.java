package org.govdx.rules.identifiers;

/** The level of a GB/T 2260 administrative division code (DOMAIN rule 3: generalize address/division). */
public enum DivisionLevel {
    /** {@code XX0000}: province, autonomous region, municipality or SAR. */
    PROVINCE,
    /** {@code XXXX00}: prefecture-level city, prefecture, league, or a municipality's district group. */
    CITY,
    /** {@code XXXXXX}: county, district or county-level city. */
    COUNTY
}
