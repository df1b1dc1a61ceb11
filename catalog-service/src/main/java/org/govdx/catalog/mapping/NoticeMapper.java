package org.govdx.catalog.mapping;

import org.govdx.catalog.domain.Notice;
import org.govdx.catalog.rest.NoticeDto;
import org.govdx.catalog.service.NoticeService;

public final class NoticeMapper {

    private NoticeMapper() {
    }

    public static NoticeDto toDto(NoticeService.NoticeRead read) {
        Notice n = read.notice();
        return new NoticeDto(n.id, n.datasetId, n.datasetCode, n.ownerDepartment, n.kind, n.fromVersion, n.toVersion, n.effectiveAt,
                n.emergency, n.reason, n.changes, n.issuedBy, n.issuedAt,
                read.recipients().stream().map(r -> new NoticeDto.Recipient(r.department, r.agreementId, r.datasetVersion)).toList());
    }
}
