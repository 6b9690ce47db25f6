package io.mockupaws.scenario;

import io.mockupaws.pricing.PipelineConfig;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.util.PGobject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of the scenarios table. Lifecycle changes are compare-and-set UPDATEs: concurrent ones cannot both win. */
@Repository
class ScenarioRepository {

    private static final String COLUMNS = """
            id, name, description, status, region, tags, pipeline, created_at, updated_at,
            started_at, completed_at, archived_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ScenarioRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Scenario insert(String name, String description, String region, List<String> tags, PipelineConfig pipeline) {
        return jdbc.sql("""
                        INSERT INTO scenarios (name, description, region, tags, pipeline)
                        VALUES (:name, :description, :region, :tags, :pipeline)
                        RETURNING """ + " " + COLUMNS)
                .param("name", name)
                .param("description", description)
                .param("region", region)
                .param("tags", tags.toArray(String[]::new))
                .param("pipeline", jsonb(pipeline))
                .query(this::map).single();
    }

    Optional<Scenario> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scenarios WHERE id = :id").param("id", id).query(this::map).optional();
    }

    Optional<ScenarioStatus> lockForUpdate(UUID id) {
        return jdbc.sql("SELECT status FROM scenarios WHERE id = :id FOR UPDATE").param("id", id)
                .query((rs, n) -> ScenarioStatus.of(rs.getString(1))).optional();
    }

    /** Applies the update unless the scenario is archived; empty when nothing matched. */
    Optional<Scenario> updateUnlessArchived(UUID id, ScenarioRequests.Update u) {
        return jdbc.sql("""
                        UPDATE scenarios SET
                            name        = COALESCE(:name, name),
                            description = COALESCE(:description, description),
                            region      = COALESCE(:region, region),
                            tags        = COALESCE(:tags, tags),
                            pipeline    = COALESCE(:pipeline, pipeline),
                            updated_at  = now()
                        WHERE id = :id AND status <> 'archived'
                        RETURNING """ + " " + COLUMNS)
                .param("id", id)
                .param("name", u.name() == null ? null : u.name().strip(), java.sql.Types.VARCHAR)
                .param("description", u.description(), java.sql.Types.VARCHAR)
                .param("region", u.region(), java.sql.Types.VARCHAR)
                .param("tags", u.tags() == null ? null : u.tags().stream().map(String::strip).distinct().toArray(String[]::new),
                        java.sql.Types.ARRAY)
                .param("pipeline", u.pipeline() == null ? null : jsonb(u.pipeline()), java.sql.Types.OTHER)
                .query(this::map).optional();
    }

    /** Moves {@code from} → {@code to} atomically; empty when the scenario is missing or not in {@code from}. */
    Optional<Scenario> transition(UUID id, ScenarioStatus from, ScenarioStatus to) {
        return jdbc.sql("""
                        UPDATE scenarios SET
                            status       = :to,
                            updated_at   = now(),
                            started_at   = CASE WHEN :to = 'running'   THEN now() ELSE started_at END,
                            completed_at = CASE WHEN :to = 'completed' THEN now() ELSE completed_at END,
                            archived_at  = CASE WHEN :to = 'archived'  THEN now() ELSE archived_at END
                        WHERE id = :id AND status = :from
                        RETURNING """ + " " + COLUMNS)
                .param("id", id).param("from", from.wire()).param("to", to.wire())
                .query(this::map).optional();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM scenario_logs WHERE scenario_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM scenarios WHERE id = :id").param("id", id).update();
    }

    List<Scenario> list(ScenarioQuery q) {
        Filter f = filter(q);
        String order = switch (q.sortBy()) {
            case NAME -> "lower(name)";
            default -> q.sortBy().column;
        };
        String dir = q.ascending() ? "ASC" : "DESC";
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM scenarios" + f.where
                + " ORDER BY " + order + " " + dir + ", id " + dir + " LIMIT :limit OFFSET :offset");
        f.params.forEach(spec::param);
        return spec.param("limit", q.pageSize()).param("offset", (long) (q.page() - 1) * q.pageSize())
                .query(this::map).list();
    }

    long count(ScenarioQuery q) {
        Filter f = filter(q);
        var spec = jdbc.sql("SELECT count(*) FROM scenarios" + f.where);
        f.params.forEach(spec::param);
        return spec.query(Long.class).single();
    }

    private record Filter(String where, Map<String, Object> params) {}

    private static Filter filter(ScenarioQuery q) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (q.status() != null) {
            clauses.add("status = :status");
            params.put("status", q.status().wire());
        }
        if (q.region() != null) {
            clauses.add("region = :region");
            params.put("region", q.region());
        }
        if (q.tag() != null) {
            clauses.add("tags @> ARRAY[CAST(:tag AS text)]");
            params.put("tag", q.tag());
        }
        if (q.search() != null) {
            clauses.add("(name ILIKE :search ESCAPE '\\' OR description ILIKE :search ESCAPE '\\')");
            params.put("search", "%" + q.search().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (q.createdFrom() != null) {
            clauses.add("created_at >= :createdFrom");
            params.put("createdFrom", Timestamp.from(q.createdFrom()));
        }
        if (q.createdTo() != null) {
            clauses.add("created_at < :createdTo");
            params.put("createdTo", Timestamp.from(q.createdTo()));
        }
        return new Filter(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
    }

    private PGobject jsonb(PipelineConfig pipeline) {
        try {
            PGobject o = new PGobject();
            o.setType("jsonb");
            o.setValue(json.writeValueAsString(pipeline));
            return o;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Scenario map(ResultSet rs, int row) throws SQLException {
        Array tags = rs.getArray("tags");
        return new Scenario(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                ScenarioStatus.of(rs.getString("status")),
                rs.getString("region"),
                tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
                json.readValue(rs.getString("pipeline"), PipelineConfig.class),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "started_at"),
                instant(rs, "completed_at"),
                instant(rs, "archived_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
