package io.mockupaws.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The audit log: written for mutations, sign-ins (both outcomes), key events and role/tier changes, never holding a
 * secret, append-only in the database itself, and readable by administrators only. Tests find their own lines by
 * their users' fresh ids: the table cannot be emptied between tests, by design.
 */
class AuditLogTest extends ApiTest {

    private static final String PASSWORD = "an-audited-passphrase";

    private List<String> actions(String actorUserId) {
        return jdbc.sql("SELECT action || ':' || outcome FROM audit_log WHERE actor_user_id = CAST(:u AS uuid) ORDER BY id")
                .param("u", actorUserId).query(String.class).list();
    }

    @Test
    void theDatabaseRefusesToChangeOrEmptyTheLog() {
        jdbc.sql("INSERT INTO audit_log (action, outcome) VALUES ('test.append', 'success')").update();

        for (String sql : new String[] {"UPDATE audit_log SET action = 'rewritten'", "DELETE FROM audit_log",
                "DELETE FROM audit_log WHERE false", "TRUNCATE audit_log"}) {
            assertThatThrownBy(() -> jdbc.sql(sql).update()).as(sql).hasStackTraceContaining("audit_log is append-only");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'rewritten'").query(Long.class).single()).isZero();
    }

    @Test
    void scenarioMutationsAreAuditedWithTheActorIpAndUserAgent() {
        String id = createScenario("audited", "us-east-1");
        api.put("/api/v1/scenarios/" + id, "{\"description\":\"changed\"}");
        api.post("/api/v1/scenarios/" + id + "/start");
        api.post("/api/v1/scenarios/" + id + "/stop");
        api.delete("/api/v1/scenarios/" + id);
        api.get("/api/v1/scenarios/" + id); // reads are not audited

        assertThat(actions(owner.id().toString())).containsExactly("scenario.created:success", "scenario.updated:success",
                "scenario.started:success", "scenario.stopped:success", "scenario.deleted:success");
        var row = jdbc.sql("SELECT resource_type, resource_id, ip, user_agent, details::text FROM audit_log "
                        + "WHERE actor_user_id = :u AND action = 'scenario.updated'")
                .param("u", owner.id()).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4) == null ? "" : rs.getString(4), rs.getString(5))).single();
        assertThat(row.get(0)).isEqualTo("scenario");
        assertThat(row.get(1)).isEqualTo(id);
        assertThat(row.get(2)).isEqualTo("127.0.0.1");
        assertThat(row.get(3)).startsWith("Java-http-client");
        assertThat(row.get(4)).contains("description");
    }

    @Test
    void signInsKeyEventsAndRoleChangesAreAuditedWithoutSecrets() {
        anonymous.post("/api/v1/auth/register", "{\"email\":\"gil@example.com\",\"password\":\"" + PASSWORD + "\"}");
        String userId = jdbc.sql("SELECT id::text FROM users WHERE email = 'gil@example.com'").query(String.class).single();
        anonymous.post("/api/v1/auth/login", "{\"email\":\"gil@example.com\",\"password\":\"wrong-passphrase-1\"}");
        JsonNode tokens = anonymous.post("/api/v1/auth/login", "{\"email\":\"gil@example.com\",\"password\":\"" + PASSWORD + "\"}").json();
        Api gil = anonymous.withBearer(tokens.get("access_token").asString());
        JsonNode key = gil.post("/api/v1/api-keys", "{\"name\":\"audited\",\"scopes\":[\"ingest\"]}").json();
        JsonNode rotated = gil.post("/api/v1/api-keys/" + key.get("id").asString() + "/rotate").json();
        gil.delete("/api/v1/api-keys/" + key.get("id").asString());
        TestUser admin = newUser("admin", "admin", "enterprise");
        admin.api().patch("/api/v1/admin/users/" + userId, "{\"role\":\"admin\",\"tier\":\"enterprise\"}");

        assertThat(actions(userId)).containsExactly("user.created:success", "auth.login:success", "api_key.created:success",
                "api_key.rotated:success", "api_key.revoked:success");
        assertThat(jdbc.sql("SELECT details->>'reason' FROM audit_log WHERE action = 'auth.login' AND outcome = 'failure' "
                + "AND resource_id = :u").param("u", userId).query(String.class).single()).isEqualTo("wrong-password");
        assertThat(jdbc.sql("SELECT action || ' ' || (details->>'from') || '->' || (details->>'to') FROM audit_log "
                        + "WHERE actor_user_id = :a ORDER BY id").param("a", admin.id()).query(String.class).list())
                .containsExactly("user.role_changed user->admin", "user.tier_changed free->enterprise");

        String everything = String.join("\n", jdbc.sql("SELECT concat_ws('|', action, resource_id, user_agent, details::text) "
                + "FROM audit_log WHERE actor_user_id = CAST(:u AS uuid) OR resource_id = :u").param("u", userId).query(String.class).list());
        assertThat(everything).doesNotContain(PASSWORD, "wrong-passphrase-1", tokens.get("access_token").asString(),
                tokens.get("refresh_token").asString(), key.get("key").asString(), rotated.get("key").asString());
        assertThat(everything).contains(key.get("prefix").asString());
    }

    @Test
    void administratorsReadTheLogWithFiltersAndCursors() {
        TestUser admin = newUser("admin", "admin", "enterprise");
        for (int i = 0; i < 5; i++) createScenario("s" + i, "us-east-1");
        api.post("/api/v1/auth/logout");

        assertThat(api.get("/api/v1/audit").code()).isEqualTo("session-ended");
        assertThat(newUser("plain").api().get("/api/v1/audit").code()).isEqualTo("admin-required");
        assertThat(anonymous.get("/api/v1/audit").status()).isEqualTo(401);

        JsonNode page = admin.api().get("/api/v1/audit?actor_user_id=" + owner.id() + "&action=scenario.created&page_size=2").json();
        assertThat(page.get("total").asLong()).isEqualTo(5);
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("action").asString()).isEqualTo("scenario.created");
        assertThat(page.get("items").get(0).get("outcome").asString()).isEqualTo("success");
        assertThat(page.get("items").get(0).get("id").asLong()).isGreaterThan(page.get("items").get(1).get("id").asLong());

        List<Long> walked = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode p = admin.api().get("/api/v2/audit?actor_user_id=" + owner.id() + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            p.get("items").forEach(item -> walked.add(item.get("id").asLong()));
            cursor = p.get("next_cursor").isNull() ? null : p.get("next_cursor").asString();
        } while (cursor != null);
        assertThat(walked).hasSize(6).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(admin.api().get("/api/v1/audit?actor_user_id=" + owner.id() + "&outcome=failure").json().get("total").asLong()).isZero();

        for (String bad : new String[] {"actor_user_id=me", "outcome=maybe", "from=yesterday", "page_size=201",
                "resource_id=" + "x".repeat(129)}) {
            Api.Response r = admin.api().get("/api/v1/audit?" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.code()).isEqualTo("invalid-parameter");
        }
        assertThat(admin.api().get("/api/v2/audit?cursor=bm9wZQ").code()).isEqualTo("invalid-cursor");
        assertThat(admin.api().get("/api/v1/audit?action=%27%3B%20DELETE%20FROM%20audit_log%3B--").status()).isEqualTo(200);
    }
}
