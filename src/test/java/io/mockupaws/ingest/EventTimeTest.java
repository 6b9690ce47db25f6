package io.mockupaws.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written reader of the common ISO-8601 shape agrees with java.time on every string it accepts. */
class EventTimeTest {

    @Test
    void theCommonShapeIsReadExactlyAsJavaTimeReadsIt() {
        assertThat(EventFields.parse("2026-11-24T10:00:00Z")).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(EventFields.parse("2026-11-24T10:00:00.123456789+02:00")).isEqualTo(Instant.parse("2026-11-24T08:00:00.123456789Z"));
        assertThat(EventFields.parse("2024-02-29T23:59:59.5-05:30")).isEqualTo(Instant.parse("2024-03-01T05:29:59.500Z"));
        assertThat(EventFields.parse("2026-11-24T10:00:00-00:00")).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    }

    @Test
    void outOfRangeAndOtherShapesAreLeftToTheGeneralParsers() {
        for (String t : new String[] {"2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-11-24T24:00:00Z", "2026-11-24T10:60:00Z", "2026-11-24T10:00:60Z", "2026-11-24T10:00:00+19:00",
                "2026-11-24T10:00:00.Z", "2026-11-24T10:00:00.1234567891Z", "2026-11-24 10:00:00Z", "2026-11-24T10:00Z",
                "2026-11-24T10:00:00+0200", "2026-11-24T10:00:00", "+2026-11-24T10:00:00Z", "2026-1a-24T10:00:00Z"}) {
            assertThat(EventFields.commonIsoForm(t)).as(t).isNull();
        }
    }

    @Test
    void randomStringsOfTheShapeAgreeWithJavaTime() {
        Random random = new Random(7);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String t = candidate(random);
            Instant fast = EventFields.commonIsoForm(t);
            Instant reference = javaTime(t);
            if (fast != null) {
                assertThat(fast).as(t).isEqualTo(reference);
                accepted.add(t);
            } else if (reference != null) {
                // java.time took it: the fast reader may only pass on shapes it does not know, never on values
                assertThat(t).as("the fast reader refused a common-shape value java.time accepts").doesNotMatch(
                        "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
            }
        }
        assertThat(accepted).hasSizeGreaterThan(10_000); // the test exercised the fast path, not only refusals
    }

    private static Instant javaTime(String t) {
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String candidate(Random r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d", 1900 + r.nextInt(300), r.nextInt(14), r.nextInt(33),
                r.nextInt(26), r.nextInt(62), r.nextInt(62)));
        if (r.nextBoolean()) {
            b.append('.');
            int digits = r.nextInt(11);
            for (int i = 0; i < digits; i++) b.append((char) ('0' + r.nextInt(10)));
        }
        switch (r.nextInt(4)) {
            case 0 -> b.append('Z');
            case 1 -> b.append(String.format("%c%02d:%02d", r.nextBoolean() ? '+' : '-', r.nextInt(20), r.nextInt(61)));
            case 2 -> b.append(String.format("%c%02d%02d", r.nextBoolean() ? '+' : '-', r.nextInt(20), r.nextInt(61)));
            default -> { }
        }
        if (r.nextInt(20) == 0) b.setCharAt(r.nextInt(b.length()), (char) (' ' + r.nextInt(95))); // a stray character
        return b.toString();
    }
}
