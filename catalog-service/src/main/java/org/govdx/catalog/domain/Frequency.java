package org.govdx.catalog.domain;

import java.time.Duration;

/**
 * How often a dataset is updated or a data element collected. {@link #expectedInterval()} drives the derived
 * timeliness score; {@link #euUri()} is the EU frequency vocabulary term used in the DCAT export.
 */
public enum Frequency {
    REAL_TIME("实时", Duration.ofHours(1), "UPDATE_CONT"),
    HOURLY("每小时", Duration.ofHours(1), "HOURLY"),
    DAILY("每日", Duration.ofDays(1), "DAILY"),
    WEEKLY("每周", Duration.ofDays(7), "WEEKLY"),
    MONTHLY("每月", Duration.ofDays(31), "MONTHLY"),
    QUARTERLY("每季度", Duration.ofDays(92), "QUARTERLY"),
    YEARLY("每年", Duration.ofDays(366), "ANNUAL"),
    ON_CHANGE("实时变更", null, "IRREG"),
    IRREGULAR("不定期", null, "IRREG");

    private final String zhLabel;
    private final Duration expectedInterval;
    private final String euCode;

    Frequency(String zhLabel, Duration expectedInterval, String euCode) {
        this.zhLabel = zhLabel;
        this.expectedInterval = expectedInterval;
        this.euCode = euCode;
    }

    /** The update cycle as the national catalogue names it, e.g. 每日. */
    public String zhLabel() {
        return zhLabel;
    }

    /** The longest expected gap between two updates; null when updates follow events, not a schedule. */
    public Duration expectedInterval() {
        return expectedInterval;
    }

    public String euUri() {
        return "http://publications.europa.eu/resource/authority/frequency/" + euCode;
    }
}
