package io.mockupaws.insights;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Time-series bucket. Hourly and daily buckets are sums of minutes (UTC), so a series adds up to its summary. */
enum Granularity {
    MINUTE("minute", ChronoUnit.MINUTES), HOUR("hour", ChronoUnit.HOURS), DAY("day", ChronoUnit.DAYS);

    /** A week of minutes: beyond that a series is too long for a response; ask for hours. */
    static final int MAX_POINTS = 10_080;

    final String wire;
    final ChronoUnit unit;

    Granularity(String wire, ChronoUnit unit) {
        this.wire = wire;
        this.unit = unit;
    }

    static Granularity of(String s) {
        for (Granularity g : values()) if (g.wire.equals(s)) return g;
        return null;
    }

    Duration length() {
        return unit.getDuration();
    }

    Instant truncate(Instant t) {
        return t.truncatedTo(unit);
    }
}
