package io.mockupaws.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;

/** Two clients racing on one scenario's lifecycle: exactly one wins, the others get 409. */
class ConcurrentTransitionTest extends ApiTest {

    private static final int CLIENTS = 16;

    @RepeatedTest(3)
    void onlyOneConcurrentStartAndOneConcurrentStopSucceed() throws Exception {
        String id = createScenario("race", "us-east-1");

        assertThat(race("/api/v1/scenarios/" + id + "/start")).containsOnlyOnce(200).containsOnly(200, 409);
        assertThat(race("/api/v1/scenarios/" + id + "/stop")).containsOnlyOnce(200).containsOnly(200, 409);
        assertThat(race("/api/v1/scenarios/" + id + "/archive")).containsOnlyOnce(200).containsOnly(200, 409);
    }

    @RepeatedTest(3)
    void concurrentStopAndDeleteNeverLeaveAHalfState() throws Exception {
        String id = createScenario("race", "us-east-1");
        api.post("/api/v1/scenarios/" + id + "/start");
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<Integer> stop = pool.submit(() -> { go.await(); return api.post("/api/v1/scenarios/" + id + "/stop").status(); });
            Future<Integer> delete = pool.submit(() -> { go.await(); return api.delete("/api/v1/scenarios/" + id).status(); });
            go.countDown();
            int stopStatus = stop.get();
            int deleteStatus = delete.get();
            assertThat(stopStatus).isEqualTo(200);
            // delete either saw it running (409) or ran after the stop committed (204)
            assertThat(deleteStatus).isIn(204, 409);
            int after = api.get("/api/v1/scenarios/" + id).status();
            assertThat(after).isEqualTo(deleteStatus == 204 ? 404 : 200);
        }
    }

    private List<Integer> race(String path) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int i = 0; i < CLIENTS; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return api.post(path).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) statuses.add(f.get());
            return statuses;
        }
    }
}
