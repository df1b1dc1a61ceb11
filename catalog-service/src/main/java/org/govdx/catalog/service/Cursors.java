package org.govdx.catalog.service;

import com.fasterxml.jackson.core.type.TypeReference;
import org.govdx.catalog.domain.Json;
import org.govdx.common.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Opaque pagination cursors: base64url of a small JSON object naming where the next page starts (keyset
 * pagination, so pages stay stable while rows are added). Clients must not build or read them.
 */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(Map<String, Object> position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(position).getBytes(StandardCharsets.UTF_8));
    }

    public static Map<String, Object> decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            Map<String, Object> position = Json.read(json, new TypeReference<>() {
            });
            if (position == null) {
                throw new IllegalArgumentException("empty");
            }
            return position;
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("cursor", "not a cursor this service issued");
        }
    }

    public static String string(Map<String, Object> position, String key) {
        Object value = position.get(key);
        if (!(value instanceof String s)) {
            throw ProblemException.invalidField("cursor", "not a cursor this service issued");
        }
        return s;
    }

    public static int limit(Integer requested, int defaultLimit, int max) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > max) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + max);
        }
        return requested;
    }
}
