package io.mockupaws.archive;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves events older than the policy from {@code scenario_logs} to {@code scenario_logs_archive}, both partitioned
 * by month on {@code received_at}.
 *
 * <p><b>A whole month past the policy</b> moves in O(1): DETACH from scenario_logs, rename, ATTACH to the archive, in
 * one transaction. Plain DETACH, not DETACH CONCURRENTLY: CONCURRENTLY cannot run in a transaction block, so the
 * month would sit for a while in neither table (invisible to the views, and a crash there leaves it orphaned or
 * "detach pending"), whereas in one transaction readers see the month in exactly one of the two at every moment and a
 * crash rolls everything back. The price is an ACCESS EXCLUSIVE lock on scenario_logs for the swap, which is metadata
 * only (milliseconds) because the slow parts are done before, without it: a CHECK constraint equal to the partition
 * bound is added NOT VALID and validated under SHARE UPDATE EXCLUSIVE (ingest and readers go on), so ATTACH skips its
 * validation scan, and any index of the archive the month lacks is built CONCURRENTLY, so ATTACH adopts it instead of
 * building it. The lock is waited for with a short lock_timeout and retried, so a long query on scenario_logs makes
 * the swap wait for its turn instead of queueing ingest behind it. Indexes only the live table has are dropped from
 * the archived month (less disk; the archive's own indexes are what its readers use).
 *
 * <p><b>Anything else</b> (the month the cutoff falls in; a month whose archive partition already holds rows moved one
 * by one) moves in keyset batches over the primary key, each one statement
 * {@code WITH moved AS (DELETE ... RETURNING *) INSERT INTO scenario_logs_archive SELECT ... FROM moved}: atomic, so a
 * crash at any moment leaves every row in exactly one table, and a rerun simply finds the rows still live. A month
 * emptied this way is dropped from scenario_logs once it is entirely past the policy.
 */
@Component
class LogArchiver implements TableArchiver {

    private static final Logger log = LoggerFactory.getLogger(LogArchiver.class);
    static final String LIVE = "scenario_logs";
    static final String ARCHIVE = "scenario_logs_archive";
    /** The constraint that lets ATTACH skip its scan; named alike on every partition (CHECK names are per table). */
    static final String BOUND = "archive_bound";
    private static final String COLUMNS = "id, scenario_id, received_at, event_time, source, message_hash, preview,"
            + " size_bytes, sqs_blocks, token_count, char_count, pii_types, has_pii";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy_MM").withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final DdlLocks locks;

    LogArchiver(JdbcClient jdbc, TransactionTemplate tx, ArchiveSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.locks = new DdlLocks(tx, jdbc, settings.lockTimeout(), settings.lockAttempts());
    }

    @Override
    public ArchiveTable table() {
        return ArchiveTable.LOGS;
    }

    /** A partition and its range [from, to); {@code name} is its relation name as SQL needs it (quoted if needed). */
    record Partition(String name, String relname, Instant from, Instant to) {
        boolean overlaps(Instant start, Instant end) {
            return from.isBefore(end) && to.isAfter(start);
        }

        boolean wholeBefore(Instant cutoff) {
            return !to.isAfter(cutoff);
        }
    }

    @Override
    public ArchivePlan plan(Instant cutoff) {
        long rows = 0, bytes = 0;
        int swaps = 0, partial = 0;
        List<Partition> archive = partitions(ARCHIVE);
        for (Partition p : partitions(LIVE)) {
            if (!p.from().isBefore(cutoff)) continue;
            if (p.wholeBefore(cutoff) && swappable(p, archive).isPresent()) {
                rows += count(p, null);
                bytes += totalSize(p.name());
                swaps++;
            } else {
                long[] rb = countAndBytes(p, cutoff);
                rows += rb[0];
                bytes += rb[1];
                if (rb[0] > 0) partial++;
            }
        }
        return new ArchivePlan(table().jobType(), LIVE, ARCHIVE, 0, cutoff, rows, bytes, swaps,
                swaps + " whole month(s) by partition swap, rows of " + partial + " other month(s) in batches");
    }

    @Override
    public void archive(Instant cutoff, int batchSize, Progress progress) {
        List<String> failures = new ArrayList<>();
        for (Partition p : partitions(LIVE)) {
            if (!p.from().isBefore(cutoff)) continue;
            try {
                Optional<Optional<Partition>> swap = p.wholeBefore(cutoff) ? swappable(p, partitions(ARCHIVE)) : Optional.empty();
                if (swap.isPresent()) {
                    swap(p, swap.get(), progress);
                } else {
                    moveRows(p, cutoff, batchSize, progress);
                    if (p.wholeBefore(cutoff)) dropEmpty(p);
                }
            } catch (RuntimeException e) {
                // one month's failure (a lock not granted, say) does not stop the others; the job still fails
                log.warn("Archiving {} failed: {}", p.relname(), Errors.describe(e));
                failures.add(p.relname() + ": " + Errors.describe(e));
            }
        }
        if (!failures.isEmpty()) throw new ArchiveException(String.join("; ", failures));
    }

    /**
     * Whether the month can be swapped: present with the archive partition it would replace (empty, to be dropped)
     * or none; empty when the archive already holds rows of that month (moved one by one), which overlap.
     */
    private Optional<Optional<Partition>> swappable(Partition p, List<Partition> archive) {
        List<Partition> overlapping = archive.stream().filter(a -> a.overlaps(p.from(), p.to())).toList();
        if (overlapping.isEmpty()) return Optional.of(Optional.empty());
        if (overlapping.size() == 1) {
            Partition a = overlapping.getFirst();
            if (a.from().equals(p.from()) && a.to().equals(p.to()) && isEmpty(a.name())) return Optional.of(Optional.of(a));
        }
        return Optional.empty();
    }

    // --- whole months ------------------------------------------------------------------------------------------

    private void swap(Partition p, Optional<Partition> emptyArchive, Progress progress) {
        long started = System.nanoTime();
        long rows = count(p, null);
        long bytes = totalSize(p.name());
        prepare(p);
        long prepared = System.nanoTime();
        String target = ARCHIVE + "_" + MONTH.format(p.from());
        locks.inTransaction("the swap of " + p.relname() + " into " + ARCHIVE, () -> {
            if (emptyArchive.isPresent()) {
                Partition a = emptyArchive.get();
                jdbc.sql("ALTER TABLE " + ARCHIVE + " DETACH PARTITION " + a.name()).update();
                if (!isEmpty(a.name())) throw new ArchiveException(a.relname() + " received rows while being replaced");
                jdbc.sql("DROP TABLE " + a.name()).update();
            }
            jdbc.sql("ALTER TABLE " + LIVE + " DETACH PARTITION " + p.name()).update();
            jdbc.sql("ALTER TABLE " + p.name() + " RENAME TO " + quote(target)).update();
            jdbc.sql("ALTER TABLE " + ARCHIVE + " ATTACH PARTITION " + quote(target) + " FOR VALUES FROM ('"
                    + p.from() + "') TO ('" + p.to() + "')").update();
            for (String index : unattachedIndexes(target)) jdbc.sql("DROP INDEX " + index).update();
            progress.partition(rows, bytes);
        });
        log.info("Archived {} as {}: {} rows, {} bytes; prepared in {} ms, swapped in {} ms", p.relname(), target, rows,
                bytes, (prepared - started) / 1_000_000, (System.nanoTime() - prepared) / 1_000_000);
    }

    /**
     * The slow parts of a swap, done beforehand without blocking ingest or readers: the bound constraint (added NOT
     * VALID, then validated under SHARE UPDATE EXCLUSIVE) and the archive's indexes (built CONCURRENTLY). Both
     * survive a crash and are found done by the rerun; an index a crashed concurrent build left invalid is rebuilt.
     */
    private void prepare(Partition p) {
        Boolean validated = jdbc.sql("SELECT convalidated FROM pg_constraint WHERE conrelid = CAST(:rel AS regclass) AND conname = :name")
                .param("rel", p.name()).param("name", BOUND).query(Boolean.class).optional().orElse(null);
        if (validated == null) {
            locks.inTransaction("adding the bound constraint to " + p.relname(), () -> jdbc.sql("ALTER TABLE " + p.name()
                    + " ADD CONSTRAINT " + BOUND + " CHECK (received_at >= '" + p.from() + "' AND received_at < '" + p.to()
                    + "') NOT VALID").update());
        }
        if (!Boolean.TRUE.equals(validated)) jdbc.sql("ALTER TABLE " + p.name() + " VALIDATE CONSTRAINT " + BOUND).update();

        List<Map<String, Object>> wanted = jdbc.sql("""
                        SELECT substring(pg_get_indexdef(i.indexrelid) FROM ' USING .*$') AS def, i.indisunique AS unique
                        FROM pg_index i WHERE i.indrelid = CAST(:rel AS regclass)""")
                .param("rel", ARCHIVE).query().listOfRows();
        int n = 0;
        for (Map<String, Object> index : wanted) {
            n++;
            String def = (String) index.get("def");
            boolean unique = (Boolean) index.get("unique");
            List<Map<String, Object>> have = jdbc.sql("""
                            SELECT c.relname, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                            WHERE i.indrelid = CAST(:rel AS regclass) AND i.indisunique = :unique
                              AND substring(pg_get_indexdef(i.indexrelid) FROM ' USING .*$') = :def
                              AND i.indpred IS NULL""")
                    .param("rel", p.name()).param("unique", unique).param("def", def).query().listOfRows();
            if (have.stream().anyMatch(h -> (Boolean) h.get("valid"))) continue;
            for (Map<String, Object> invalid : have) {
                jdbc.sql("DROP INDEX CONCURRENTLY IF EXISTS " + quote((String) invalid.get("relname"))).update();
            }
            String name = truncate(p.relname(), 50) + "_archive_" + n;
            jdbc.sql("DROP INDEX CONCURRENTLY IF EXISTS " + quote(name)).update();
            log.info("Building index {} on {} for the archive, concurrently", name, p.relname());
            jdbc.sql("CREATE " + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY " + quote(name) + " ON " + p.name() + def)
                    .update();
        }
    }

    /** Indexes of the (now archived) partition that no index of the archive adopted: live-only ones. */
    private List<String> unattachedIndexes(String partition) {
        return jdbc.sql("""
                        SELECT CAST(i.indexrelid AS regclass)::text FROM pg_index i
                        WHERE i.indrelid = CAST(:rel AS regclass)
                          AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
                          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""")
                .param("rel", quote(partition)).query(String.class).list();
    }

    // --- rows one batch at a time --------------------------------------------------------------------------------

    private void moveRows(Partition p, Instant cutoff, int batchSize, Progress progress) {
        Instant end = p.to().isBefore(cutoff) ? p.to() : cutoff;
        ensureArchiveMonths(p.from(), end);
        long after = Long.MIN_VALUE;
        long started = System.nanoTime();
        long[] total = new long[2];
        while (true) {
            // The batch is a keyset range of the primary key (id, received_at): the next batchSize ids past the last
            // batch. Found first, then moved by range, so the move is an index range scan, not a join the planner
            // might turn into a scan of the month.
            Long upper = jdbc.sql("SELECT id FROM " + p.name() + " WHERE received_at < :cutoff AND id > :after"
                            + " ORDER BY id OFFSET :skip LIMIT 1")
                    .param("cutoff", Timestamp.from(cutoff)).param("after", after).param("skip", batchSize - 1)
                    .query(Long.class).optional().orElse(null);
            long from = after;
            long to = upper == null ? Long.MAX_VALUE : upper;
            tx.executeWithoutResult(status -> {
                // the moved rows are held once between DELETE and INSERT: in memory, not spilled to a temporary file
                jdbc.sql("SET LOCAL work_mem = '128MB'").update();
                // A batch lost to a crash right after its commit rolls back whole (its rows are live again, its job
                // figures with them) and the rerun moves it: the commit need not wait for the WAL flush.
                jdbc.sql("SET LOCAL synchronous_commit = off").update();
                long[] moved = jdbc.sql("WITH moved AS (DELETE FROM " + p.name()
                                + " WHERE id > :after AND id <= :upper AND received_at < :cutoff RETURNING *),"
                                + " ins AS (INSERT INTO " + ARCHIVE + " (" + COLUMNS + ") SELECT " + COLUMNS + " FROM moved"
                                + " RETURNING pg_column_size(" + ARCHIVE + ".*) AS size)"
                                + " SELECT count(*), coalesce(sum(size), 0) FROM ins")
                        .param("after", from).param("upper", to).param("cutoff", Timestamp.from(cutoff))
                        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
                progress.batch(moved[0], moved[1]);
                total[0] += moved[0];
                total[1]++;
            });
            if (upper == null) break;
            after = upper;
        }
        if (total[0] > 0) {
            double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            log.info("Moved {} rows of {} in {} batch(es) of at most {}: {} s, {} rows/s", total[0], p.relname(), total[1],
                    batchSize, String.format("%.2f", seconds), Math.round(total[0] / seconds));
        }
    }

    /** Archive partitions for the months of [from, to) that have none (old months are created on demand). */
    private void ensureArchiveMonths(Instant from, Instant to) {
        LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(to.minusNanos(1000), ZoneOffset.UTC);
        jdbc.sql("SELECT mockupaws_ensure_monthly_partitions(CAST(:parent AS regclass), :from, :to)")
                .param("parent", ARCHIVE).param("from", first).param("to", last).query(Integer.class).single();
    }

    /** A live month entirely past the policy whose rows have all moved: dropped, so empty months do not pile up. */
    private void dropEmpty(Partition p) {
        locks.inTransaction("dropping the emptied " + p.relname(), () -> {
            jdbc.sql("ALTER TABLE " + LIVE + " DETACH PARTITION " + p.name()).update();
            if (!isEmpty(p.name())) throw new ArchiveException(p.relname() + " still holds rows after they were moved");
            jdbc.sql("DROP TABLE " + p.name()).update();
        });
        log.info("Dropped {}: every row of it is archived", p.relname());
    }

    // --- catalog -------------------------------------------------------------------------------------------------

    /** The range partitions of a table, oldest first (a DEFAULT partition, which has no range, is left out). */
    List<Partition> partitions(String parent) {
        return jdbc.sql("""
                        SELECT CAST(c.oid AS regclass)::text AS name, c.relname,
                               CAST((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\)'))[1] AS timestamptz) AS lo,
                               CAST((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1] AS timestamptz) AS hi
                        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = CAST(:parent AS regclass)
                        ORDER BY lo""")
                .param("parent", parent)
                .query((rs, n) -> {
                    Timestamp lo = rs.getTimestamp("lo");
                    Timestamp hi = rs.getTimestamp("hi");
                    return lo == null || hi == null ? null
                            : new Partition(rs.getString("name"), rs.getString("relname"), lo.toInstant(), hi.toInstant());
                })
                .list().stream().filter(java.util.Objects::nonNull).toList();
    }

    private boolean isEmpty(String relation) {
        return jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM " + relation + ")").query(Boolean.class).single();
    }

    private long count(Partition p, Instant cutoff) {
        return countAndBytes(p, cutoff)[0];
    }

    private long[] countAndBytes(Partition p, Instant cutoff) {
        String where = cutoff == null ? "" : " WHERE received_at < :cutoff";
        var spec = jdbc.sql("SELECT count(*), coalesce(sum(pg_column_size(t.*)), 0) FROM " + p.name() + " t" + where);
        if (cutoff != null) spec = spec.param("cutoff", Timestamp.from(cutoff));
        return spec.query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    private long totalSize(String relation) {
        return jdbc.sql("SELECT pg_total_relation_size(CAST(:rel AS regclass))").param("rel", relation).query(Long.class).single();
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static boolean isLockTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "55P03".equals(sql.getSQLState())) return true;
        }
        return false;
    }
}
