package io.mockupaws.ops.benchmark;

import io.mockupaws.pricing.TrafficAccumulator;
import io.mockupaws.profiling.PiiType;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Realistic stored traffic, written as ingest writes it. Events arrive in requests (a handful to a few dozen events
 * sharing one receive time) spread over each scenario's active window; each event gets a source of its scenario's
 * own set (a few busy, many quiet), a size from a long-tailed mix (mostly short lines, some stack traces and JSON
 * documents, a few payloads of several SQS 64 KiB blocks), tokens and characters to match, PII in about one event
 * in eight, and a redacted preview carrying the masks.
 *
 * <p>Every scenario's request schedule is drawn up front; events are then written day by day in receive order across
 * all scenarios, so a scenario's events are interleaved with everyone else's on disk — what the indexes face in
 * production — and the physical order follows time, as a BRIN index expects. The per-minute metrics rows, the
 * per-source statistics and the totals are the exact sums of the events written.
 */
final class TrafficGenerator {

    static final String LOGS_COPY = """
            COPY scenario_logs (scenario_id, received_at, event_time, source, message_hash, preview, size_bytes,
                                sqs_blocks, token_count, char_count, pii_types, has_pii) FROM STDIN (FORMAT binary)""";
    static final String METRICS_COPY = """
            COPY scenario_metrics (scenario_id, minute, shard, events, bytes, sqs_blocks, sqs_send_requests, input_tokens,
                                   chars, pii_events, pii_email, pii_us_ssn, pii_payment_card, pii_phone, pii_ipv4,
                                   pii_ipv6, pii_iban, pii_aws_access_key, pii_jwt, pii_private_key) FROM STDIN (FORMAT binary)""";

    static final long DAY_MICROS = 86_400_000_000L;
    private static final long MINUTE_MICROS = 60_000_000L;
    private static final PiiType[] PII = PiiType.values();
    /** How often each PII type is the one found (e-mail addresses and IPs dominate real logs). */
    private static final int[] PII_WEIGHTS = {50, 3, 5, 10, 25, 2, 1, 2, 1, 1};
    private static final String[] SERVICES = {"checkout-api", "auth-service", "nginx-edge", "payments-worker",
            "search-api", "cart-service", "fluent-bit/k8s-node", "orders-db-proxy", "notification-sender", "cdn-logs",
            "inventory-sync", "recommendation-api", "gateway", "billing-cron", "user-profile"};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
    private static final String[] MESSAGES = {"request completed", "cache miss, loading from origin",
            "upstream responded slowly", "retrying after transient failure", "order placed", "payment authorised",
            "session refreshed", "search executed", "rate limit close to threshold", "batch flushed to queue",
            "connection pool exhausted, waiting", "failed to parse client payload"};

    /** A scenario's traffic to generate: {@code events} events received within [{@code fromMicros}, {@code toMicros}). */
    record Planned(UUID id, long events, long fromMicros, long toMicros) {}

    /** When a scenario's requests arrive (sorted) and how many events each carries; the scenario's sources. */
    private record Schedule(long[] times, int[] events, String[] sources) {}

    /**
     * Per scenario: events, bytes, blocks, tokens, PII events, requests and the last receive time (µs), and the
     * per-source events, bytes, blocks, tokens and PII events.
     */
    static final class Sums {
        final long[][] scenario;
        final List<Map<String, long[]>> bySource;

        Sums(int scenarios) {
            scenario = new long[scenarios][7];
            bySource = new ArrayList<>(scenarios);
            for (int i = 0; i < scenarios; i++) bySource.add(new TreeMap<>());
        }

        void add(Sums other) {
            for (int i = 0; i < scenario.length; i++) {
                for (int k = 0; k < 6; k++) scenario[i][k] += other.scenario[i][k];
                scenario[i][6] = Math.max(scenario[i][6], other.scenario[i][6]);
                Map<String, long[]> mine = bySource.get(i);
                other.bySource.get(i).forEach((source, v) -> {
                    long[] m = mine.computeIfAbsent(source, x -> new long[5]);
                    for (int k = 0; k < 5; k++) m[k] += v[k];
                });
            }
        }
    }

    private final List<Planned> planned;
    private final List<Schedule> schedules = new ArrayList<>();
    private final long firstDay;
    private final long days;
    private final byte[][] plainPreviews;
    private final byte[][][] piiPreviews;
    private final byte[][] piiCodes;

    TrafficGenerator(List<Planned> planned) {
        this.planned = planned;
        long from = Long.MAX_VALUE, to = Long.MIN_VALUE;
        for (int i = 0; i < planned.size(); i++) {
            Planned p = planned.get(i);
            schedules.add(schedule(p, new SplittableRandom(i * 0x9E3779B97F4A7C15L + 17)));
            if (p.events() > 0) {
                from = Math.min(from, p.fromMicros());
                to = Math.max(to, p.toMicros());
            }
        }
        firstDay = from == Long.MAX_VALUE ? 0 : Math.floorDiv(from, DAY_MICROS) * DAY_MICROS;
        days = from == Long.MAX_VALUE ? 0 : Math.floorDiv(to - firstDay, DAY_MICROS) + 1;
        SplittableRandom r = new SplittableRandom(7);
        plainPreviews = new byte[2048][];
        for (int i = 0; i < plainPreviews.length; i++) plainPreviews[i] = preview(r, null);
        piiPreviews = new byte[PII.length][256][];
        for (PiiType t : PII) {
            for (int i = 0; i < 256; i++) piiPreviews[t.ordinal()][i] = preview(r, t);
        }
        piiCodes = new byte[PII.length][];
        for (PiiType t : PII) piiCodes[t.ordinal()] = t.code().getBytes(StandardCharsets.UTF_8);
    }

    long days() {
        return days;
    }

    /** About eight events per request, at uniformly random times of the window; 3 to 20 sources. */
    private static Schedule schedule(Planned p, SplittableRandom r) {
        int requests = (int) Math.max(p.events() > 0 ? 1 : 0, p.events() / 8);
        long[] times = new long[requests];
        long span = Math.max(1, p.toMicros() - p.fromMicros());
        for (int i = 0; i < requests; i++) times[i] = p.fromMicros() + r.nextLong(span);
        Arrays.sort(times);
        int[] events = new int[requests];
        for (long i = 0; i < p.events(); i++) events[r.nextInt(requests)]++;
        int n = 3 + r.nextInt(18);
        String[] sources = new String[n];
        for (int i = 0; i < n; i++) sources[i] = SERVICES[r.nextInt(SERVICES.length)] + "-" + (1 + r.nextInt(40));
        return new Schedule(times, events, sources);
    }

    /**
     * Writes the days {@code d} with {@code d % parts == part} into the two COPY streams, each day's requests of all
     * scenarios in receive order. Deterministic: a day's random stream depends on the day only.
     */
    Sums write(int part, int parts, BinaryCopy logs, BinaryCopy metrics) throws SQLException {
        Sums sums = new Sums(planned.size());
        Minute[] minutes = new Minute[planned.size()];
        byte[] hash = new byte[32];
        for (long d = part; d < days; d += parts) {
            long dayStart = firstDay + d * DAY_MICROS;
            SplittableRandom r = new SplittableRandom(d * 0xBF58476D1CE4E5B9L + 3);
            List<long[]> day = new ArrayList<>();
            for (int s = 0; s < schedules.size(); s++) {
                long[] times = schedules.get(s).times();
                for (int k = lowerBound(times, dayStart); k < times.length && times[k] < dayStart + DAY_MICROS; k++) {
                    day.add(new long[] {times[k], s, k});
                }
            }
            day.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            for (long[] request : day) {
                int s = (int) request[1];
                long at = request[0];
                long minute = Math.floorDiv(at, MINUTE_MICROS) * MINUTE_MICROS;
                if (minutes[s] != null && minutes[s].start != minute) {
                    minutes[s].write(planned.get(s).id(), metrics);
                    minutes[s] = null;
                }
                if (minutes[s] == null) minutes[s] = new Minute(minute);
                writeRequest(r, s, at, schedules.get(s).events()[(int) request[2]], minutes[s], sums, logs, hash);
            }
            for (int s = 0; s < minutes.length; s++) {
                if (minutes[s] != null) minutes[s].write(planned.get(s).id(), metrics);
                minutes[s] = null;
            }
        }
        return sums;
    }

    private void writeRequest(SplittableRandom r, int s, long at, int events, Minute minute, Sums sums, BinaryCopy logs,
                              byte[] hash) throws SQLException {
        UUID scenario = planned.get(s).id();
        String[] sources = schedules.get(s).sources();
        long[] total = sums.scenario[s];
        Map<String, long[]> bySource = sums.bySource.get(s);
        TrafficAccumulator sends = new TrafficAccumulator(Instant.EPOCH);
        for (int e = 0; e < events; e++) {
            int size = size(r);
            long chunks = TrafficAccumulator.sqsChunks(size);
            int chars = size - r.nextInt(size / 30 + 1);
            int tokenCount = chars * 10 / 38 + 1;
            PiiType first = null, second = null;
            if (r.nextInt(8) == 0) {
                first = pii(r);
                if (r.nextInt(7) == 0) {
                    second = pii(r);
                    if (second == first) second = null;
                }
            }
            // a few busy sources, many quiet ones; about one event in 75 names none (NULL, counted under '')
            String source = r.nextInt(75) == 0 ? null : sources[zipf(r, sources.length)];
            fill(r, hash);
            logs.row(12).uuid(scenario).timestamp(at);
            if (r.nextInt(10) == 0) logs.nul(); else logs.timestamp(at - r.nextLong(3_000_000));
            logs.text(source).bytes(hash)
                    .bytes(first == null ? plainPreviews[r.nextInt(plainPreviews.length)]
                            : piiPreviews[first.ordinal()][r.nextInt(256)])
                    .int4(size).int4((int) chunks).int4(tokenCount).int4(chars)
                    .textArray(first == null ? new byte[0][] : second == null ? new byte[][] {piiCodes[first.ordinal()]}
                            : new byte[][] {piiCodes[Math.min(first.ordinal(), second.ordinal())],
                                    piiCodes[Math.max(first.ordinal(), second.ordinal())]})
                    .bool(first != null);
            sends.add(size, tokenCount);
            minute.add(size, chunks, tokenCount, chars, first, second);
            long[] v = bySource.computeIfAbsent(source == null ? "" : source, k -> new long[5]);
            v[0]++;
            v[1] += size;
            v[2] += chunks;
            v[3] += tokenCount;
            v[4] += first == null ? 0 : 1;
            total[0]++;
            total[1] += size;
            total[2] += chunks;
            total[3] += tokenCount;
            total[4] += first == null ? 0 : 1;
        }
        total[5]++;
        total[6] = Math.max(total[6], at);
        long[] byBatch = sends.toWindow().sendRequestsByBatchSize();
        for (int b = 0; b < byBatch.length; b++) minute.sends[b] += byBatch[b];
    }

    private static int lowerBound(long[] sorted, long value) {
        int i = Arrays.binarySearch(sorted, value);
        if (i < 0) return -i - 1;
        while (i > 0 && sorted[i - 1] == value) i--;
        return i;
    }

    /** One minute's metrics row of a scenario (shard 0): the sums ingest would have upserted. */
    private static final class Minute {
        final long start;
        final long[] sends = new long[10];
        final long[] pii = new long[PII.length];
        long events, bytes, blocks, tokens, chars, piiEvents;

        Minute(long start) {
            this.start = start;
        }

        void add(int size, long chunks, int tokenCount, int charCount, PiiType first, PiiType second) {
            events++;
            bytes += size;
            blocks += chunks;
            tokens += tokenCount;
            chars += charCount;
            if (first != null) {
                piiEvents++;
                pii[first.ordinal()]++;
                if (second != null) pii[second.ordinal()]++;
            }
        }

        void write(UUID scenario, BinaryCopy metrics) throws SQLException {
            metrics.row(20).uuid(scenario).timestamp(start).int2(0).int8(events).int8(bytes).int8(blocks)
                    .int8Array(sends).int8(tokens).int8(chars).int8(piiEvents);
            for (long p : pii) metrics.int8(p);
        }
    }

    /** Mostly log lines, a quarter larger documents, a few payloads beyond one SQS block. */
    private static int size(SplittableRandom r) {
        int u = r.nextInt(1000);
        if (u < 700) return 80 + r.nextInt(520);
        if (u < 950) return 600 + r.nextInt(7_400);
        if (u < 999) return 8_000 + r.nextInt(52_000);
        return 60_000 + r.nextInt(240_000);
    }

    private static PiiType pii(SplittableRandom r) {
        int u = r.nextInt(100);
        for (int i = 0; i < PII_WEIGHTS.length; i++) {
            u -= PII_WEIGHTS[i];
            if (u < 0) return PII[i];
        }
        return PiiType.EMAIL;
    }

    /** An index in [0, n) where low indexes are much more frequent. */
    private static int zipf(SplittableRandom r, int n) {
        double u = r.nextDouble();
        return Math.min(n - 1, (int) (n * u * u * u));
    }

    private static void fill(SplittableRandom r, byte[] hash) {
        for (int i = 0; i < hash.length; i += 8) {
            long v = r.nextLong();
            for (int j = 0; j < 8; j++) hash[i + j] = (byte) (v >>> (8 * j));
        }
    }

    private static byte[] preview(SplittableRandom r, PiiType pii) {
        StringBuilder s = new StringBuilder(512);
        s.append(String.format("2026-%02d-%02dT%02d:%02d:%02d.%03dZ ", 1 + r.nextInt(12), 1 + r.nextInt(28),
                r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1000)));
        s.append(LEVELS[r.nextInt(LEVELS.length)]).append(' ').append(SERVICES[r.nextInt(SERVICES.length)])
                .append(" [req ").append(Long.toHexString(r.nextLong())).append("] ")
                .append(MESSAGES[r.nextInt(MESSAGES.length)]);
        if (pii != null) s.append(" user=").append(pii.mask());
        s.append(" status=").append(200 + r.nextInt(4) * 100 + r.nextInt(5)).append(" latency_ms=").append(r.nextInt(2000));
        int target = r.nextInt(4) == 0 ? 512 : 60 + r.nextInt(300);
        while (s.length() < target) s.append(" k").append(r.nextInt(100)).append('=').append(Long.toHexString(r.nextLong()));
        s.setLength(Math.min(s.length(), 512));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
