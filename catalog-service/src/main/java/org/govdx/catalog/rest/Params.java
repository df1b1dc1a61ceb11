package org.govdx.catalog.rest;

import org.govdx.common.problem.ProblemException;

import java.util.Arrays;
import java.util.Locale;

/** Query parameters parsed with a 400 that names them (JAX-RS would answer 404 for a bad enum). */
final class Params {

    private Params() {
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static boolean bool(String name, String value, boolean defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalidField(name, "true or false");
        };
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
