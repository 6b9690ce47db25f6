package io.mockupaws.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When a schedule runs next, in its own time zone, across daylight-saving changes. */
class ScheduleCalendarTest {

    private static Schedule.Definition at(Schedule.Frequency f, int hour, Integer day, String zone) {
        return new Schedule.Definition(UUID.randomUUID(), f, hour, day, ZoneId.of(zone), ReportFormat.PDF, List.of("a@example.com"), true);
    }

    @Test
    void aDailyRunSkippedByTheSpringForwardRunsAtTheFirstInstantAfterTheGap() {
        Schedule.Definition rome = at(Schedule.Frequency.DAILY, 2, null, "Europe/Rome");
        // 29 March 2026: 02:00 CET does not exist, the clocks jump to 03:00 CEST (01:00 UTC)
        Instant first = Schedule.nextRun(rome, Instant.parse("2026-03-28T12:00:00Z"));
        assertThat(first).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(Schedule.nextRun(rome, first)).isEqualTo(Instant.parse("2026-03-30T00:00:00Z")); // 02:00 CEST
        assertThat(Schedule.nextRun(rome, Instant.parse("2026-03-27T12:00:00Z"))).isEqualTo(Instant.parse("2026-03-28T01:00:00Z"));
    }

    @Test
    void anHourThatHappensTwiceRunsOnceTheFirstTime() {
        Schedule.Definition rome = at(Schedule.Frequency.DAILY, 2, null, "Europe/Rome");
        // 25 October 2026: 02:00–03:00 happens in CEST (00:00 UTC) and again in CET (01:00 UTC)
        Instant first = Schedule.nextRun(rome, Instant.parse("2026-10-24T12:00:00Z"));
        assertThat(first).isEqualTo(Instant.parse("2026-10-25T00:00:00Z"));
        assertThat(Schedule.nextRun(rome, first)).as("not again an hour later").isEqualTo(Instant.parse("2026-10-26T01:00:00Z"));
    }

    @Test
    void theLocalHourHoldsAcrossTheChangeAndTheDayBeforeIsWhatTheRunReports() {
        Schedule.Definition rome = at(Schedule.Frequency.DAILY, 9, null, "Europe/Rome");
        Instant before = Schedule.nextRun(rome, Instant.parse("2026-03-28T00:00:00Z"));
        Instant after = Schedule.nextRun(rome, before);
        assertThat(before).isEqualTo(Instant.parse("2026-03-28T08:00:00Z")); // 09:00 CET
        assertThat(after).isEqualTo(Instant.parse("2026-03-29T07:00:00Z")); // 09:00 CEST
        assertThat(Duration.between(before, after)).isEqualTo(Duration.ofHours(23));
        assertThat(Schedule.periodStart(rome, after)).as("the local day before: 23 hours").isEqualTo(before);
    }

    @Test
    void weeklyOnItsWeekdayAndMonthlyOnItsDay() {
        Schedule.Definition monday = at(Schedule.Frequency.WEEKLY, 8, 1, "America/New_York");
        Instant m1 = Schedule.nextRun(monday, Instant.parse("2026-03-01T00:00:00Z")); // a Sunday
        assertThat(m1).isEqualTo(Instant.parse("2026-03-02T13:00:00Z")); // 08:00 EST
        Instant m2 = Schedule.nextRun(monday, m1);
        assertThat(m2).isEqualTo(Instant.parse("2026-03-09T12:00:00Z")); // 08:00 EDT, after 8 March
        assertThat(Schedule.periodStart(monday, m2)).isEqualTo(m1);

        Schedule.Definition monthly = at(Schedule.Frequency.MONTHLY, 23, 28, "Pacific/Auckland");
        Instant feb = Schedule.nextRun(monthly, Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(feb).isEqualTo(Instant.parse("2026-02-28T10:00:00Z")); // 23:00 NZDT
        Instant mar = Schedule.nextRun(monthly, feb);
        assertThat(mar).isEqualTo(Instant.parse("2026-03-28T10:00:00Z"));
        Instant apr = Schedule.nextRun(monthly, mar);
        assertThat(apr).isEqualTo(Instant.parse("2026-04-28T11:00:00Z")); // 23:00 NZST, after 5 April
        assertThat(Schedule.periodStart(monthly, apr)).isEqualTo(mar);

        Schedule.Definition utc = at(Schedule.Frequency.DAILY, 0, null, "UTC");
        assertThat(Schedule.nextRun(utc, Instant.parse("2026-06-01T00:00:00Z"))).as("strictly after")
                .isEqualTo(Instant.parse("2026-06-02T00:00:00Z"));
    }
}
