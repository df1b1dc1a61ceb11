package org.govdx.catalog.mapping;

import org.govdx.catalog.domain.Correction;
import org.govdx.catalog.domain.CorrectionStatus;
import org.govdx.catalog.rest.CorrectionDto;
import org.govdx.catalog.service.DatasetService;

import java.time.LocalDate;

public final class CorrectionMapper {

    private CorrectionMapper() {
    }

    public static CorrectionDto toDto(Correction c) {
        LocalDate today = LocalDate.now(DatasetService.CHINA);
        CorrectionDto.Answer answer = c.status == CorrectionStatus.OPEN ? null
                : new CorrectionDto.Answer(c.status, c.answer, c.answeredBy, c.answeredAt,
                !c.answeredAt.atZoneSameInstant(DatasetService.CHINA).toLocalDate().isAfter(c.dueDate));
        return new CorrectionDto(c.id, c.datasetId, c.datasetCode, c.datasetVersion, c.ownerDepartment, c.reporterDepartment, c.recordKey,
                c.field, c.proposedValue, c.evidence, c.status, c.reportedBy, c.reportedAt, c.dueDate,
                c.status == CorrectionStatus.OPEN && today.isAfter(c.dueDate), answer, c.lockVersion);
    }
}
