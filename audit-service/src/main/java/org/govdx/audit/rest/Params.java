package org.govdx.audit.rest;

import org.govdx.common.problem.ProblemException;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Parses query parameters into values, answering a 400 that names the parameter. */
final class Params {

    private Params() {
    }

    static OffsetDateTime instant(String name, String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be an ISO-8601 date-time with offset, e.g. 2026-01-31T00:00:00Z");
        }
    }

    static Long cursor(String value) {
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("cursor", "must be a cursor returned by a previous page");
        }
    }

    static Long number(String name, String value, long min) {
        if (value == null) {
            return null;
        }
        try {
            long n = Long.parseLong(value);
            if (n < min) {
                throw ProblemException.invalidField(name, "must be at least " + min);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "must be a whole number");
        }
    }

    static UUID uuid(String name, String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "must be a UUID");
        }
    }

    static String outcome(String outcome) {
        if (outcome != null && !outcome.equals("ALLOWED") && !outcome.equals("DENIED")) {
            throw ProblemException.invalidField("outcome", "must be ALLOWED or DENIED");
        }
        return outcome;
    }
}
