package org.govdx.exchange.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.client.OidcClient;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.common.problem.ProblemException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads datasets from the catalog service with the exchange's own service token. The exchange checks
 * requests against the catalog when they are drafted and again when they are approved (DOMAIN rule 1).
 */
@ApplicationScoped
public class CatalogClient {

    @Inject
    Vertx vertx;

    @Inject
    OidcClient oidcClient;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "govdx.catalog.url")
    String catalogUrl;

    private WebClient client;

    @PostConstruct
    void init() {
        client = WebClient.create(vertx);
    }

    /** The dataset at {@code version}, or at its current version when {@code version} is null (as a request names it: 422 when unknown). */
    public Uni<CatalogDataset> dataset(UUID id, Integer version) {
        java.util.function.Supplier<ProblemException> unknown =
                () -> new ProblemException(422, "unknown-dataset", "Unknown dataset", "The catalog has no such dataset or version");
        return get("/api/catalog/datasets/" + id, unknown).flatMap(dataset -> {
            int wanted = version != null ? version : dataset.path("currentVersion").asInt();
            return get("/api/catalog/datasets/" + id + "/versions/" + wanted, unknown).map(v -> toDataset(dataset, v));
        });
    }

    /**
     * GETs a catalog resource with the exchange's service token; {@code whenMissing} says what a 404 means to
     * the caller; an unreachable or failing catalog is a 503 problem.
     */
    public Uni<JsonNode> get(String path, java.util.function.Supplier<ProblemException> whenMissing) {
        return serviceToken().flatMap(tokens -> client.getAbs(catalogUrl + path)
                        .bearerTokenAuthentication(tokens.getAccessToken())
                        .timeout(Duration.ofSeconds(10).toMillis())
                        .send())
                .onFailure().transform(e -> new ProblemException(503, "catalog-unavailable", "Catalog unavailable",
                        "The catalog service did not answer; try again shortly"))
                .map(response -> body(response, whenMissing));
    }

    /** PUTs JSON to a catalog resource with the exchange's service token; anything but a 2xx fails. */
    public Uni<Void> put(String path, Object body) {
        return serviceToken().flatMap(tokens -> client.putAbs(catalogUrl + path)
                        .bearerTokenAuthentication(tokens.getAccessToken())
                        .timeout(Duration.ofSeconds(10).toMillis())
                        .sendJson(body))
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException("catalog answered " + response.statusCode() + " to PUT " + path + ": " + response.bodyAsString());
                    }
                    return null;
                });
    }

    private volatile io.quarkus.oidc.client.Tokens serviceTokens;

    /**
     * The exchange's service token, reused until it is within a minute of expiry: {@code OidcClient.getTokens()}
     * makes a new client-credentials grant at Keycloak every time, which made every catalog call cost a token
     * request (the governed-read benchmark found reads queueing on Keycloak).
     */
    private Uni<io.quarkus.oidc.client.Tokens> serviceToken() {
        io.quarkus.oidc.client.Tokens current = serviceTokens;
        Long expiresAt = current == null ? null : current.getAccessTokenExpiresAt();
        if (current != null && expiresAt != null && expiresAt - 60 > System.currentTimeMillis() / 1000) {
            return Uni.createFrom().item(current);
        }
        return oidcClient.getTokens().invoke(t -> serviceTokens = t);
    }

    private JsonNode body(HttpResponse<Buffer> response, java.util.function.Supplier<ProblemException> whenMissing) {
        if (response.statusCode() == 404) {
            throw whenMissing.get();
        }
        if (response.statusCode() / 100 != 2) {
            throw new ProblemException(503, "catalog-unavailable", "Catalog unavailable", "The catalog service answered " + response.statusCode());
        }
        try {
            return mapper.readTree(response.bodyAsString());
        } catch (IOException e) {
            throw new ProblemException(503, "catalog-unavailable", "Catalog unavailable", "The catalog service answered with invalid JSON");
        }
    }

    static CatalogDataset toDataset(JsonNode dataset, JsonNode version) {
        List<CatalogDataset.Field> fields = new ArrayList<>();
        for (JsonNode f : version.path("fields")) {
            fields.add(new CatalogDataset.Field(f.path("name").asText(), f.path("titleZh").asText(null), f.path("type").asText(null),
                    f.path("dataElement").asText(null), f.path("fieldClass").asText(), f.path("defaultMasking").asText("redact"),
                    f.path("key").asBoolean(false)));
        }
        return new CatalogDataset(UUID.fromString(dataset.path("id").asText()), dataset.path("code").asText(),
                dataset.path("titleZh").asText(null), dataset.path("titleEn").asText(null), dataset.path("ownerDepartment").asText(),
                dataset.path("status").asText(), dataset.path("currentVersion").asInt(), version.path("version").asInt(),
                version.path("status").asText(), version.path("classification").asText(dataset.path("classification").asText()),
                version.path("legalBasis").asText(null), version.path("schemaHash").asText(),
                version.path("distribution").path("mode").asText(dataset.path("distribution").path("mode").asText("HOSTED")), fields);
    }
}
