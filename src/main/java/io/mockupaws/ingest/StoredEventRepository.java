package io.mockupaws.ingest;

import io.mockupaws.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads stored events (redacted previews only) with keyset ("cursor") pagination: a page is found by an index
 * range, not by skipping rows, so page 1,000 costs what page 1 costs. Reads live and archived events as one
 * ({@code v_scenario_logs_all}: the filters and the ORDER BY ... LIMIT reach both tables' indexes).
 */
@Repository
class StoredEventRepository {

    private final JdbcClient jdbc;

    StoredEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    enum Sort { TIME, SIZE }

    record Query(UUID scenarioId, Instant from, Instant to, String source, Boolean hasPii, String piiType,
                 Sort sort, boolean ascending, int limit, Cursor after) {}

    /** Position after the last row of a page: the sort value and the row id, plus the sort they belong to. */
    record Cursor(Sort sort, boolean ascending, long value, long id) {
        String encode() {
            String raw = sort + ":" + (ascending ? "asc" : "desc") + ":" + value + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String token) {
            try {
                String[] p = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
                if (p.length != 4) throw new IllegalArgumentException();
                return new Cursor(Sort.valueOf(p[0]), p[1].equals("asc"), Long.parseLong(p[2]), Long.parseLong(p[3]));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid-cursor", "The cursor is not one this API handed out").with("parameter", "cursor");
            }
        }
    }

    record StoredEvent(long id, Instant receivedAt, Instant eventTime, String source, String messageHash, String preview,
                       int sizeBytes, int sqsBlocks, int tokenCount, List<String> piiTypes) {}

    record Page(List<StoredEvent> items, String nextCursor) {}

    Page find(Query q) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, received_at, event_time, source, message_hash, preview, size_bytes, sqs_blocks, token_count, pii_types
                FROM v_scenario_logs_all WHERE scenario_id = :scenario""");
        var params = new java.util.LinkedHashMap<String, Object>();
        params.put("scenario", q.scenarioId());
        if (q.from() != null) { sql.append(" AND received_at >= :from"); params.put("from", Timestamp.from(q.from())); }
        if (q.to() != null) { sql.append(" AND received_at < :to"); params.put("to", Timestamp.from(q.to())); }
        if (q.source() != null) { sql.append(" AND source = :source"); params.put("source", q.source()); }
        if (q.hasPii() != null) { sql.append(" AND has_pii = :hasPii"); params.put("hasPii", q.hasPii()); }
        if (q.piiType() != null) {
            // an event with a PII type has PII (ingest writes both from one profile): saying so lets the (scenario,
            // has_pii, received_at) index narrow the scan to PII events
            sql.append(" AND has_pii AND pii_types @> ARRAY[CAST(:piiType AS text)]");
            params.put("piiType", q.piiType());
        }
        String column = q.sort() == Sort.TIME ? "received_at" : "size_bytes";
        String dir = q.ascending() ? "ASC" : "DESC";
        if (q.after() != null) {
            if (q.after().sort() != q.sort() || q.after().ascending() != q.ascending()) {
                throw ApiException.badRequest("invalid-cursor", "The cursor belongs to another sort order").with("parameter", "cursor");
            }
            sql.append(" AND (").append(column).append(", id) ").append(q.ascending() ? ">" : "<").append(" (:afterValue, :afterId)");
            params.put("afterValue", q.sort() == Sort.TIME ? Timestamp.from(micros(q.after().value())) : (Object) q.after().value());
            params.put("afterId", q.after().id());
        }
        sql.append(" ORDER BY ").append(column).append(' ').append(dir).append(", id ").append(dir).append(" LIMIT :limit");
        params.put("limit", q.limit() + 1);
        var spec = jdbc.sql(sql.toString());
        params.forEach(spec::param);
        List<StoredEvent> rows = new ArrayList<>(spec.query(StoredEventRepository::map).list());
        String next = null;
        if (rows.size() > q.limit()) {
            rows.remove(rows.size() - 1);
            StoredEvent last = rows.getLast();
            long value = q.sort() == Sort.TIME ? toMicros(last.receivedAt()) : last.sizeBytes();
            next = new Cursor(q.sort(), q.ascending(), value, last.id()).encode();
        }
        return new Page(rows, next);
    }

    private static StoredEvent map(ResultSet rs, int n) throws SQLException {
        Timestamp eventTime = rs.getTimestamp("event_time");
        Array pii = rs.getArray("pii_types");
        return new StoredEvent(rs.getLong("id"), rs.getTimestamp("received_at").toInstant(),
                eventTime == null ? null : eventTime.toInstant(), rs.getString("source"),
                HexFormat.of().formatHex(rs.getBytes("message_hash")), rs.getString("preview"), rs.getInt("size_bytes"),
                rs.getInt("sqs_blocks"), rs.getInt("token_count"),
                pii == null ? List.of() : Arrays.asList((String[]) pii.getArray()));
    }

    /** PostgreSQL keeps microseconds; the cursor does too, so no row is skipped or repeated at a page edge. */
    private static long toMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
    }
}
