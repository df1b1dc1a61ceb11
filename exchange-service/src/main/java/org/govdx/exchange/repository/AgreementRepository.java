package org.govdx.exchange.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.govdx.exchange.domain.Agreement;
import org.govdx.exchange.domain.AgreementState;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AgreementRepository implements PanacheRepositoryBase<Agreement, UUID> {

    public Uni<List<Agreement>> ofDepartment(String department, AgreementState state, int limit, UUID after) {
        StringBuilder query = new StringBuilder("(consumerDepartment = ?1 or providerDepartment = ?1)");
        if (state != null) {
            query.append(" and state = ?2");
        }
        query.append(" order by createdAt desc, id");
        var q = state != null ? find(query.toString(), department, state) : find(query.toString(), department);
        return q.page(0, limit).list();
    }

    public Uni<List<Agreement>> all(AgreementState state, int limit) {
        return (state != null ? find("state = ?1 order by createdAt desc", state) : find("order by createdAt desc")).page(0, limit).list();
    }

    public Uni<List<Agreement>> expiredBy(LocalDate today) {
        return list("state in ?1 and termEnd < ?2", List.of(AgreementState.ACTIVE, AgreementState.SUSPENDED), today);
    }

    /** Agreements that still bind a consumer to the dataset: the departments to tell before it changes. */
    public Uni<List<Agreement>> bindingOnDataset(UUID datasetId) {
        return list("datasetId = ?1 and state in ?2 order by consumerDepartment", datasetId, List.of(AgreementState.ACTIVE, AgreementState.SUSPENDED));
    }
}
