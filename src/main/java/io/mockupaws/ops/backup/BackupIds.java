package io.mockupaws.ops.backup;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Backup ids are UUID version 7 (RFC 9562): the first 48 bits are the Unix time in milliseconds, so ids sort by
 * time in listings, in the store and in the history table, and a short prefix usually names one backup.
 */
final class BackupIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private BackupIds() {}

    static UUID next(Instant now) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long msb = (now.toEpochMilli() << 16) | 0x7000L | (((random[0] & 0x0fL) << 8) | (random[1] & 0xffL));
        long lsb = 0;
        for (int i = 2; i < 10; i++) lsb = (lsb << 8) | (random[i] & 0xffL);
        lsb = (lsb & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
