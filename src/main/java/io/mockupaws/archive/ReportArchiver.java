package io.mockupaws.archive;

import io.mockupaws.storage.NoSuchObjectException;
import io.mockupaws.storage.ObjectStore;
import io.mockupaws.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves finished reports older than the policy to {@code reports_archive}, their files gzip-compressed into the
 * object store under {@code archive/reports/}. The order makes every crash safe: the compressed file is uploaded and
 * read back (it must decompress to the report's recorded SHA-256) before the row moves; the row moves in one
 * statement; the uncompressed original is deleted only after that commit, and {@code source_deleted_at} records it,
 * so an original left behind by a crash is deleted by the next run. A rerun after a crash before the move uploads the
 * same file again, which replaces it. Pending and running reports are never touched.
 */
@Component
class ReportArchiver implements TableArchiver {

    private static final Logger log = LoggerFactory.getLogger(ReportArchiver.class);
    static final String PREFIX = "archive/reports/";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectStore store;

    ReportArchiver(JdbcClient jdbc, TransactionTemplate tx, ObjectStore store) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.store = store;
    }

    @Override
    public ArchiveTable table() {
        return ArchiveTable.REPORTS;
    }

    private record Candidate(UUID id, String format, String status, String objectKey, byte[] sha256) {}

    @Override
    public ArchivePlan plan(Instant cutoff) {
        return jdbc.sql("""
                        SELECT count(*) AS rows, coalesce(sum(size_bytes), 0) AS bytes, count(object_key) AS files
                        FROM reports WHERE created_at < :cutoff AND status IN ('completed', 'failed')""")
                .param("cutoff", Timestamp.from(cutoff))
                .query((rs, n) -> new ArchivePlan(table().jobType(), table().table(), table().archiveTable(), 0, cutoff,
                        rs.getLong("rows"), rs.getLong("bytes"), 0,
                        rs.getLong("files") + " file(s) gzip-compressed into " + store.describe() + "/" + PREFIX))
                .single();
    }

    @Override
    public void archive(Instant cutoff, int batchSize, Progress progress) {
        deleteLeftOriginals();
        List<String> failures = new ArrayList<>();
        List<UUID> failed = new ArrayList<>();
        while (true) {
            List<Candidate> batch = jdbc.sql("""
                            SELECT id, format, status, object_key, sha256 FROM reports
                            WHERE created_at < :cutoff AND status IN ('completed', 'failed')
                              AND id <> ALL (CAST(:failed AS uuid[]))
                            ORDER BY created_at, id LIMIT :limit""")
                    .param("cutoff", Timestamp.from(cutoff)).param("failed", "{" + String.join(",", failed.stream().map(UUID::toString).toList()) + "}")
                    .param("limit", batchSize)
                    .query((rs, n) -> new Candidate(rs.getObject("id", UUID.class), rs.getString("format"),
                            rs.getString("status"), rs.getString("object_key"), rs.getBytes("sha256")))
                    .list();
            if (batch.isEmpty()) break;
            for (Candidate c : batch) {
                try {
                    archive(c, progress);
                } catch (RuntimeException e) {
                    log.warn("Archiving report {} failed: {}", c.id(), Errors.describe(e));
                    failures.add("report " + c.id() + ": " + Errors.describe(e));
                    failed.add(c.id());
                }
            }
        }
        if (!failures.isEmpty()) throw new ArchiveException(String.join("; ", failures));
    }

    private void archive(Candidate c, Progress progress) {
        Uploaded uploaded = c.objectKey() == null ? null : upload(c);
        Integer moved = tx.execute(status -> {
            int n = jdbc.sql("""
                            WITH moved AS (DELETE FROM reports WHERE id = :id AND status = :status RETURNING *),
                            ins AS (INSERT INTO reports_archive
                                    SELECT moved.*, now(), :key, :size, :sha,
                                           CASE WHEN CAST(:key AS text) IS NULL THEN now() END
                                    FROM moved RETURNING 1)
                            SELECT count(*) FROM ins""")
                    .param("id", c.id()).param("status", c.status())
                    .param("key", uploaded == null ? null : uploaded.key(), java.sql.Types.VARCHAR)
                    .param("size", uploaded == null ? null : uploaded.object().size(), java.sql.Types.BIGINT)
                    .param("sha", uploaded == null ? null : HexFormat.of().parseHex(uploaded.object().sha256().orElseThrow()),
                            java.sql.Types.BINARY)
                    .query(Integer.class).single();
            if (n > 0) progress.batch(1, uploaded == null ? 0 : uploaded.originalBytes());
            return n;
        });
        if (moved == null || moved == 0) {
            // deleted or changed since it was picked: leave it, and keep no file for a row that is not archived
            if (uploaded != null) store.delete(uploaded.key());
            return;
        }
        // The original goes only now that the archived row points at the copy (without a copy there is nothing to
        // delete, and the row says so already).
        if (uploaded != null) deleteOriginal(c.id(), c.objectKey());
    }

    private record Uploaded(String key, StoredObject object, long originalBytes) {}

    /** gzip into a temporary file, upload, read the upload back; a report whose file is already gone archives without one. */
    private Uploaded upload(Candidate c) {
        String key = PREFIX + c.id() + "." + c.format() + ".gz";
        Path tmp = null;
        try {
            tmp = Files.createTempFile("mockupaws-report-", ".gz");
            MessageDigest original = sha256();
            long originalBytes;
            try (InputStream in = new DigestInputStream(store.get(c.objectKey()), original);
                 OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                originalBytes = in.transferTo(out);
            } catch (NoSuchObjectException gone) {
                log.warn("Report {}: its file {} is no longer in the store; archiving the report without it", c.id(),
                        c.objectKey());
                return null;
            }
            byte[] digest = original.digest();
            if (c.sha256() != null && !MessageDigest.isEqual(digest, c.sha256())) {
                throw new ArchiveException("its file " + c.objectKey() + " does not match the report's recorded SHA-256;"
                        + " left as it is");
            }
            StoredObject stored;
            try (InputStream in = Files.newInputStream(tmp)) {
                stored = store.put(key, in, Files.size(tmp), Map.of("report-id", c.id().toString(),
                        "content-encoding", "gzip", "original-sha256", HexFormat.of().formatHex(digest)));
            }
            confirm(key, stored, digest);
            return new Uploaded(key, stored, originalBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing report " + c.id() + " failed: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans its temp directory
                }
            }
        }
    }

    /** The upload is there, with its size, and decompresses to exactly the original. */
    private void confirm(String key, StoredObject stored, byte[] originalSha256) throws IOException {
        StoredObject seen = store.stat(key).orElseThrow(() -> new ArchiveException("the upload of " + key + " is not in the store"));
        if (seen.size() != stored.size()) {
            throw new ArchiveException("the upload of " + key + " has " + seen.size() + " bytes, " + stored.size() + " were sent");
        }
        MessageDigest back = sha256();
        try (InputStream in = new DigestInputStream(new GZIPInputStream(store.get(key)), back)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (!MessageDigest.isEqual(back.digest(), originalSha256)) {
            throw new ArchiveException("the upload of " + key + " does not decompress to the original");
        }
    }

    private void deleteOriginal(UUID id, String key) {
        try {
            store.delete(key);
            markOriginalDeleted(id);
        } catch (RuntimeException e) {
            // the archived row says the original is still to delete; the next run does it
            log.warn("Report {} is archived, but deleting its original {} failed: {}", id, key, e.getMessage());
        }
    }

    private void markOriginalDeleted(UUID id) {
        jdbc.sql("UPDATE reports_archive SET source_deleted_at = now() WHERE id = :id").param("id", id).update();
    }

    /** Originals of archived reports a crash (or a store error) left behind. */
    private void deleteLeftOriginals() {
        jdbc.sql("SELECT id, object_key FROM reports_archive WHERE source_deleted_at IS NULL AND archive_object_key IS NOT NULL")
                .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("object_key")))
                .list()
                .forEach(e -> deleteOriginal(e.getKey(), e.getValue()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
