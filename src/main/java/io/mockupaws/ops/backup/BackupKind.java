package io.mockupaws.ops.backup;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a backup_history row records. */
public enum BackupKind {
    /** A logical backup: {@code pg_dump} custom format; restores into a database. */
    FULL("dump.pgc.enc"),
    /** A physical base backup: {@code pg_basebackup} tar; restores a whole cluster, to any later time with WAL. */
    BASE("base.tar.gz.enc"),
    /** A restore run, recorded in the database it produced. */
    RESTORE(null);

    private final String objectName;

    BackupKind(String objectName) {
        this.objectName = objectName;
    }

    /** The name of the backup's data object inside {@code backups/<id>/}. */
    String objectName() {
        return objectName;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static BackupKind fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
