package io.mockupaws.ops.backup;

import io.mockupaws.storage.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;

/**
 * Proves a stored backup restorable without restoring it: present with its recorded size, decrypts and
 * authenticates to the end, both SHA-256s as recorded, and then
 * <ul>
 *   <li>a full backup: {@code pg_restore --list} reads its table of contents;</li>
 *   <li>a base backup: the tar reads to its end, holds {@code backup_label}, and every file the backup manifest
 *       lists is there with the manifest's size and CRC-32C (what {@code pg_verifybackup} checks, done on the
 *       stream since the backup is never unpacked here).</li>
 * </ul>
 */
final class BackupVerification {

    private final ObjectStore store;
    private final BackupEncryption encryption;
    private final PostgresTools.Factory tools;

    BackupVerification(ObjectStore store, BackupEncryption encryption, PostgresTools.Factory tools) {
        this.store = store;
        this.encryption = encryption;
        this.tools = tools;
    }

    /** @return what was checked, for the operator */
    String verify(BackupMetadata backup) {
        if (!backup.keyFingerprint().equals(encryption.fingerprint())) {
            throw new BackupEncryptionException("Backup " + backup.id() + " was encrypted with key " + backup.keyFingerprint()
                    + ", but the configured key (" + encryption.origin() + ") is " + encryption.fingerprint() + ". Set "
                    + BackupEncryption.KEY_VARIABLE + " to the key that made this backup.");
        }
        String[] detail = new String[1];
        BackupReader.read(store, backup, encryption, plain -> detail[0] = switch (backup.kind()) {
            case FULL -> listDump(plain, serverMajor(backup));
            case BASE -> checkBaseTar(plain);
            case RESTORE -> throw new IllegalArgumentException("a restore is not a backup");
        });
        return "checksums match, decrypts with key " + encryption.fingerprint() + ", " + detail[0];
    }

    static int serverMajor(BackupMetadata backup) {
        return Integer.parseInt(backup.serverVersion().split("[.\\s]")[0]);
    }

    private String listDump(InputStream plain, int major) throws IOException {
        var pgRestore = tools.forServer(major).pgRestore();
        try (ToolRun list = ToolRun.start(pgRestore, List.of("--list"), Map.of(), ProcessBuilder.Redirect.PIPE,
                ProcessBuilder.Redirect.PIPE)) {
            AtomicLong entries = new AtomicLong();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    new String(list.stdout().readAllBytes()).lines()
                            .filter(l -> !l.isBlank() && !l.startsWith(";"))
                            .forEach(l -> entries.incrementAndGet());
                } catch (IOException ignored) {
                    // the exit code tells
                }
            });
            // pg_restore stops reading once it has the table of contents; the rest is still read here, so that all
            // of it is authenticated.
            OutputStream stdin = list.stdin();
            boolean listening = true;
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = plain.read(buffer)) > 0) {
                if (!listening) continue;
                try {
                    stdin.write(buffer, 0, n);
                } catch (IOException pipeClosed) {
                    listening = false;
                }
            }
            try {
                stdin.close();
            } catch (IOException pipeClosed) {
                // pg_restore is done already
            }
            list.awaitSuccess();
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (entries.get() == 0) throw new BackupException("pg_restore --list found no entries in the dump");
            return "pg_restore --list reads " + entries.get() + " entries";
        }
    }

    private static String checkBaseTar(InputStream plain) throws IOException {
        Map<String, long[]> files = new HashMap<>();
        byte[] manifest = null;
        boolean label = false;
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(plain, 1 << 16));
        TarArchiveEntry entry;
        byte[] buffer = new byte[1 << 16];
        while ((entry = tar.getNextEntry()) != null) {
            if (!entry.isFile()) continue;
            String name = entry.getName();
            if (name.equals("backup_manifest")) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                tar.transferTo(bytes);
                manifest = bytes.toByteArray();
                continue;
            }
            if (name.equals("backup_label")) label = true;
            CRC32C crc = new CRC32C();
            long size = 0;
            int n;
            while ((n = tar.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
                size += n;
            }
            files.put(name, new long[] {size, crc.getValue()});
        }
        if (!label) throw new BackupException("the base backup has no backup_label: it is not a pg_basebackup archive");
        if (manifest == null) return "tar reads to its end (" + files.size() + " files; no backup manifest to check against)";
        JsonNode listed = BackupJson.MAPPER.readTree(manifest).path("Files");
        int checked = 0;
        for (JsonNode f : listed) {
            String path = f.path("Path").asString();
            long[] actual = files.get(path);
            if (actual == null) throw new BackupException("the base backup lacks " + path + ", which its manifest lists");
            if (actual[0] != f.path("Size").asLong()) {
                throw new BackupException("the base backup's " + path + " is " + actual[0] + " bytes; its manifest says "
                        + f.path("Size").asLong());
            }
            if ("CRC32C".equals(f.path("Checksum-Algorithm").asString())) {
                // PostgreSQL writes the CRC's bytes in memory order, i.e. little-endian.
                String crc = HexFormat.of().toHexDigits(Integer.reverseBytes((int) actual[1]));
                if (!crc.equals(f.path("Checksum").asString())) {
                    throw new BackupException("the base backup's " + path + " has CRC-32C " + crc + "; its manifest says "
                            + f.path("Checksum").asString());
                }
            }
            checked++;
        }
        return "tar reads to its end, " + checked + " files match the backup manifest";
    }
}
