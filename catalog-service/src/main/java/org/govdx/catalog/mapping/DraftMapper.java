package org.govdx.catalog.mapping;

import org.govdx.catalog.domain.FieldSpec;
import org.govdx.catalog.rest.DatasetInput;
import org.govdx.catalog.service.Draft;

import java.util.List;

public final class DraftMapper {

    private DraftMapper() {
    }

    public static Draft toDraft(DatasetInput in) {
        List<FieldSpec> fields = in.fields().stream().map(f -> new FieldSpec(f.name(), f.titleZh(), f.titleEn(), f.type(),
                f.dataElement() == null || f.dataElement().isBlank() ? null : f.dataElement().strip(), f.fieldClass(), f.defaultMasking(),
                f.key(), f.required())).toList();
        return new Draft(in.code(), in.ownerDepartment(), in.titleZh(), in.titleEn(), in.description(),
                in.keywords() == null ? List.of() : in.keywords(), in.category(), in.updateFrequency(), in.legalBasis(), in.classification(),
                in.distribution().mode(), in.distribution().endpoint(), in.sharingConditions(), in.openAttribute(), fields);
    }
}
