package io.mockupaws.report;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A report mailed on a calendar: daily, weekly (day 1 = Monday … 7) or monthly (day 1 … 28, so every month has it),
 * at a whole hour of the schedule's own time zone.
 */
record Schedule(UUID id, UUID ownerId, Definition definition, Instant nextRunAt, Instant lastRunAt, UUID lastReportId,
                String lastError, Instant createdAt, Instant updatedAt) {

    /** What a user sets. */
    record Definition(UUID scenarioId, Frequency frequency, int hour, Integer day, ZoneId zone, ReportFormat format,
                      List<String> recipients, boolean enabled) {}

    enum Frequency {
        DAILY("daily"), WEEKLY("weekly"), MONTHLY("monthly");

        final String wire;

        Frequency(String wire) {
            this.wire = wire;
        }

        static Frequency of(String s) {
            for (Frequency f : values()) if (f.wire.equals(s)) return f;
            return null;
        }
    }

    /**
     * The first run strictly after {@code after}: the schedule's hour on its next day, in its zone. Local times
     * follow the zone's rules: an hour that a daylight-saving change skips runs at the first instant after the gap
     * (02:00 on a spring-forward night runs at 03:00), and an hour that happens twice runs the first time.
     */
    static Instant nextRun(Definition d, Instant after) {
        LocalDate date = after.atZone(d.zone()).toLocalDate().minusDays(1);
        for (int i = 0; i < 40; i++, date = date.plusDays(1)) {
            if (!onDay(d, date)) continue;
            Instant at = date.atTime(d.hour(), 0).atZone(d.zone()).toInstant();
            if (at.isAfter(after)) return at;
        }
        throw new IllegalStateException("no run of " + d + " within 40 days of " + after);
    }

    private static boolean onDay(Definition d, LocalDate date) {
        return switch (d.frequency()) {
            case DAILY -> true;
            case WEEKLY -> date.getDayOfWeek() == DayOfWeek.of(d.day());
            case MONTHLY -> date.getDayOfMonth() == d.day();
        };
    }

    /**
     * What the run at {@code at} reports on: the day, week or month before it in the schedule's zone (so a daily run
     * after a spring-forward night covers 23 hours, and a monthly one the whole previous calendar span).
     */
    static Instant periodStart(Definition d, Instant at) {
        ZonedDateTime local = at.atZone(d.zone());
        return switch (d.frequency()) {
            case DAILY -> local.minusDays(1).toInstant();
            case WEEKLY -> local.minusWeeks(1).toInstant();
            case MONTHLY -> local.minusMonths(1).toInstant();
        };
    }

    /** A report period must fit the insights API's hourly series. */
    static boolean fits(Instant from, Instant to) {
        return Duration.between(from, to).compareTo(ReportRequests.MAX_WINDOW) <= 0;
    }
}
