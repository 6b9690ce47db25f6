package io.mockupaws.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Exact counts under concurrency, aggregates equal to the events, and nothing counted after a stop. */
class IngestGuaranteesTest extends IngestTestBase {

    @Test
    void parallelClientsGiveExactTotalsAndAggregatesMatchTheEvents() throws Exception {
        String s = runningScenario();
        int clients = 12, requestsEach = 15, eventsPerRequest = 7;
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                fs.add(pool.submit(() -> {
                    for (int r = 0; r < requestsEach; r++) {
                        StringBuilder b = new StringBuilder();
                        for (int e = 0; e < eventsPerRequest; e++) {
                            b.append("{\"message\":\"client ").append(client).append(" request ").append(r)
                                    .append(" event ").append(e).append(" mail a").append(e).append("@example.com\",\"source\":\"c")
                                    .append(client % 3).append("\"}\n");
                        }
                        Api.Response resp = ingest(s, "application/x-ndjson", b.toString());
                        if (resp.status() != 200) throw new AssertionError(resp.toString());
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
        }
        long expected = (long) clients * requestsEach * eventsPerRequest;
        UUID id = UUID.fromString(s);

        assertThat(storedEvents(s)).isEqualTo(expected);
        assertThat(metric(s, "events")).isEqualTo(expected);
        assertThat(metric(s, "pii_email")).isEqualTo(expected);
        assertThat(metric(s, "pii_events")).isEqualTo(expected);
        long bytes = jdbc.sql("SELECT sum(size_bytes) FROM scenario_logs WHERE scenario_id = :s").param("s", id).query(Long.class).single();
        long tokens = jdbc.sql("SELECT sum(token_count) FROM scenario_logs WHERE scenario_id = :s").param("s", id).query(Long.class).single();
        assertThat(metric(s, "bytes")).isEqualTo(bytes);
        assertThat(metric(s, "input_tokens")).isEqualTo(tokens);
        assertThat(metric(s, "sqs_send_requests[1]")).isEqualTo(expected);
        // groups of 10 never span requests: ceil(7/10) = 1 send request per request
        assertThat(metric(s, "sqs_send_requests[10]")).isEqualTo((long) clients * requestsEach);
        assertThat(metric(s, "sqs_send_requests[7]")).isEqualTo((long) clients * requestsEach);
        long sourceEvents = jdbc.sql("SELECT sum(events) FROM scenario_source_stats WHERE scenario_id = :s").param("s", id)
                .query(Long.class).single();
        assertThat(sourceEvents).isEqualTo(expected);
        assertThat(jdbc.sql("SELECT count(DISTINCT source) FROM scenario_source_stats WHERE scenario_id = :s").param("s", id)
                .query(Long.class).single()).isEqualTo(3);
        Api.Response flush = send("/flush", s, null, new byte[0]);
        assertThat(flush.json().at("/totals/events").asLong()).isEqualTo(expected);
        assertThat(flush.json().at("/totals/bytes").asLong()).isEqualTo(bytes);
        assertThat(flush.json().at("/totals/requests").asLong()).isEqualTo((long) clients * requestsEach);
    }

    @Test
    void noEventIsCountedAfterTheStopCommitted() throws Exception {
        String s = runningScenario();
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicLong acceptedBeforeStop = new AtomicLong();
        AtomicLong acceptedAfterStop = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                fs.add(pool.submit(() -> {
                    while (true) {
                        boolean stoppedBefore = stopped.get();
                        Api.Response r = ingest(s, "text/plain", "one\ntwo\nthree");
                        if (r.status() == 200) {
                            (stoppedBefore ? acceptedAfterStop : acceptedBeforeStop).addAndGet(3);
                        } else {
                            assertThat(r.status()).isEqualTo(409);
                            return null;
                        }
                    }
                }));
            }
            Thread.sleep(400);
            assertThat(api.post("/api/v1/scenarios/" + s + "/stop").status()).isEqualTo(200);
            stopped.set(true);
            for (Future<?> f : fs) f.get();
        }
        // every 200 was committed before the stop; none started after the stop returned
        assertThat(acceptedAfterStop.get()).isZero();
        assertThat(storedEvents(s)).isEqualTo(acceptedBeforeStop.get()).isPositive();
        assertThat(metric(s, "events")).isEqualTo(acceptedBeforeStop.get());
    }

    @Test
    void rawPiiIsNeverStoredOnlyItsMaskAndHash() {
        String s = runningScenario();
        String secret = "card 4111 1111 1111 1111 for jane.doe@example.com from 203.0.113.9 key AKIAIOSFODNN7EXAMPLE";
        Api.Response r = ingest(s, "application/json", "{\"message\":\"" + secret + "\"}");

        assertThat(r.json().at("/events/0/pii_types").toString())
                .contains("payment_card", "email", "ipv4", "aws_access_key");
        String stored = jdbc.sql("SELECT preview || ' ' || array_to_string(pii_types, ',') FROM scenario_logs WHERE scenario_id = :s")
                .param("s", UUID.fromString(s)).query(String.class).single();
        assertThat(stored).contains("<CARD>", "<EMAIL>", "<IPV4>", "<AWS_KEY>")
                .doesNotContain("4111", "jane.doe", "203.0.113.9", "AKIAIOSFODNN7EXAMPLE");
        assertThat(r.body()).doesNotContain("4111", "jane.doe", "AKIAIOSFODNN7EXAMPLE");
        assertThat(metric(s, "pii_payment_card")).isEqualTo(1);
        assertThat(metric(s, "pii_aws_access_key")).isEqualTo(1);
    }
}
