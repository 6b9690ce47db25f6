package io.mockupaws.report;

import io.mockupaws.identity.EmailAddress;
import io.mockupaws.platform.web.ApiException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Bodies of {@code /api/v1/report-schedules}, and their validation: each refusal a 400 with a stable code. */
final class ScheduleRequests {

    static final int MAX_RECIPIENTS = 20;

    private ScheduleRequests() {}

    /**
     * A schedule. On create, {@code scenario_id}, {@code frequency}, {@code hour}, {@code format} and
     * {@code recipients} are required ({@code day} too for weekly and monthly); {@code timezone} defaults to UTC
     * and {@code enabled} to true. On update, a field left out keeps its value (the scenario cannot change).
     */
    record Body(UUID scenarioId, String frequency, Integer hour, Integer day, String timezone, String format,
                List<String> recipients, Boolean enabled) {}

    static Schedule.Definition create(Body b) {
        if (b == null || b.scenarioId() == null) throw problem("invalid-schedule", "scenario_id", "is required");
        return validate(b.scenarioId(), b.frequency(), b.hour(), b.day(), b.timezone() == null ? "UTC" : b.timezone(),
                b.format(), b.recipients(), b.enabled() == null || b.enabled());
    }

    static Schedule.Definition update(Schedule.Definition current, Body b) {
        if (b == null) return current;
        if (b.scenarioId() != null && !b.scenarioId().equals(current.scenarioId())) {
            throw problem("invalid-schedule", "scenario_id", "cannot change; create a schedule for the other scenario");
        }
        String frequency = b.frequency() == null ? current.frequency().wire : b.frequency();
        // a day that no longer fits the frequency (weekly 5 → daily) goes with it unless one is given
        Integer day = b.day() != null ? b.day() : b.frequency() != null && !b.frequency().equals(current.frequency().wire)
                ? null : current.day();
        return validate(current.scenarioId(), frequency, b.hour() == null ? current.hour() : b.hour(), day,
                b.timezone() == null ? current.zone().getId() : b.timezone(),
                b.format() == null ? current.format().wire : b.format(),
                b.recipients() == null ? current.recipients() : b.recipients(),
                b.enabled() == null ? current.enabled() : b.enabled());
    }

    private static Schedule.Definition validate(UUID scenario, String frequencyRaw, Integer hour, Integer day, String zoneRaw,
                                                String formatRaw, List<String> recipientsRaw, boolean enabled) {
        Schedule.Frequency frequency = Schedule.Frequency.of(frequencyRaw);
        if (frequency == null) {
            throw problem("invalid-schedule-frequency", "frequency", frequencyRaw == null ? "is required: daily, weekly or monthly"
                    : "must be daily, weekly or monthly");
        }
        if (hour == null || hour < 0 || hour > 23) {
            throw problem("invalid-schedule-hour", "hour", "must be a whole hour from 0 to 23 (local time of timezone)");
        }
        switch (frequency) {
            case DAILY -> {
                if (day != null) throw problem("invalid-schedule-day", "day", "is not used by a daily schedule");
            }
            case WEEKLY -> {
                if (day == null || day < 1 || day > 7) throw problem("invalid-schedule-day", "day", "must be 1 (Monday) to 7 (Sunday)");
            }
            case MONTHLY -> {
                if (day == null || day < 1 || day > 28) {
                    throw problem("invalid-schedule-day", "day", "must be 1 to 28 (a day every month has)");
                }
            }
        }
        ZoneId zone = zone(zoneRaw);
        ReportFormat format = ReportFormat.of(formatRaw);
        if (format == null) {
            throw problem("unsupported-report-format", "format", formatRaw == null ? "is required: pdf or csv" : "must be pdf or csv");
        }
        return new Schedule.Definition(scenario, frequency, hour, day, zone, format, recipients(recipientsRaw), enabled);
    }

    /** A region id of the IANA database (Europe/Rome, America/New_York, UTC): fixed offsets would ignore DST. */
    private static ZoneId zone(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.equals("UTC") || s.equals("Etc/UTC")) return ZoneId.of("UTC");
        if (!ZoneId.getAvailableZoneIds().contains(s) || !s.contains("/")) {
            throw problem("invalid-timezone", "timezone", "'" + ReportRequests.clip(raw) + "' is not an IANA time zone such as "
                    + "Europe/Rome or America/New_York");
        }
        return ZoneId.of(s);
    }

    /** 1 to 20 addresses, each valid, duplicates (any case) dropped. */
    private static List<String> recipients(List<String> raw) {
        if (raw == null || raw.isEmpty()) throw problem("invalid-recipient", "recipients", "must list at least one email address");
        Map<String, String> unique = new LinkedHashMap<>();
        List<ApiException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String r = raw.get(i) == null ? "" : raw.get(i).strip();
            if (!EmailAddress.isValid(r)) errors.add(new ApiException.FieldError("recipients[" + i + "]", "is not a valid email address"));
            else unique.putIfAbsent(r.toLowerCase(Locale.ROOT), r);
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("invalid-recipient", errors.size() == 1 ? errors.getFirst().field() + " "
                    + errors.getFirst().message() : errors.size() + " recipients are not valid email addresses").with("errors", errors);
        }
        if (unique.size() > MAX_RECIPIENTS) {
            throw problem("too-many-recipients", "recipients", "must list at most " + MAX_RECIPIENTS + " addresses, had " + unique.size());
        }
        return List.copyOf(unique.values());
    }

    private static ApiException problem(String code, String field, String message) {
        return ReportRequests.problem(code, field, message);
    }
}
