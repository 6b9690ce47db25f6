package io.mockupaws.report;

import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.QueryParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Bodies of the report endpoints, and their validation into {@link Options}. Unknown fields are rejected. */
final class ReportRequests {

    /** 420 days of hours: the longest series the insights API computes (10,080 points). */
    static final Duration MAX_WINDOW = Duration.ofHours(10_080);

    private ReportRequests() {}

    /**
     * {@code POST /api/v1/scenarios/{id}/reports}. {@code from}/{@code to}: ISO-8601 date-time or date (UTC),
     * half-open, each optional (default: the scenario's traffic). {@code sections}: PDF only, default all.
     * {@code include_logs}: CSV only, adds the stored events (redacted previews).
     */
    record Create(String format, String from, String to, List<String> sections, Boolean includeLogs) {}

    /** A valid request. */
    record Options(ReportFormat format, Instant from, Instant to, List<ReportSection> sections, boolean includeLogs) {}

    /** Every refusal is a 400 with a stable code naming the field. */
    static Options validate(Create c) {
        if (c == null) throw problem("unsupported-report-format", "format", "is required: pdf or csv");
        ReportFormat format = ReportFormat.of(c.format());
        if (format == null) {
            throw problem("unsupported-report-format", "format", c.format() == null ? "is required: pdf or csv"
                    : "must be pdf or csv").with("supported", List.of("pdf", "csv"));
        }
        Instant from = instant("from", c.from());
        Instant to = instant("to", c.to());
        if (from != null && to != null) {
            if (!to.isAfter(from)) throw problem("invalid-report-window", "to", "must be after from");
            if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
                throw problem("invalid-report-window", "to", "must be at most 420 days (10,080 hours) after from");
            }
        }
        List<ReportSection> sections = List.of(ReportSection.values());
        if (c.sections() != null) {
            if (format != ReportFormat.PDF) throw problem("invalid-report-options", "sections", "apply to pdf reports only");
            if (c.sections().isEmpty()) throw problem("unknown-report-section", "sections", "must name at least one section")
                    .with("allowed", ReportSection.wires());
            Set<ReportSection> chosen = new LinkedHashSet<>();
            for (String s : c.sections()) {
                ReportSection section = ReportSection.of(s);
                if (section == null) {
                    throw problem("unknown-report-section", "sections", "'" + clip(s) + "' is not a section")
                            .with("allowed", ReportSection.wires());
                }
                chosen.add(section);
            }
            sections = new ArrayList<>(chosen);
            sections.sort(null); // the printed order, whatever the request's
        }
        boolean logs = Boolean.TRUE.equals(c.includeLogs());
        if (logs && format != ReportFormat.CSV) {
            throw problem("invalid-report-options", "include_logs", "applies to csv reports only");
        }
        return new Options(format, from, to, List.copyOf(sections), logs);
    }

    /** The query parameters' date parsing, with this endpoint's error code. */
    private static Instant instant(String field, String raw) {
        try {
            return QueryParams.instant(field, raw);
        } catch (ApiException e) {
            throw problem("invalid-report-window", field,
                    "must be an ISO-8601 date-time (2026-01-31T10:00:00Z) or date (2026-01-31)");
        }
    }

    static ApiException problem(String code, String field, String message) {
        return ApiException.badRequest(code, field + " " + message)
                .with("errors", List.of(new ApiException.FieldError(field, message)));
    }

    /** Client text echoed in a message: bounded. */
    static String clip(String s) {
        if (s == null) return "null";
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
