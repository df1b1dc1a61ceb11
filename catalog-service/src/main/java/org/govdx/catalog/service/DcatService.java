package org.govdx.catalog.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.catalog.domain.DatasetVersion;
import org.govdx.catalog.domain.Department;
import org.govdx.catalog.domain.VersionStatus;
import org.govdx.catalog.repository.DatasetVersionRepository;
import org.govdx.catalog.repository.DepartmentRepository;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The published catalog, page by page, for the DCAT (JSON-LD) export that other portals harvest. */
@ApplicationScoped
public class DcatService {

    @Inject
    DatasetVersionRepository versions;

    @Inject
    DepartmentRepository departments;

    public record CatalogPage(List<DatasetVersion> datasets, Map<String, Department> departments, String nextCursor) {
    }

    @WithSession
    public Uni<CatalogPage> page(String cursor, int limit) {
        Map<String, Object> after = Cursors.decode(cursor);
        String afterCode = after == null ? "" : Cursors.string(after, "code");
        return versions.find("current = true and status = ?1 and code > ?2 order by code", VersionStatus.PUBLISHED, afterCode)
                .page(0, limit + 1).list()
                .flatMap(list -> departments.listByCode().map(all -> {
                    boolean more = list.size() > limit;
                    List<DatasetVersion> items = more ? list.subList(0, limit) : list;
                    return new CatalogPage(items, all.stream().collect(Collectors.toMap(d -> d.code, Function.identity())),
                            more ? Cursors.encode(Map.of("code", items.get(items.size() - 1).code)) : null);
                }));
    }
}
