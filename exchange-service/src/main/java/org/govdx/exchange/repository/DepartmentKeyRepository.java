package org.govdx.exchange.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.govdx.exchange.domain.DepartmentKey;

import java.util.List;

@ApplicationScoped
public class DepartmentKeyRepository implements PanacheRepositoryBase<DepartmentKey, String> {

    public Uni<DepartmentKey> active(String department) {
        return find("department = ?1 and retiredAt is null", department).firstResult();
    }

    public Uni<List<DepartmentKey>> all() {
        return list("order by department, createdAt");
    }
}
