package io.mockupaws.report;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param ratePerMinute      reports a user may request per minute
 * @param mailPerMinute      report mails sent per minute, all instances together when Redis is configured
 * @param attachmentMaxBytes a report up to this size is attached to its mail; a larger one is linked
 * @param linkValidity       how long a mailed link works
 * @param maxLogRows         event rows at most in a CSV report with include_logs
 * @param maxSchedules       schedules at most per user
 */
@ConfigurationProperties("mockupaws.reports")
record ReportSettings(long ratePerMinute, long mailPerMinute, long attachmentMaxBytes, Duration linkValidity,
                      long maxLogRows, int maxSchedules) {

    ReportSettings {
        if (ratePerMinute < 1 || mailPerMinute < 1) throw new IllegalArgumentException("report and mail rates must be at least 1 a minute");
        if (attachmentMaxBytes < 0 || maxLogRows < 0 || maxSchedules < 1) {
            throw new IllegalArgumentException("report limits must not be negative");
        }
        if (linkValidity == null || linkValidity.isNegative() || linkValidity.isZero()) linkValidity = Duration.ofDays(7);
    }
}
