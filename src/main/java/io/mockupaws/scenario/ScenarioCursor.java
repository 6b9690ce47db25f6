package io.mockupaws.scenario;

import io.mockupaws.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The position after the last scenario of a v2 page: its sort value and id, plus the sort they belong to (a cursor
 * from another order would skip or repeat rows, so it is refused). Opaque to clients: base64url of
 * {@code sort:order:value:id}, the value itself base64url so that any name fits.
 */
record ScenarioCursor(ScenarioQuery.SortField sort, boolean ascending, String value, UUID id) {

    /** {@code nameKey} is lower(name) as the database computed it: Java's lower-casing may differ for some letters. */
    static ScenarioCursor after(Scenario last, String nameKey, ScenarioQuery.SortField sort, boolean ascending) {
        String value = switch (sort) {
            case CREATED_AT -> Long.toString(micros(last.createdAt()));
            case UPDATED_AT -> Long.toString(micros(last.updatedAt()));
            case NAME -> nameKey;
            case STATUS -> last.status().wire();
        };
        return new ScenarioCursor(sort, ascending, value, last.id());
    }

    String encode() {
        String raw = sort.column + ":" + (ascending ? "asc" : "desc") + ":"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static ScenarioCursor decode(String token, ScenarioQuery.SortField sort, boolean ascending) {
        ScenarioCursor c;
        try {
            String[] p = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", -1);
            if (p.length != 4) throw new IllegalArgumentException();
            ScenarioQuery.SortField s = ScenarioQuery.SortField.of(p[0]);
            if (s == null || !(p[1].equals("asc") || p[1].equals("desc"))) throw new IllegalArgumentException();
            String value = new String(Base64.getUrlDecoder().decode(p[2]), StandardCharsets.UTF_8);
            if (s == ScenarioQuery.SortField.CREATED_AT || s == ScenarioQuery.SortField.UPDATED_AT) Long.parseLong(value);
            c = new ScenarioCursor(s, p[1].equals("asc"), value, UUID.fromString(p[3]));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-cursor", "The cursor is not one this API handed out").with("parameter", "cursor");
        }
        if (c.sort != sort || c.ascending != ascending) {
            throw ApiException.badRequest("invalid-cursor", "The cursor belongs to another sort order").with("parameter", "cursor");
        }
        return c;
    }

    /** The sort value as the SQL comparison needs it. */
    Object sqlValue() {
        return switch (sort) {
            case CREATED_AT, UPDATED_AT -> Timestamp.from(fromMicros(Long.parseLong(value)));
            case NAME, STATUS -> value;
        };
    }

    /** PostgreSQL keeps microseconds; the cursor does too, so no row is skipped or repeated at a page edge. */
    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
    }
}
