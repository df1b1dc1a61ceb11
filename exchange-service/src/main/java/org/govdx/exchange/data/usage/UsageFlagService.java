package org.govdx.exchange.data.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.common.identity.Caller;
import org.govdx.common.identity.Roles;
import org.govdx.common.problem.ProblemException;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads usage flags for who may see them: a CDO sees its department's agreements as provider, an auditor sees all. */
@ApplicationScoped
public class UsageFlagService {

    private static final Duration DB = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    public record Flag(UUID id, UUID agreementId, String providerDepartment, String consumerDepartment, String kind, Map<String, Object> observed,
                       OffsetDateTime flaggedAt, UUID auditEventId) {
    }

    public List<Flag> list(Caller caller, UUID agreementId, int limit) {
        boolean auditor = caller.hasRole(Roles.AUDITOR);
        if (!auditor && !(caller.hasRole(Roles.CDO) && caller.department() != null)) {
            throw ProblemException.forbidden("Usage flags are for the provider department's CDO and auditors");
        }
        if (limit < 1 || limit > 1000) {
            throw ProblemException.invalidField("limit", "1 to 1000");
        }
        StringBuilder sql = new StringBuilder("select id, agreement_id, provider_department, consumer_department, kind, observed::text, flagged_at, audit_event_id "
                + "from usage_flag where true");
        Tuple params = Tuple.tuple();
        if (!auditor) {
            params.addString(caller.department());
            sql.append(" and provider_department = $").append(params.size());
        }
        if (agreementId != null) {
            params.addUUID(agreementId);
            sql.append(" and agreement_id = $").append(params.size());
        }
        params.addInteger(limit);
        sql.append(" order by flagged_at desc limit $").append(params.size());
        List<Flag> out = new ArrayList<>();
        for (Row r : pool.preparedQuery(sql.toString()).execute(params).await().atMost(DB)) {
            try {
                out.add(new Flag(r.getUUID(0), r.getUUID(1), r.getString(2), r.getString(3), r.getString(4), mapper.readValue(r.getString(5), new TypeReference<Map<String, Object>>() { }),
                        r.getOffsetDateTime(6), r.getUUID(7)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
