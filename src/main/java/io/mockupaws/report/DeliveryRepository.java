package io.mockupaws.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code report_deliveries} (V21): who got which scheduled report, and the links mailed. */
@Repository
class DeliveryRepository {

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Set<String> recipients(UUID reportId) {
        return new HashSet<>(jdbc.sql("SELECT lower(recipient) FROM report_deliveries WHERE report_id = :id")
                .param("id", reportId).query(String.class).list());
    }

    /** false when the report was deleted meanwhile: the delivery has nothing left to do. */
    boolean attached(UUID reportId, String recipient) {
        return jdbc.sql("""
                        INSERT INTO report_deliveries (report_id, recipient, delivered)
                        SELECT :id, :to, 'attached' WHERE EXISTS (SELECT 1 FROM reports WHERE id = :id)
                        ON CONFLICT DO NOTHING""")
                .param("id", reportId).param("to", recipient).update() == 1;
    }

    boolean linked(UUID reportId, String recipient, byte[] tokenHash, Instant expiresAt) {
        return jdbc.sql("""
                        INSERT INTO report_deliveries (report_id, recipient, delivered, link_token_hash, link_expires_at)
                        SELECT :id, :to, 'linked', :hash, :expires WHERE EXISTS (SELECT 1 FROM reports WHERE id = :id)
                        ON CONFLICT DO NOTHING""")
                .param("id", reportId).param("to", recipient).param("hash", tokenHash)
                .param("expires", Timestamp.from(expiresAt)).update() == 1;
    }

    /** The report a mailed link names, while the link works. */
    Optional<UUID> linkedReport(byte[] tokenHash) {
        return jdbc.sql("SELECT report_id FROM report_deliveries WHERE link_token_hash = :hash AND link_expires_at > now()")
                .param("hash", tokenHash).query(UUID.class).optional();
    }
}
