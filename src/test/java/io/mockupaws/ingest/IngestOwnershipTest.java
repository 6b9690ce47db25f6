package io.mockupaws.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockupaws.platform.web.ApiException;
import io.mockupaws.profiling.EventProfiler;
import io.mockupaws.profiling.PiiDetector;
import io.mockupaws.profiling.Tokenizers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The group-commit writer checks ownership itself, under the scenarios' share locks: it is the authoritative check
 * (the request path's check reads a cache). Submissions straight to the writer show that a submission for another
 * owner's scenario fails alone while the rest of its group commits.
 */
class IngestOwnershipTest extends IngestTestBase {

    @Autowired
    IngestWriter writer;

    private final EventProfiler profiler = new EventProfiler(new PiiDetector(), 64);

    private Map<UUID, List<ProfiledEvent>> events(UUID scenario, String message) {
        IncomingEvent e = new IncomingEvent(message, "test", null, "event 0");
        return Map.of(scenario, List.of(new ProfiledEvent(scenario, e, "test", profiler.profile(message, Tokenizers.forName("cl100k_base")))));
    }

    @Test
    void aSubmissionForAnotherOwnersScenarioFailsAloneInItsGroup() throws Exception {
        UUID scenario = UUID.fromString(runningScenario());
        UUID intruder = newUser("intruder").id();

        CompletableFuture<Map<UUID, IngestTotals>> evil = writer.submit(intruder, events(scenario, "evil"));
        CompletableFuture<Map<UUID, IngestTotals>> fine = writer.submit(owner.id(), events(scenario, "fine"));

        assertThat(fine.get(30, TimeUnit.SECONDS).get(scenario).events()).isEqualTo(1);
        assertThatThrownBy(() -> evil.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ApiException.class).hasMessageContaining("No scenario with id " + scenario);
        assertThat(storedEvents(scenario.toString())).isEqualTo(1);
    }
}
