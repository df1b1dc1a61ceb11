package org.govdx.catalog.mapping;

import org.govdx.catalog.domain.Department;
import org.govdx.catalog.rest.DepartmentDto;

public final class DepartmentMapper {

    private DepartmentMapper() {
    }

    public static DepartmentDto toDto(Department department) {
        return new DepartmentDto(department.code, department.nameZh, department.nameEn, department.version);
    }
}
