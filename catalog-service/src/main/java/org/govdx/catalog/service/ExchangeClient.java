package org.govdx.catalog.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.OidcClient;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.catalog.domain.Json;
import org.govdx.common.problem.ProblemException;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The catalog's calls to the exchange service, with the govdx-internal service token: which departments hold
 * agreements on a dataset (before a retirement or a breaking version), and working-day due dates. Any failure
 * (unreachable, timeout, non-2xx, unreadable answer) is a 503 problem: the catalog refuses rather than skip a
 * notice or guess a deadline.
 */
@ApplicationScoped
public class ExchangeClient {

    private static final Logger LOG = Logger.getLogger(ExchangeClient.class);

    @Inject
    Vertx vertx;

    @Inject
    Instance<OidcClient> oidcClient;

    @ConfigProperty(name = "govdx.exchange.url")
    String exchangeUrl;

    @ConfigProperty(name = "govdx.exchange.timeout", defaultValue = "5s")
    Duration timeout;

    private WebClient client;

    /** A department holding an agreement on the dataset, and the dataset version the agreement names. */
    public record Consumer(String department, String agreementId, Integer datasetVersion) {
    }

    @PostConstruct
    void init() {
        client = WebClient.create(vertx);
    }

    public Uni<List<Consumer>> consumers(UUID datasetId) {
        return get("/api/exchange/internal/datasets/" + datasetId + "/consumers").map(body -> {
            if (!body.isArray()) {
                throw new IllegalStateException("consumers answer is not a JSON array");
            }
            List<Consumer> consumers = Json.MAPPER.convertValue(body, new TypeReference<>() {
            });
            for (Consumer consumer : consumers) {
                if (consumer.department() == null || consumer.department().isBlank()) {
                    throw new IllegalStateException("a consumer without a department");
                }
            }
            return consumers;
        }).onFailure(e -> !(e instanceof ProblemException)).transform(e -> unavailable("the list of consumer departments", e));
    }

    /** The day a step started on {@code start} with a limit of {@code workingDays} working days is due. */
    public Uni<LocalDate> due(LocalDate start, int workingDays) {
        return get("/api/exchange/calendar/due?start=" + URLEncoder.encode(start.toString(), StandardCharsets.UTF_8) + "&workingDays=" + workingDays)
                .map(body -> LocalDate.parse(body.path("due").asText()))
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> unavailable("the working-day calendar", e));
    }

    private Uni<JsonNode> get(String path) {
        Uni<String> token = oidcClient.isResolvable()
                ? oidcClient.get().getTokens().map(t -> t.getAccessToken())
                : Uni.createFrom().nullItem();
        return token.flatMap(accessToken -> {
            var request = client.getAbs(exchangeUrl + path).timeout(timeout.toMillis()).putHeader("Accept", "application/json");
            if (accessToken != null) {
                request.bearerTokenAuthentication(accessToken);
            }
            return request.send();
        }).map(response -> {
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("exchange answered " + response.statusCode());
            }
            try {
                return Json.MAPPER.readTree(response.bodyAsString());
            } catch (Exception e) {
                throw new IllegalStateException("exchange answer is not JSON", e);
            }
        });
    }

    private static ProblemException unavailable(String what, Throwable cause) {
        LOG.warnf("exchange service: cannot get %s: %s", what, cause.getMessage());
        return new ProblemException(503, "exchange-unavailable", "Exchange service unavailable",
                "The exchange service could not tell " + what + "; nothing was changed. Try again later.");
    }
}
