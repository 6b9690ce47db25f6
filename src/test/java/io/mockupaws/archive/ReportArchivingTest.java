package io.mockupaws.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Finished reports past the policy: file gzip-compressed into the object store, then the row to reports_archive. */
class ReportArchivingTest extends ArchiveTestBase {

    @Autowired
    ObjectStore store;

    @Test
    void oldFinishedReportsMoveWithTheirFilesCompressedAndEverythingElseStays() throws Exception {
        UUID s = scenario("reports");
        byte[] csv = "scenario,cost\n".repeat(2000).getBytes(StandardCharsets.UTF_8);
        UUID archived = report(s, "completed", 200, "reports/a.csv", csv, sha256(csv));
        UUID failed = report(s, "failed", 200, null, null, null);
        UUID pending = report(s, "pending", 200, null, null, null);
        UUID recent = report(s, "completed", 10, "reports/recent.csv", csv, sha256(csv));
        UUID fileGone = report(s, "completed", 200, "reports/gone.csv", null, sha256(csv));
        UUID tampered = report(s, "completed", 200, "reports/tampered.csv", csv, sha256("something else".getBytes()));

        ArchiveRun run = archive.run(request(ArchiveTable.REPORTS, 2));

        // the tampered one fails the job (and stays put); the others are done
        assertThat(run.status()).isEqualTo("failed");
        ArchiveJob job = run.jobs().getFirst();
        assertThat(job.error()).contains("report " + tampered).contains("does not match the report's recorded SHA-256");
        assertThat(job.recordsArchived()).isEqualTo(3);
        assertThat(job.bytesMoved()).isEqualTo(csv.length);
        assertThat(ids("reports")).containsExactlyInAnyOrder(pending, recent, tampered);
        assertThat(ids("reports_archive")).containsExactlyInAnyOrder(archived, failed, fileGone);

        Map<String, Object> row = jdbc.sql("SELECT * FROM reports_archive WHERE id = :id").param("id", archived).query().singleRow();
        String key = (String) row.get("archive_object_key");
        assertThat(key).isEqualTo("archive/reports/" + archived + ".csv.gz");
        assertThat((Long) row.get("archive_size_bytes")).isLessThan(csv.length / 10);
        assertThat(row.get("source_deleted_at")).isNotNull();
        assertThat(row.get("object_key")).isEqualTo("reports/a.csv");
        try (InputStream in = new GZIPInputStream(store.get(key))) {
            assertThat(in.readAllBytes()).isEqualTo(csv);
        }
        assertThat(store.stat("reports/a.csv")).as("the uncompressed original is deleted").isEmpty();
        assertThat(store.stat("reports/recent.csv")).isPresent();
        assertThat(store.stat("reports/tampered.csv")).isPresent();
        assertThat(jdbc.sql("SELECT archive_object_key FROM reports_archive WHERE id = :id").param("id", fileGone)
                .query(String.class).optional()).isEmpty();

        jdbc.sql("UPDATE reports SET sha256 = :sha WHERE id = :id").param("sha", sha256(csv)).param("id", tampered).update();
        ArchiveRun rerun = archive.run(request(ArchiveTable.REPORTS, 2));
        assertThat(rerun.status()).isEqualTo("completed");
        assertThat(rerun.recordsArchived()).isEqualTo(1);
        assertThat(ids("reports")).containsExactlyInAnyOrder(pending, recent);
    }

    @Test
    void anOriginalThatACrashLeftBehindIsDeletedByTheNextRun() {
        UUID s = scenario("left behind");
        byte[] pdf = "%PDF-1.7 a report".getBytes(StandardCharsets.UTF_8);
        UUID id = report(s, "completed", 400, "reports/left.pdf", pdf, sha256(pdf));
        archive.run(request(ArchiveTable.REPORTS, 10));
        // as if the process had died between the move and deleting the original
        store.put("reports/left.pdf", new ByteArrayInputStream(pdf), pdf.length, Map.of());
        jdbc.sql("UPDATE reports_archive SET source_deleted_at = NULL WHERE id = :id").param("id", id).update();

        assertThat(archive.run(request(ArchiveTable.REPORTS, 10)).status()).isEqualTo("completed");

        assertThat(store.stat("reports/left.pdf")).isEmpty();
        assertThat(store.stat("archive/reports/" + id + ".pdf.gz")).isPresent();
        assertThat(count("SELECT count(*) FROM reports_archive WHERE source_deleted_at IS NULL")).isZero();
    }

    private UUID report(UUID scenario, String status, int daysOld, String key, byte[] file, byte[] sha) {
        if (file != null) store.put(key, new ByteArrayInputStream(file), file.length, Map.of());
        return jdbc.sql("""
                        INSERT INTO reports (scenario_id, owner_id, format, status, object_key, size_bytes, sha256, created_at,
                                             completed_at)
                        VALUES (:s, :o, :f, :status, :key, :size, :sha, now() - make_interval(days => :days),
                                CASE WHEN :status IN ('completed', 'failed') THEN now() - make_interval(days => :days) END)
                        RETURNING id""")
                .param("s", scenario).param("o", owner.id()).param("f", key != null && key.endsWith(".pdf") ? "pdf" : "csv")
                .param("status", status).param("key", key, java.sql.Types.VARCHAR)
                .param("size", key == null ? null : (long) (file == null ? 100 : file.length), java.sql.Types.BIGINT)
                .param("sha", sha, java.sql.Types.BINARY).param("days", daysOld)
                .query(UUID.class).single();
    }

    private java.util.List<UUID> ids(String table) {
        return jdbc.sql("SELECT id FROM " + table).query(UUID.class).list();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
