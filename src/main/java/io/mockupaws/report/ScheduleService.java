package io.mockupaws.report;

import io.mockupaws.audit.AuditLog;
import io.mockupaws.identity.Actor;
import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.PageResult;
import io.mockupaws.scenario.ScenarioService;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Report schedules: create, read, change, list, delete — the acting user's only (another user's schedule is 404),
 * each change audited with it. A schedule's next run is recomputed whenever its calendar changes.
 */
@Service
class ScheduleService {

    private final ScheduleRepository schedules;
    private final ScenarioService scenarios;
    private final AuditLog audit;
    private final int maxSchedules;

    ScheduleService(ScheduleRepository schedules, ScenarioService scenarios, AuditLog audit, ReportSettings settings) {
        this.schedules = schedules;
        this.scenarios = scenarios;
        this.audit = audit;
        this.maxSchedules = settings.maxSchedules();
    }

    @Transactional
    public Schedule create(Actor actor, ScheduleRequests.Body body) {
        Schedule.Definition d = ScheduleRequests.create(body);
        scenarios.get(actor, d.scenarioId()); // 404 for a scenario the user may not see
        long existing = schedules.lockAndCount(actor.userId());
        if (existing >= maxSchedules) {
            throw ApiException.conflict("schedule-limit-reached", "A user may have at most " + maxSchedules
                    + " report schedules; delete one first").with("limit", maxSchedules);
        }
        Schedule s = schedules.insert(actor.userId(), d, Schedule.nextRun(d, Instant.now()));
        audit.record(actor.audited("report-schedule.created", "report_schedule", s.id(), details(d)));
        return s;
    }

    public Schedule get(Actor actor, UUID id) {
        return schedules.find(id, actor.tenantScope()).orElseThrow(() -> notFound(id));
    }

    public PageResult<Schedule> list(Actor actor, int page, int pageSize) {
        UUID tenant = actor.tenantScope();
        return new PageResult<>(schedules.list(tenant, page, pageSize), schedules.count(tenant), page, pageSize);
    }

    @Transactional
    public Schedule update(Actor actor, UUID id, ScheduleRequests.Body body) {
        Schedule current = get(actor, id);
        Schedule.Definition d = ScheduleRequests.update(current.definition(), body);
        Instant next = sameCalendar(current.definition(), d) ? current.nextRunAt() : Schedule.nextRun(d, Instant.now());
        Schedule s = schedules.update(id, actor.tenantScope(), d, next).orElseThrow(() -> notFound(id));
        audit.record(actor.audited("report-schedule.updated", "report_schedule", id, details(d)));
        return s;
    }

    @Transactional
    public void delete(Actor actor, UUID id) {
        Schedule s = schedules.delete(id, actor.tenantScope()).orElseThrow(() -> notFound(id));
        audit.record(actor.audited("report-schedule.deleted", "report_schedule", id,
                Map.of("scenario_id", s.definition().scenarioId().toString())));
    }

    private static boolean sameCalendar(Schedule.Definition a, Schedule.Definition b) {
        return a.frequency() == b.frequency() && a.hour() == b.hour() && java.util.Objects.equals(a.day(), b.day())
                && a.zone().equals(b.zone());
    }

    /** Never the addresses themselves: the audit log records who changed what, not whom it mails. */
    private static Map<String, Object> details(Schedule.Definition d) {
        return Map.of("scenario_id", d.scenarioId().toString(), "frequency", d.frequency().wire, "hour", d.hour(),
                "timezone", d.zone().getId(), "format", d.format().wire, "recipients", d.recipients().size(),
                "enabled", d.enabled());
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("report-schedule-not-found", "No report schedule with id " + id);
    }
}
