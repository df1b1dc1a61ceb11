package org.govdx.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.govdx.catalog.domain.DataElement;

import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class DataElementRepository implements PanacheRepositoryBase<DataElement, String> {

    /** Up to {@code limit} elements after {@code afterCode} (null: from the start), by code. */
    public Uni<List<DataElement>> page(String afterCode, int limit) {
        return (afterCode == null ? find("order by code") : find("code > ?1 order by code", afterCode)).page(0, limit).list();
    }

    public Uni<List<DataElement>> byCodes(Collection<String> codes) {
        return codes.isEmpty() ? Uni.createFrom().item(List.of()) : list("code in ?1", List.copyOf(codes));
    }
}
