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

    void attached(UUID reportId, String recipient) {
        jdbc.sql("INSERT INTO report_deliveries (report_id, recipient, delivered) VALUES (:id, :to, 'attached') ON CONFLICT DO NOTHING")
                .param("id", reportId).param("to", recipient).update();
    }

    void linked(UUID reportId, String recipient, byte[] tokenHash, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO report_deliveries (report_id, recipient, delivered, link_token_hash, link_expires_at)
                        VALUES (:id, :to, 'linked', :hash, :expires) ON CONFLICT DO NOTHING""")
                .param("id", reportId).param("to", recipient).param("hash", tokenHash)
                .param("expires", Timestamp.from(expiresAt)).update();
    }

    /** The report a mailed link names, while the link works. */
    Optional<UUID> linkedReport(byte[] tokenHash) {
        return jdbc.sql("SELECT report_id FROM report_deliveries WHERE link_token_hash = :hash AND link_expires_at > now()")
                .param("hash", tokenHash).query(UUID.class).optional();
    }
}
