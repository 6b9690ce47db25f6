package io.mockupaws.ops.backup;

import java.io.IOException;

/**
 * Encrypted content failed authentication: it was modified, truncated, damaged, or stored under another key than
 * the one it was written for. An {@link IOException}, so it travels through the streams that read backups (tar,
 * gzip, a tool's stdin) and reaches whoever started the read.
 */
public class BackupIntegrityException extends IOException {

    public BackupIntegrityException(String message) {
        super(message);
    }
}
