package io.mockupaws.archive;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code mockupaws.archive.*} (MOCKUPAWS_ARCHIVE_*): the nightly schedule, the batch size of row moves, and how long
 * a month's partition swap may wait for {@code scenario_logs} per attempt, and how many times it tries.
 */
@Component
public class ArchiveSettings {

    public static final int MAX_BATCH_SIZE = 10_000_000;

    private final String cron;
    private final int batchSize;
    private final Duration lockTimeout;
    private final int lockAttempts;

    ArchiveSettings(Environment env) {
        this.cron = env.getProperty("mockupaws.archive.cron", "0 3 * * *").strip();
        this.batchSize = env.getProperty("mockupaws.archive.batch-size", Integer.class, 50_000);
        this.lockTimeout = DurationStyle.detectAndParse(env.getProperty("mockupaws.archive.lock-timeout", "500ms"));
        this.lockAttempts = env.getProperty("mockupaws.archive.lock-attempts", Integer.class, 20);
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("MOCKUPAWS_ARCHIVE_BATCH_SIZE must be between 1 and " + MAX_BATCH_SIZE
                    + ", was " + batchSize);
        }
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("MOCKUPAWS_ARCHIVE_LOCK_TIMEOUT must be positive, was " + lockTimeout);
        }
        if (lockAttempts < 1) throw new IllegalArgumentException("MOCKUPAWS_ARCHIVE_LOCK_ATTEMPTS must be at least 1");
    }

    public String cron() {
        return cron;
    }

    public int batchSize() {
        return batchSize;
    }

    public Duration lockTimeout() {
        return lockTimeout;
    }

    public int lockAttempts() {
        return lockAttempts;
    }
}
