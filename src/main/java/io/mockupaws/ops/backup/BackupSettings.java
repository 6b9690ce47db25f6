package io.mockupaws.ops.backup;

import io.mockupaws.platform.db.DatabaseEnvironment;
import io.mockupaws.storage.S3Settings;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The backup configuration ({@code mockupaws.backup.*}, the documented {@code MOCKUPAWS_*} variables) and the
 * database connection the application itself uses.
 *
 * @param database empty when this process started no database (a point-in-time restore needs none)
 * @param encryptionKey {@code MOCKUPAWS_BACKUP_ENCRYPTION_KEY}, blank when unset
 * @param compressionLevel gzip level pg_dump and pg_basebackup compress with (1 fastest ... 9 smallest)
 */
record BackupSettings(
        Path dataDir,
        boolean embedded,
        Optional<PgConnection> database,
        String encryptionKey,
        String pgBin,
        int retentionDays,
        int compressionLevel,
        S3Settings primaryS3,
        S3Settings secondaryS3) {

    static BackupSettings from(Environment env) {
        Path dataDir = Path.of(env.getProperty("mockupaws.data-dir", "./data")).toAbsolutePath().normalize();
        boolean embedded = env.getProperty(DatabaseEnvironment.EMBEDDED_FLAG, Boolean.class, true);
        String url = env.getProperty("spring.datasource.url");
        Optional<PgConnection> database = url == null || url.isBlank() ? Optional.empty()
                : Optional.of(PgConnection.parse(url, env.getProperty("spring.datasource.username"),
                        env.getProperty("spring.datasource.password")));
        int retention = env.getProperty("mockupaws.backup.retention-days", Integer.class, 30);
        if (retention < 1) throw new BackupException("MOCKUPAWS_BACKUP_RETENTION_DAYS must be at least 1, not " + retention);
        int level = env.getProperty("mockupaws.backup.compression-level", Integer.class, 1);
        if (level < 0 || level > 9) throw new BackupException("mockupaws.backup.compression-level must be 0-9, not " + level);
        Binder binder = Binder.get(env);
        return new BackupSettings(dataDir, embedded, database,
                env.getProperty("mockupaws.backup.encryption-key", ""),
                env.getProperty("mockupaws.backup.pg-bin", ""),
                retention, level,
                binder.bind("mockupaws.s3", S3Settings.class).orElse(S3Settings.NONE),
                binder.bind("mockupaws.backup.secondary", S3Settings.class).orElse(S3Settings.NONE));
    }

    PgConnection requireDatabase() {
        return database.orElseThrow(() -> new BackupException("No database connection is configured"));
    }
}
