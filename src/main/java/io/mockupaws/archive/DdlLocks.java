package io.mockupaws.archive;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a short DDL transaction that needs a strong lock (DETACH takes ACCESS EXCLUSIVE on scenario_logs) politely: a
 * statement waiting for such a lock makes every later statement on the table queue behind it, so each attempt waits
 * at most {@code lock_timeout} and is retried after a pause, instead of stalling ingest behind a long report query.
 */
final class DdlLocks {

    private static final Logger log = LoggerFactory.getLogger(DdlLocks.class);
    private static final Duration PAUSE = Duration.ofSeconds(1);

    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final Duration timeout;
    private final int attempts;

    DdlLocks(TransactionTemplate tx, JdbcClient jdbc, Duration timeout, int attempts) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.timeout = timeout;
        this.attempts = attempts;
    }

    void inTransaction(String what, Runnable body) {
        for (int attempt = 1; ; attempt++) {
            try {
                tx.executeWithoutResult(status -> {
                    jdbc.sql("SET LOCAL lock_timeout = '" + timeout.toMillis() + "ms'").update();
                    body.run();
                });
                return;
            } catch (RuntimeException e) {
                if (!LogArchiver.isLockTimeout(e)) throw e;
                if (attempt >= attempts) {
                    throw new ArchiveException("could not get the locks for " + what + " in " + attempts + " attempts of "
                            + timeout.toMillis() + " ms: long-running queries or transactions hold them; nothing was"
                            + " changed, the next run tries again", e);
                }
                log.info("Waiting for the locks for {} (attempt {} of {})", what, attempt, attempts);
                try {
                    Thread.sleep(PAUSE);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ArchiveException("interrupted while waiting for the locks for " + what, ie);
                }
            }
        }
    }
}
