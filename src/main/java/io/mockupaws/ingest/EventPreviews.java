package io.mockupaws.ingest;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stored events of a window, oldest first, for exports (a report's log rows): the redacted preview and the profile
 * only — the raw message was never stored. Streamed with a server-side cursor, so a long export holds one batch of
 * rows in memory, not the window.
 */
@Component
public class EventPreviews {

    /** One stored event as an export shows it. */
    public record Preview(Instant receivedAt, Instant eventTime, String source, int sizeBytes, int sqsBlocks,
                          int tokenCount, List<String> piiTypes, String preview) {}

    private static final int FETCH = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;

    EventPreviews(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * Calls {@code each} with the events received in [from, to) (an end left null is open), oldest first, at most
     * {@code limit} of them; returns how many there were.
     */
    public long forEach(UUID scenarioId, Instant from, Instant to, long limit, Consumer<Preview> each) {
        Long n = readOnly.execute(status -> {
            long[] count = {0};
            jdbc.sql("""
                            SELECT received_at, event_time, source, size_bytes, sqs_blocks, token_count, pii_types, preview
                            FROM scenario_logs
                            WHERE scenario_id = :scenario AND received_at >= :from AND received_at < :to
                            ORDER BY received_at, id LIMIT :limit""")
                    .withFetchSize(FETCH)
                    .param("scenario", scenarioId)
                    .param("from", Timestamp.from(from == null ? Instant.EPOCH : from))
                    .param("to", Timestamp.from(to == null ? Instant.parse("9999-12-31T00:00:00Z") : to))
                    .param("limit", limit)
                    .query(rs -> {
                        Timestamp eventTime = rs.getTimestamp("event_time");
                        Array pii = rs.getArray("pii_types");
                        each.accept(new Preview(rs.getTimestamp("received_at").toInstant(),
                                eventTime == null ? null : eventTime.toInstant(), rs.getString("source"),
                                rs.getInt("size_bytes"), rs.getInt("sqs_blocks"), rs.getInt("token_count"),
                                pii == null ? List.of() : Arrays.asList((String[]) pii.getArray()), rs.getString("preview")));
                        count[0]++;
                    });
            return count[0];
        });
        return n == null ? 0 : n;
    }
}
