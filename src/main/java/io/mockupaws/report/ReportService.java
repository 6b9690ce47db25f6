package io.mockupaws.report;

import io.mockupaws.audit.AuditLog;
import io.mockupaws.identity.Actor;
import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.PageResult;
import io.mockupaws.ratelimit.RateLimit;
import io.mockupaws.ratelimit.RateLimitDecision;
import io.mockupaws.ratelimit.RateLimiter;
import io.mockupaws.scenario.Scenario;
import io.mockupaws.scenario.ScenarioService;
import io.mockupaws.storage.NoSuchObjectException;
import io.mockupaws.storage.ObjectStore;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Report use cases: request one (generated in the background on the reports queue), read its status, list a
 * scenario's reports, download and delete. Every one is the acting user's: another user's report is 404, like a
 * report that does not exist. A request and its audit line commit together; the job is enqueued after the commit,
 * and a report whose job was lost is enqueued again by the schedule sweep ({@link ScheduleDispatcher}).
 */
@Service
class ReportService {

    private static final Logger log = LoggerFactory.getLogger(ReportService.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final ScenarioService scenarios;
    private final ReportRepository reports;
    private final ReportJobs jobs;
    private final RateLimiter limiter;
    private final RateLimit rate;
    private final AuditLog audit;
    private final ObjectStore store;
    private final TransactionTemplate tx;

    ReportService(ScenarioService scenarios, ReportRepository reports, ReportJobs jobs, RateLimiter limiter,
                  ReportSettings settings, AuditLog audit, ObjectStore store, TransactionTemplate tx) {
        this.scenarios = scenarios;
        this.reports = reports;
        this.jobs = jobs;
        this.limiter = limiter;
        this.rate = RateLimit.perMinute(settings.ratePerMinute());
        this.audit = audit;
        this.store = store;
        this.tx = tx;
    }

    Report request(Actor actor, UUID scenarioId, ReportRequests.Create body) {
        ReportRequests.Options options = ReportRequests.validate(body);
        Scenario scenario = scenarios.get(actor, scenarioId);
        RateLimitDecision decision = limiter.consume("reports:" + actor.userId() + ":" + rate.capacity(), rate);
        if (!decision.allowed()) {
            throw decision.refusal("At most " + rate.capacity() + " reports a minute; try again in "
                    + decision.retryAfterSeconds() + " s");
        }
        Report report = tx.execute(status -> {
            Report r = reports.insert(scenario.id(), actor.userId(), null, options);
            audit.record(actor.audited("report.requested", "report", r.id(),
                    Map.of("scenario_id", scenario.id().toString(), "format", options.format().wire)));
            return r;
        });
        jobs.enqueueGeneration(report.id());
        return report;
    }

    Report get(Actor actor, UUID id) {
        return reports.find(id, actor.tenantScope()).orElseThrow(() -> notFound(id));
    }

    PageResult<Report> list(Actor actor, UUID scenarioId, int page, int pageSize) {
        scenarios.get(actor, scenarioId); // 404 for a scenario the user may not see
        UUID tenant = actor.tenantScope();
        return new PageResult<>(reports.list(scenarioId, tenant, page, pageSize), reports.count(scenarioId, tenant), page, pageSize);
    }

    /** A completed report's file, opened; the caller closes it. */
    record Download(Report report, String filename, InputStream content) {}

    Download download(Actor actor, UUID id) {
        return open(get(actor, id));
    }

    Download open(Report r) {
        if (!r.completed()) {
            throw ApiException.conflict("report-not-ready", "Report " + r.id() + " is " + r.status()
                    + (Report.FAILED.equals(r.status()) ? ": " + r.error() : "; GET /api/v1/reports/" + r.id() + " says when it is ready"))
                    .with("status", r.status());
        }
        try {
            return new Download(r, filename(r, scenarios.getOwnedBy(null, r.scenarioId())), store.get(r.objectKey()));
        } catch (NoSuchObjectException e) {
            throw ApiException.notFound("report-file-missing", "The file of report " + r.id() + " is no longer in the object store");
        }
    }

    void delete(Actor actor, UUID id) {
        Report r = tx.execute(status -> {
            Report deleted = reports.delete(id, actor.tenantScope()).orElseThrow(() -> notFound(id));
            audit.record(actor.audited("report.deleted", "report", id, Map.of("scenario_id", deleted.scenarioId().toString())));
            return deleted;
        });
        if (r.objectKey() != null) {
            try {
                store.delete(r.objectKey());
            } catch (RuntimeException e) {
                log.warn("Report {} deleted, but not its file {}: {}", id, r.objectKey(), e.toString());
            }
        }
    }

    /** mockupaws-checkout-logs-2026-11-24-1a2b3c4d.pdf: a name that is safe anywhere, whatever the scenario is called. */
    static String filename(Report r, Scenario s) {
        String slug = s.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 40) slug = slug.substring(0, 40).replaceAll("-+$", "");
        if (slug.isEmpty()) slug = "scenario";
        return "mockupaws-" + slug + "-" + DAY.format(r.createdAt()) + "-" + r.id().toString().substring(0, 8) + "." + r.format().wire;
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("report-not-found", "No report with id " + id);
    }
}
