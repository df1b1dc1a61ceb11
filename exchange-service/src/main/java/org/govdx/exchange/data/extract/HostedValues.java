package org.govdx.exchange.data.extract;

import java.math.BigDecimal;

/** A hosted value read as text ({@code data ->> 'field'}) typed by the catalog's field type, as the masker and the watermark expect it. */
final class HostedValues {

    private HostedValues() {
    }

    static Object typed(String text, String type) {
        if (text == null) {
            return null;
        }
        try {
            return switch (type == null ? "STRING" : type) {
                case "INTEGER" -> Long.valueOf(text);
                case "DECIMAL" -> new BigDecimal(text);
                case "BOOLEAN" -> Boolean.valueOf(text);
                default -> text;
            };
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
