package org.govdx.catalog.mapping;

import org.govdx.catalog.domain.DataElement;
import org.govdx.catalog.repository.CatalogQueries;
import org.govdx.catalog.rest.DataElementDto;
import org.govdx.catalog.rest.PublisherDto;
import org.govdx.catalog.rest.ValidationDto;
import org.govdx.catalog.service.DataElementService;
import org.govdx.catalog.service.ValueValidation;
import org.govdx.rules.classification.SharingClass;

import java.util.ArrayList;
import java.util.List;

public final class DataElementMapper {

    private DataElementMapper() {
    }

    public static DataElementDto toDto(DataElement e) {
        return new DataElementDto(e.code, e.nameZh, e.nameEn, e.definition, e.type, e.validator, e.pattern, e.enumValues,
                e.collectionFrequency, e.sourceDepartment, e.version);
    }

    public static DataElementService.Definition toDefinition(DataElementDto dto) {
        return new DataElementService.Definition(dto.code(), dto.nameZh(), dto.nameEn(), dto.definition(), dto.type(), dto.validator(),
                dto.pattern(), dto.enumValues(), dto.collectionFrequency(), dto.sourceDepartment());
    }

    public static ValidationDto single(String code, ValueValidation.Outcome o) {
        return new ValidationDto(code, o.valid(), o.normalised(), o.reason(), o.message(), null, null);
    }

    public static ValidationDto batch(String code, List<ValueValidation.Outcome> outcomes) {
        List<ValidationDto> results = new ArrayList<>(outcomes.size());
        int invalid = 0;
        for (ValueValidation.Outcome o : outcomes) {
            results.add(new ValidationDto(null, o.valid(), o.normalised(), o.reason(), o.message(), null, null));
            if (!o.valid()) {
                invalid++;
            }
        }
        return new ValidationDto(code, invalid == 0, null, null, null, invalid, results);
    }

    public static PublisherDto publisher(CatalogQueries.Publisher p, DataElement element) {
        return new PublisherDto(p.datasetId(), p.code(), p.ownerDepartment(), p.titleZh(), p.titleEn(), SharingClass.valueOf(p.classification()),
                p.version(), p.fields(), p.ownerDepartment().equals(element.sourceDepartment));
    }
}
