package io.mockupaws.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Query parameters parsed by hand so that every bad value gets a 400 naming the parameter, instead of whatever
 * the framework's conversion error would say.
 */
public final class QueryParams {

    private QueryParams() {}

    public static int intInRange(String name, String raw, int min, int max) {
        try {
            int v = Integer.parseInt(raw.strip());
            if (v < min || v > max) throw invalid(name, "must be between " + min + " and " + max);
            return v;
        } catch (NumberFormatException e) {
            throw invalid(name, "must be an integer between " + min + " and " + max);
        }
    }

    /** An ISO-8601 instant ({@code 2026-01-31T10:00:00Z}, with any offset) or a date (midnight UTC). */
    public static Instant instant(String name, String raw) {
        if (raw == null || raw.isBlank()) return null;
        String s = raw.strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw invalid(name, "must be an ISO-8601 date-time (2026-01-31T10:00:00Z) or date (2026-01-31)");
            }
        }
    }

    public static String text(String name, String raw, int maxLength) {
        if (raw == null || raw.isBlank()) return null;
        if (raw.length() > maxLength) throw invalid(name, "must be at most " + maxLength + " characters");
        if (raw.indexOf('\0') >= 0) throw invalid(name, "must not contain NUL characters");
        return raw.strip();
    }

    /** 400 {@code invalid-parameter} naming the query parameter: the one shape every endpoint uses for bad parameters. */
    public static ApiException invalid(String name, String message) {
        return ApiException.badRequest("invalid-parameter", "Parameter '" + name + "' " + message).with("parameter", name);
    }
}
