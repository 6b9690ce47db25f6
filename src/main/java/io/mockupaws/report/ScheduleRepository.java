package io.mockupaws.report;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code report_schedules} table (V13, V21); reads by users carry the tenant like {@link ReportRepository}. */
@Repository
class ScheduleRepository {

    private static final String COLUMNS = """
            id, owner_id, scenario_id, frequency, hour, day, timezone, format, recipients, enabled, next_run_at,
            last_run_at, last_report_id, last_error, created_at, updated_at""";

    private final JdbcClient jdbc;

    ScheduleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Schedule insert(UUID owner, Schedule.Definition d, Instant nextRun) {
        return jdbc.sql("""
                        INSERT INTO report_schedules (owner_id, scenario_id, frequency, hour, day, timezone, format, recipients,
                                                      enabled, next_run_at)
                        VALUES (:owner, :scenario, :frequency, :hour, :day, :zone, :format, :recipients, :enabled, :next)
                        RETURNING""" + " " + COLUMNS)
                .param("owner", owner).param("scenario", d.scenarioId()).param("frequency", d.frequency().wire)
                .param("hour", d.hour()).param("day", d.day(), java.sql.Types.SMALLINT).param("zone", d.zone().getId())
                .param("format", d.format().wire).param("recipients", d.recipients().toArray(String[]::new))
                .param("enabled", d.enabled()).param("next", Timestamp.from(nextRun))
                .query(ScheduleRepository::map).single();
    }

    Optional<Schedule> update(UUID id, UUID tenant, Schedule.Definition d, Instant nextRun) {
        return jdbc.sql("""
                        UPDATE report_schedules SET frequency = :frequency, hour = :hour, day = :day, timezone = :zone,
                               format = :format, recipients = :recipients, enabled = :enabled, next_run_at = :next,
                               updated_at = now()
                        WHERE id = :id AND (CAST(:tenant AS uuid) IS NULL OR owner_id = :tenant)
                        RETURNING""" + " " + COLUMNS)
                .param("id", id).param("tenant", tenant).param("frequency", d.frequency().wire).param("hour", d.hour())
                .param("day", d.day(), java.sql.Types.SMALLINT).param("zone", d.zone().getId()).param("format", d.format().wire)
                .param("recipients", d.recipients().toArray(String[]::new)).param("enabled", d.enabled())
                .param("next", Timestamp.from(nextRun))
                .query(ScheduleRepository::map).optional();
    }

    Optional<Schedule> find(UUID id, UUID tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM report_schedules WHERE id = :id AND (CAST(:tenant AS uuid) IS NULL OR owner_id = :tenant)")
                .param("id", id).param("tenant", tenant).query(ScheduleRepository::map).optional();
    }

    List<Schedule> list(UUID tenant, int page, int pageSize) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM report_schedules WHERE (CAST(:tenant AS uuid) IS NULL OR owner_id = :tenant)
                        ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset""")
                .param("tenant", tenant).param("limit", pageSize).param("offset", (long) (page - 1) * pageSize)
                .query(ScheduleRepository::map).list();
    }

    long count(UUID tenant) {
        return jdbc.sql("SELECT count(*) FROM report_schedules WHERE (CAST(:tenant AS uuid) IS NULL OR owner_id = :tenant)")
                .param("tenant", tenant).query(Long.class).single();
    }

    /** Serialises concurrent creations by one user, so the per-user limit holds (in the caller's transaction). */
    long lockAndCount(UUID owner) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('mockupaws:schedules:' || :owner))").param("owner", owner.toString())
                .query(Object.class).single();
        return jdbc.sql("SELECT count(*) FROM report_schedules WHERE owner_id = :owner").param("owner", owner)
                .query(Long.class).single();
    }

    Optional<Schedule> delete(UUID id, UUID tenant) {
        return jdbc.sql("DELETE FROM report_schedules WHERE id = :id AND (CAST(:tenant AS uuid) IS NULL OR owner_id = :tenant) RETURNING " + COLUMNS)
                .param("id", id).param("tenant", tenant).query(ScheduleRepository::map).optional();
    }

    /**
     * Due schedules of active owners, locked until the caller's transaction ends; another instance's dispatcher
     * skips them rather than waiting.
     */
    List<Schedule> lockDue(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT s.* FROM report_schedules s JOIN users u ON u.id = s.owner_id
                        WHERE s.enabled AND s.next_run_at <= :now AND u.active
                        ORDER BY s.next_run_at LIMIT :limit FOR UPDATE OF s SKIP LOCKED""")
                .param("now", Timestamp.from(now)).param("limit", limit).query(ScheduleRepository::map).list();
    }

    void ran(UUID id, Instant at, Instant nextRun, UUID reportId) {
        jdbc.sql("""
                        UPDATE report_schedules SET last_run_at = :at, next_run_at = :next, last_report_id = :report,
                               last_error = NULL
                        WHERE id = :id""")
                .param("id", id).param("at", Timestamp.from(at)).param("next", Timestamp.from(nextRun))
                .param("report", reportId).update();
    }

    void error(UUID id, String error) {
        jdbc.sql("UPDATE report_schedules SET last_error = :error WHERE id = :id").param("id", id).param("error", error).update();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Schedule map(ResultSet rs, int n) throws SQLException {
        Array recipients = rs.getArray("recipients");
        short day = rs.getShort("day");
        Integer dayOrNull = rs.wasNull() ? null : (int) day;
        return new Schedule(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class),
                new Schedule.Definition(rs.getObject("scenario_id", UUID.class), Schedule.Frequency.of(rs.getString("frequency")),
                        rs.getInt("hour"), dayOrNull, ZoneId.of(rs.getString("timezone")), ReportFormat.of(rs.getString("format")),
                        Arrays.asList((String[]) recipients.getArray()), rs.getBoolean("enabled")),
                instant(rs, "next_run_at"), instant(rs, "last_run_at"), rs.getObject("last_report_id", UUID.class),
                rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
