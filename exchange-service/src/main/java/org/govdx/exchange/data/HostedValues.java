package org.govdx.exchange.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the values of a stored row ({@code hosted_row.data} as JSON text) that a read will project, skipping the
 * others unparsed: a page asks for a few of a dataset's fields, and parsing all of every row cost more than the
 * masking. Values come out as the masking and the response expect them: null, Boolean, Long for integers, BigDecimal
 * for other numbers (as Jackson's tree reads them: floats through double), text; an object or array as "".
 */
final class HostedValues {

    private final JsonFactory json;
    private final Set<String> wanted;
    private final boolean bigDecimalFloats;

    HostedValues(ObjectMapper mapper, List<String> fields) {
        this.json = mapper.getFactory();
        this.wanted = new HashSet<>(fields);
        this.bigDecimalFloats = mapper.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** The wanted fields' values of one stored row (a wanted field the row lacks is absent). */
    Map<String, Object> of(String row) {
        Map<String, Object> values = new HashMap<>(wanted.size() * 2);
        try (JsonParser p = json.createParser(row)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("a stored row is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (!wanted.contains(name)) {
                    p.skipChildren();
                    continue;
                }
                values.put(name, value(p, t));
            }
        } catch (IOException e) {
            throw new IllegalStateException("a stored row is not readable JSON", e);
        }
        return values;
    }

    private Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue().longValue() : p.getLongValue();
            case VALUE_NUMBER_FLOAT -> bigDecimalFloats ? new BigDecimal(p.getDecimalValue().toString()) : new BigDecimal(Double.toString(p.getDoubleValue()));
            case VALUE_STRING -> p.getText();
            default -> {
                p.skipChildren();
                yield "";
            }
        };
    }
}
