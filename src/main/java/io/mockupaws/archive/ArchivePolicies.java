package io.mockupaws.archive;

import io.mockupaws.audit.AuditLog;
import io.mockupaws.identity.Actor;
import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.ApiException.FieldError;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The archive policies: read by the mover at the start of each table's job, changed by administrators. */
@Service
public class ArchivePolicies {

    static final int MIN_DAYS = 1;
    static final int MAX_DAYS = 36_500;

    private final JdbcClient jdbc;
    private final AuditLog audit;

    ArchivePolicies(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A change to one table's policy; fields left null keep their value. */
    public record Change(String table, Integer archiveAfterDays, String aggregate, Boolean compress, Boolean objectStorage) {}

    public List<ArchivePolicy> list() {
        return jdbc.sql("""
                        SELECT table_name, archive_after_days, aggregate, compress, object_storage, updated_at, updated_by
                        FROM archive_policies ORDER BY CASE table_name WHEN 'scenario_logs' THEN 1
                                                                       WHEN 'scenario_metrics' THEN 2 ELSE 3 END""")
                .query((rs, n) -> new ArchivePolicy(rs.getString("table_name"), rs.getInt("archive_after_days"),
                        rs.getString("aggregate"), rs.getBoolean("compress"), rs.getBoolean("object_storage"),
                        rs.getTimestamp("updated_at").toInstant(), rs.getObject("updated_by", UUID.class)))
                .list();
    }

    public ArchivePolicy of(ArchiveTable table) {
        return list().stream().filter(p -> p.table().equals(table.table())).findFirst()
                .orElseThrow(() -> new ArchiveException("archive_policies has no row for " + table.table()));
    }

    /**
     * Applies the changes all together or not at all (422 naming every bad field: an unknown or repeated table, days
     * out of range, or an attempt to change what the mover does with a table, which is not a setting). Each changed
     * policy is audited with its old and new value.
     */
    @Transactional
    public List<ArchivePolicy> update(Actor admin, List<Change> changes) {
        List<FieldError> errors = new ArrayList<>();
        if (changes == null || changes.isEmpty()) {
            throw ApiException.invalid("items", "must list at least one policy");
        }
        Map<String, ArchivePolicy> current = new LinkedHashMap<>();
        list().forEach(p -> current.put(p.table(), p));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            String at = "items[" + i + "].";
            if (c == null) {
                errors.add(new FieldError("items[" + i + "]", "must be a policy object"));
                continue;
            }
            ArchivePolicy p = c.table() == null ? null : current.get(c.table());
            if (p == null) {
                errors.add(new FieldError(at + "table", "must be one of " + String.join(", ", current.keySet())));
                continue;
            }
            if (!seen.add(c.table())) errors.add(new FieldError(at + "table", "is listed more than once"));
            if (c.archiveAfterDays() != null && (c.archiveAfterDays() < MIN_DAYS || c.archiveAfterDays() > MAX_DAYS)) {
                errors.add(new FieldError(at + "archive_after_days", "must be between " + MIN_DAYS + " and " + MAX_DAYS));
            }
            fixed(errors, at + "aggregate", c.aggregate(), p.aggregate(), p.table());
            fixed(errors, at + "compress", c.compress(), p.compress(), p.table());
            fixed(errors, at + "object_storage", c.objectStorage(), p.objectStorage(), p.table());
        }
        if (!errors.isEmpty()) throw ApiException.invalid(errors);
        for (Change c : changes) {
            ArchivePolicy before = current.get(c.table());
            if (c.archiveAfterDays() == null || c.archiveAfterDays() == before.archiveAfterDays()) continue;
            jdbc.sql("""
                            UPDATE archive_policies SET archive_after_days = :days, updated_at = :now, updated_by = :by
                            WHERE table_name = :table""")
                    .param("days", c.archiveAfterDays()).param("now", Timestamp.from(java.time.Instant.now()))
                    .param("by", admin.userId()).param("table", c.table()).update();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("field", "archive_after_days");
            details.put("from", before.archiveAfterDays());
            details.put("to", c.archiveAfterDays());
            audit.record(admin.audited("archive.policy_changed", "archive_policy", c.table(), details));
        }
        return list();
    }

    private static void fixed(List<FieldError> errors, String field, Object asked, Object actual, String table) {
        if (asked != null && !Objects.equals(asked, actual)) {
            errors.add(new FieldError(field, "is what the archiver does with " + table + " (" + actual
                    + ") and cannot be changed; only archive_after_days can"));
        }
    }
}
