package org.govdx.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.govdx.catalog.domain.Department;

import java.util.List;

@ApplicationScoped
public class DepartmentRepository implements PanacheRepositoryBase<Department, String> {

    public Uni<List<Department>> listByCode() {
        return list("order by code");
    }
}
