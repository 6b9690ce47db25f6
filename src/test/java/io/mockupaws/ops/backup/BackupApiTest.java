package io.mockupaws.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BackupApiTest extends ApiTest {

    @Test
    void adminBackupsListsTheRunsNewestFirst() {
        jdbc.sql("DELETE FROM backup_history").update();
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO backup_history (id, kind, status, trigger, started_at, finished_at, size_bytes, store, start_lsn, error)
                VALUES (:older, 'full', 'completed', 'scheduled', now() - interval '1 day', now() - interval '1 day', 1234,
                        'file:/data/objects', '0/3000028', NULL),
                       (:newer, 'base', 'failed', 'manual', now(), now(), NULL, 'file:/data/objects', NULL,
                        'pg_basebackup failed (exit 1)')""")
                .param("older", older).param("newer", newer).update();

        assertThat(api.get("/api/v1/admin/backups").status()).as("administrators only").isEqualTo(403);
        Api.Response r = adminApi().get("/api/v1/admin/backups?limit=10");

        assertThat(r.status()).isEqualTo(200);
        var items = r.json().get("items");
        assertThat(items.size()).isEqualTo(2);
        assertThat(items.get(0).get("id").asString()).isEqualTo(newer.toString());
        assertThat(items.get(0).get("error").asString()).isEqualTo("pg_basebackup failed (exit 1)");
        assertThat(items.get(1).get("kind").asString()).isEqualTo("full");
        assertThat(items.get(1).get("size_bytes").asLong()).isEqualTo(1234);
        assertThat(items.get(1).get("start_lsn").asString()).isEqualTo("0/3000028");
    }
}
