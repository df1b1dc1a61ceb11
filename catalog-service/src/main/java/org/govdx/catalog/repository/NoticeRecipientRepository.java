package org.govdx.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.govdx.catalog.domain.NoticeRecipient;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class NoticeRecipientRepository implements PanacheRepositoryBase<NoticeRecipient, Long> {

    public Uni<List<NoticeRecipient>> ofNotices(Collection<UUID> noticeIds) {
        return noticeIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("noticeId in ?1 order by id", List.copyOf(noticeIds));
    }
}
