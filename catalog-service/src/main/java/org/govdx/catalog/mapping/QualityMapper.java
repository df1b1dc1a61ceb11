package org.govdx.catalog.mapping;

import org.govdx.catalog.domain.QualityMeasurement;
import org.govdx.catalog.rest.QualityInput;
import org.govdx.catalog.rest.QualityMeasurementDto;
import org.govdx.catalog.service.QualityService;

public final class QualityMapper {

    private QualityMapper() {
    }

    public static QualityService.Measured toMeasured(QualityInput in) {
        return new QualityService.Measured(in.completeness(), in.validity(), in.uniqueness(), in.rowCount(), in.measuredAt(), in.lastUploadAt());
    }

    public static QualityMeasurementDto toDto(QualityMeasurement m) {
        return new QualityMeasurementDto(m.version, m.completeness, m.validity, m.uniqueness, m.rowCount, m.measuredAt, m.lastUploadAt,
                m.recordedAt, m.recordedBy);
    }
}
