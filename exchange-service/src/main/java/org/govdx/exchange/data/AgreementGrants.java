package org.govdx.exchange.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.rules.policy.Grant;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agreements governed reads decide on. Every call reads the agreement's version and state from the database
 * (a suspension, revocation or expiry takes effect on the next call, in every instance); the signed document, its
 * parse and its mapping to a {@link Grant} are kept per agreement version. Every change of an agreement (state,
 * reason, term) goes through its entity, whose {@code @Version} it increments, and an amendment is a new agreement,
 * so a kept document is the current one exactly when the version read matches.
 */
@ApplicationScoped
public class AgreementGrants {

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    /** An agreement as of one version and state, with its grant mapped on first use. */
    public static final class Known {
        private record Mapped(int pageSizeCap, Grant grant) {
        }

        private final GrantMapping.AgreementRow row;
        private volatile Mapped mapped;

        Known(GrantMapping.AgreementRow row) {
            this.row = row;
        }

        public GrantMapping.AgreementRow row() {
            return row;
        }

        /** The grant the document signs ({@link GrantMapping#grant}), mapped once per page-size cap. */
        public Grant grant(int pageSizeCap) {
            Mapped m = mapped;
            if (m == null || m.pageSizeCap() != pageSizeCap) {
                m = new Mapped(pageSizeCap, GrantMapping.grant(row, pageSizeCap));
                mapped = m;
            }
            return m.grant();
        }
    }

    private final Map<UUID, Known> known = new ConcurrentHashMap<>();

    /** The agreement as it is now; null when there is none. */
    public Uni<Known> current(UUID id) {
        return pool.preparedQuery("select version, state from agreement where id = $1").execute(Tuple.of(id)).flatMap(rows -> {
            if (!rows.iterator().hasNext()) {
                known.remove(id);
                return Uni.createFrom().nullItem();
            }
            Row r = rows.iterator().next();
            Known k = known.get(id);
            if (k != null && k.row().version() == r.getInteger(0) && k.row().state().equals(r.getString(1))) {
                return Uni.createFrom().item(k);
            }
            return load(id);
        });
    }

    private Uni<Known> load(UUID id) {
        return pool.preparedQuery("select id, version, kind, state, consumer_department, provider_department, dataset_id, dataset_version, "
                + "term_start, term_end, document from agreement where id = $1").execute(Tuple.of(id)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                known.remove(id);
                return null;
            }
            Known k = new Known(row(rows));
            known.put(id, k);
            return k;
        });
    }

    private GrantMapping.AgreementRow row(RowSet<Row> rows) {
        Row r = rows.iterator().next();
        try {
            return new GrantMapping.AgreementRow(r.getUUID(0), r.getInteger(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                    r.getUUID(6), r.getInteger(7), r.getLocalDate(8), r.getLocalDate(9), mapper.readTree(r.getString(10)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
