package io.mockupaws.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.util.PGobject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of audit_log: INSERT and SELECT only — the table itself refuses anything else. */
@Repository
class AuditRepository {

    private static final String COLUMNS = """
            id, occurred_at, actor_user_id, actor_api_key_id, action, resource_type, resource_id, outcome, ip,
            user_agent, details""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(AuditEvent e, String ip, String userAgent) {
        jdbc.sql("""
                        INSERT INTO audit_log (actor_user_id, actor_api_key_id, action, resource_type, resource_id, outcome,
                                               ip, user_agent, details)
                        VALUES (:user, :key, :action, :type, :resource, :outcome, :ip, :ua, :details)""")
                .param("user", e.actorUserId(), java.sql.Types.OTHER)
                .param("key", e.actorApiKeyId(), java.sql.Types.OTHER)
                .param("action", e.action())
                .param("type", e.resourceType(), java.sql.Types.VARCHAR)
                .param("resource", e.resourceId(), java.sql.Types.VARCHAR)
                .param("outcome", e.outcome().wire())
                .param("ip", ip, java.sql.Types.VARCHAR)
                .param("ua", userAgent, java.sql.Types.VARCHAR)
                .param("details", jsonb(e.details()))
                .update();
    }

    long count(AuditQuery q) {
        Filter f = filter(q, null);
        var spec = jdbc.sql("SELECT count(*) FROM audit_log" + f.where);
        f.params.forEach(spec::param);
        return spec.query(Long.class).single();
    }

    List<AuditEntry> page(AuditQuery q, int page, int pageSize) {
        Filter f = filter(q, null);
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM audit_log" + f.where + " ORDER BY id DESC LIMIT :limit OFFSET :offset");
        f.params.forEach(spec::param);
        return spec.param("limit", pageSize).param("offset", (long) (page - 1) * pageSize).query(this::map).list();
    }

    /** Newest first, strictly before {@code beforeId} when given. */
    List<AuditEntry> before(AuditQuery q, Long beforeId, int limit) {
        Filter f = filter(q, beforeId);
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM audit_log" + f.where + " ORDER BY id DESC LIMIT :limit");
        f.params.forEach(spec::param);
        return spec.param("limit", limit).query(this::map).list();
    }

    private record Filter(String where, Map<String, Object> params) {}

    private static Filter filter(AuditQuery q, Long beforeId) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        add(clauses, params, "actor_user_id = :actorUser", "actorUser", q.actorUserId());
        add(clauses, params, "actor_api_key_id = :actorKey", "actorKey", q.actorApiKeyId());
        add(clauses, params, "action = :action", "action", q.action());
        add(clauses, params, "resource_type = :resourceType", "resourceType", q.resourceType());
        add(clauses, params, "resource_id = :resourceId", "resourceId", q.resourceId());
        add(clauses, params, "outcome = :outcome", "outcome", q.outcome() == null ? null : q.outcome().wire());
        add(clauses, params, "occurred_at >= :from", "from", q.from() == null ? null : Timestamp.from(q.from()));
        add(clauses, params, "occurred_at < :to", "to", q.to() == null ? null : Timestamp.from(q.to()));
        add(clauses, params, "id < :beforeId", "beforeId", beforeId);
        return new Filter(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
    }

    private static void add(List<String> clauses, Map<String, Object> params, String clause, String name, Object value) {
        if (value == null) return;
        clauses.add(clause);
        params.put(name, value);
    }

    private PGobject jsonb(Map<String, ?> details) {
        try {
            PGobject o = new PGobject();
            o.setType("jsonb");
            o.setValue(json.writeValueAsString(details));
            return o;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getObject("actor_user_id", UUID.class), rs.getObject("actor_api_key_id", UUID.class),
                rs.getString("action"), rs.getString("resource_type"), rs.getString("resource_id"),
                AuditOutcome.of(rs.getString("outcome")), rs.getString("ip"), rs.getString("user_agent"),
                json.readTree(rs.getString("details")));
    }
}
