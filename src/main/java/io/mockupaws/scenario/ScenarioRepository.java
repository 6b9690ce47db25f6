package io.mockupaws.scenario;

import io.mockupaws.pricing.PipelineConfig;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.util.PGobject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of the scenarios table. Every statement that reads or changes a scenario by id carries the tenant scope
 * ({@code tenant}: the caller's user id, or null for an administrator): another tenant's scenario is simply not
 * found. Lifecycle changes are compare-and-set UPDATEs: concurrent ones cannot both win.
 */
@Repository
class ScenarioRepository {

    private static final String COLUMNS = """
            id, owner_id, name, description, status, region, tags, pipeline, created_at, updated_at,
            started_at, completed_at, archived_at""";
    /** Confines a statement to one tenant unless :tenant is null (an administrator). */
    private static final String IN_TENANT = "(CAST(:tenant AS uuid) IS NULL OR owner_id = :tenant)";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ScenarioRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Scenario insert(UUID owner, String name, String description, String region, List<String> tags, PipelineConfig pipeline) {
        return jdbc.sql("""
                        INSERT INTO scenarios (owner_id, name, description, region, tags, pipeline)
                        VALUES (:owner, :name, :description, :region, :tags, :pipeline)
                        RETURNING """ + " " + COLUMNS)
                .param("owner", owner)
                .param("name", name)
                .param("description", description)
                .param("region", region)
                .param("tags", tags.toArray(String[]::new))
                .param("pipeline", jsonb(pipeline))
                .query(this::map).single();
    }

    Optional<Scenario> find(UUID id, UUID tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scenarios WHERE id = :id AND " + IN_TENANT)
                .param("id", id).param("tenant", tenant, java.sql.Types.OTHER)
                .query(this::map).optional();
    }

    /** Whichever of {@code ids} exist and are running, any tenant's. */
    List<Scenario> running(Collection<UUID> ids) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scenarios WHERE id = ANY(:ids) AND status = 'running'")
                .param("ids", ids.toArray(UUID[]::new))
                .query(this::map).list();
    }

    Optional<ScenarioState> lockForUpdate(UUID id, UUID tenant) {
        return jdbc.sql("SELECT status, owner_id FROM scenarios WHERE id = :id AND " + IN_TENANT + " FOR UPDATE")
                .param("id", id).param("tenant", tenant, java.sql.Types.OTHER)
                .query((rs, n) -> new ScenarioState(ScenarioStatus.of(rs.getString(1)), rs.getObject(2, UUID.class)))
                .optional();
    }

    /**
     * Share-locks the scenarios (in id order, so concurrent callers cannot deadlock) and returns their states and
     * owners; ingest checks the owner itself, per request, so that one refused request does not fail its group.
     */
    Map<UUID, ScenarioState> shareLock(Collection<UUID> ids) {
        Map<UUID, ScenarioState> states = new HashMap<>();
        jdbc.sql("SELECT id, status, owner_id FROM scenarios WHERE id = ANY(:ids) ORDER BY id FOR SHARE")
                .param("ids", ids.stream().sorted().toArray(UUID[]::new))
                .query((rs, n) -> states.put(rs.getObject(1, UUID.class),
                        new ScenarioState(ScenarioStatus.of(rs.getString(2)), rs.getObject(3, UUID.class)))).list();
        return states;
    }

    /** Applies the update unless the scenario is archived; empty when nothing matched. */
    Optional<Scenario> updateUnlessArchived(UUID id, UUID tenant, ScenarioRequests.Update u) {
        return jdbc.sql("""
                        UPDATE scenarios SET
                            name        = COALESCE(:name, name),
                            description = COALESCE(:description, description),
                            region      = COALESCE(:region, region),
                            tags        = COALESCE(:tags, tags),
                            pipeline    = COALESCE(:pipeline, pipeline),
                            updated_at  = now()
                        WHERE id = :id AND status <> 'archived' AND """ + IN_TENANT + """

                        RETURNING """ + " " + COLUMNS)
                .param("id", id)
                .param("tenant", tenant, java.sql.Types.OTHER)
                .param("name", u.name() == null ? null : u.name().strip(), java.sql.Types.VARCHAR)
                .param("description", u.description(), java.sql.Types.VARCHAR)
                .param("region", u.region(), java.sql.Types.VARCHAR)
                .param("tags", u.tags() == null ? null : u.tags().stream().map(String::strip).distinct().toArray(String[]::new),
                        java.sql.Types.ARRAY)
                .param("pipeline", u.pipeline() == null ? null : jsonb(u.pipeline()), java.sql.Types.OTHER)
                .query(this::map).optional();
    }

    /** Moves {@code from} → {@code to} atomically; empty when the scenario is missing, another tenant's, or not in {@code from}. */
    Optional<Scenario> transition(UUID id, UUID tenant, ScenarioStatus from, ScenarioStatus to) {
        return jdbc.sql("""
                        UPDATE scenarios SET
                            status       = :to,
                            updated_at   = now(),
                            started_at   = CASE WHEN :to = 'running'   THEN now() ELSE started_at END,
                            completed_at = CASE WHEN :to = 'completed' THEN now() ELSE completed_at END,
                            archived_at  = CASE WHEN :to = 'archived'  THEN now() ELSE archived_at END
                        WHERE id = :id AND status = :from AND """ + IN_TENANT + """

                        RETURNING """ + " " + COLUMNS)
                .param("id", id).param("tenant", tenant, java.sql.Types.OTHER)
                .param("from", from.wire()).param("to", to.wire())
                .query(this::map).optional();
    }

    /** Deletes a scenario the caller has already locked through {@link #lockForUpdate} (so its tenancy is checked). */
    void delete(UUID id) {
        jdbc.sql("DELETE FROM scenario_logs WHERE scenario_id = :id").param("id", id).update();
        // after the live rows: an event the archiver moves meanwhile is found here (no foreign key, as on scenario_logs)
        jdbc.sql("DELETE FROM scenario_logs_archive WHERE scenario_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM scenarios WHERE id = :id").param("id", id).update();
    }

    List<Scenario> list(ScenarioQuery q) {
        Filter f = filter(q);
        String dir = q.ascending() ? "ASC" : "DESC";
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM scenarios" + f.where()
                + " ORDER BY " + orderExpression(q.sortBy()) + " " + dir + ", id " + dir + " LIMIT :limit OFFSET :offset");
        f.params().forEach(spec::param);
        return spec.param("limit", q.pageSize()).param("offset", (long) (q.page() - 1) * q.pageSize())
                .query(this::map).list();
    }

    /** A scenario with its name as the database orders it (lower() in the database's locale), for the next cursor. */
    record Keyed(Scenario scenario, String nameKey) {}

    /** The next {@code limit} scenarios after the cursor's position in the query's order (keyset pagination). */
    List<Keyed> listAfter(ScenarioQuery q, ScenarioCursor after, int limit) {
        Filter f = filter(q);
        String where = f.where();
        String order = orderExpression(q.sortBy());
        if (after != null) {
            where += (where.isEmpty() ? " WHERE " : " AND ") + "(" + order + ", id) " + (q.ascending() ? ">" : "<")
                    + " (:afterValue, :afterId)";
            f.params().put("afterValue", after.sqlValue());
            f.params().put("afterId", after.id());
        }
        String dir = q.ascending() ? "ASC" : "DESC";
        var spec = jdbc.sql("SELECT " + COLUMNS + ", lower(name) AS name_key FROM scenarios" + where
                + " ORDER BY " + order + " " + dir + ", id " + dir + " LIMIT :limit");
        f.params().forEach(spec::param);
        return spec.param("limit", limit).query((rs, n) -> new Keyed(map(rs, n), rs.getString("name_key"))).list();
    }

    long count(ScenarioQuery q) {
        Filter f = filter(q);
        var spec = jdbc.sql("SELECT count(*) FROM scenarios" + f.where());
        f.params().forEach(spec::param);
        return spec.query(Long.class).single();
    }

    static String orderExpression(ScenarioQuery.SortField sort) {
        return switch (sort) {
            case NAME -> "lower(name)";
            default -> sort.column;
        };
    }

    private record Filter(String where, Map<String, Object> params) {}

    private static Filter filter(ScenarioQuery q) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (q.tenant() != null) {
            clauses.add("owner_id = :tenant");
            params.put("tenant", q.tenant());
        }
        if (q.owner() != null) {
            clauses.add("owner_id = :owner");
            params.put("owner", q.owner());
        }
        if (q.status() != null) {
            // a literal (an enum's value, never user text): a cached generic plan can then use the partial indexes
            // on status (V14), which a bind parameter would not prove it may
            clauses.add("status = '" + q.status().wire() + "'");
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
                rs.getObject("owner_id", UUID.class),
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
