package org.govdx.catalog.service;

import org.govdx.catalog.domain.Frequency;
import org.govdx.catalog.domain.QualityMeasurement;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A version's quality (DOMAIN rule 10): the latest measured figures, the derived timeliness, and the
 * correction reports (rule 12). Timeliness is 1 while the last upload (or, without one, the last measurement)
 * is within the declared update interval and falls as interval / age after it; null for datasets updated on
 * change or irregularly, which promise no interval.
 */
public record QualityFigures(int version, Double completeness, Double validity, Double uniqueness, Long rowCount,
                             OffsetDateTime measuredAt, OffsetDateTime lastUploadAt, Double timeliness, Boolean stale,
                             long openCorrections, long overdueCorrections, long acceptedCorrections, long rejectedCorrections) {

    /** Null when there is neither a measurement nor a correction report. */
    public static QualityFigures of(int version, Frequency frequency, QualityMeasurement m, long[] counts, OffsetDateTime now) {
        long open = counts == null ? 0 : counts[0];
        long overdue = counts == null ? 0 : counts[1];
        long accepted = counts == null ? 0 : counts[2];
        long rejected = counts == null ? 0 : counts[3];
        if (m == null && open + accepted + rejected == 0) {
            return null;
        }
        if (m == null) {
            return new QualityFigures(version, null, null, null, null, null, null, null, null, open, overdue, accepted, rejected);
        }
        return of(version, frequency, m.completeness, m.validity, m.uniqueness, m.rowCount, m.measuredAt, m.lastUploadAt,
                open, overdue, accepted, rejected, now);
    }

    public static QualityFigures of(int version, Frequency frequency, Double completeness, Double validity, Double uniqueness, Long rowCount,
                                    OffsetDateTime measuredAt, OffsetDateTime lastUploadAt, long open, long overdue, long accepted,
                                    long rejected, OffsetDateTime now) {
        Double timeliness = null;
        Boolean stale = null;
        if (measuredAt != null && frequency.expectedInterval() != null) {
            OffsetDateTime reference = lastUploadAt != null ? lastUploadAt : measuredAt;
            Duration interval = frequency.expectedInterval();
            Duration age = Duration.between(reference, now);
            stale = age.compareTo(interval) > 0;
            timeliness = stale ? Math.round(10_000.0 * interval.toMillis() / age.toMillis()) / 10_000.0 : 1.0;
        }
        return new QualityFigures(version, completeness, validity, uniqueness, rowCount, measuredAt, lastUploadAt, timeliness, stale,
                open, overdue, accepted, rejected);
    }
}
