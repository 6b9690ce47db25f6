package io.mockupaws.pricing;

import static io.mockupaws.pricing.Fixtures.JAN;
import static io.mockupaws.pricing.Fixtures.cfg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One test (at least) per line of COST-MODEL.md "Usage formulas". */
class UsageCalculatorTest {

    private final UsageCalculator calc = new UsageCalculator();

    private static WindowTraffic window(long... sizes) {
        TrafficAccumulator acc = new TrafficAccumulator(JAN);
        for (long size : sizes) acc.add(size, 10);
        return acc.toWindow();
    }

    @Nested
    class SqsBlocks {
        @Test
        void blocksAreCeilOfSizeOver64KiBAndAtLeastOnePerEvent() {
            // 0 → 1 (at least one), 100 → 1, 65536 → 1, 65537 → 2, 200000 → ceil(3.05) = 4
            WindowTraffic w = window(0, 100, 65_536, 65_537, 200_000);
            assertThat(w.sqsBlocks()).isEqualTo(1 + 1 + 1 + 2 + 4);
            assertThat(w.sendRequests(1)).isEqualTo(9);
            assertThat(calc.usage(w, cfg().build()).sqsSendRequests()).isEqualByComparingTo("9");
        }

        @Test
        void sendBatchSizeOneUsesTheBlocks() {
            WindowTraffic w = window(70_000, 70_000, 10);
            assertThat(calc.usage(w, cfg().sendBatchSize(1).consumerRequests(false).build()).sqsRequests())
                    .isEqualByComparingTo("5"); // 2 + 2 + 1
        }
    }

    @Nested
    class SendBatching {
        // sizes in arrival order: 40000, 40000, 40000, 1000, 1000
        private final WindowTraffic w = window(40_000, 40_000, 40_000, 1_000, 1_000);

        @Test
        void consecutiveGroupsAreBilledPer64KiBOfTheirTotalPayload() {
            // b=1: 1+1+1+1+1 = 5
            // b=2: [80000]→2, [41000]→1, [1000]→1 (partial last group) = 4
            // b=3: [120000]→2, [2000]→1 = 3
            // b=4: [121000]→2, [1000]→1 = 3
            // b=5..10: [122000]→2
            assertThat(w.sendRequestsByBatchSize()).containsExactly(5, 4, 3, 3, 2, 2, 2, 2, 2, 2);
        }

        @Test
        void usageTakesTheArrayEntryOfTheConfiguredBatchSize() {
            var noConsumer = cfg().consumerRequests(false);
            assertThat(calc.usage(w, noConsumer.sendBatchSize(2).build()).sqsSendRequests()).isEqualByComparingTo("4");
            assertThat(calc.usage(w, noConsumer.sendBatchSize(3).build()).sqsSendRequests()).isEqualByComparingTo("3");
            assertThat(calc.usage(w, noConsumer.sendBatchSize(10).build()).sqsSendRequests()).isEqualByComparingTo("2");
        }

        @Test
        void arrayIsReadAtIndexBatchSizeMinusOne() {
            long[] send = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
            WindowTraffic direct = new WindowTraffic(JAN, 10, 1_000, 10, send, 50);
            for (int b = 1; b <= 10; b++) {
                var usage = calc.usage(direct, cfg().sendBatchSize(b).consumerRequests(false).build());
                assertThat(usage.sqsSendRequests()).isEqualByComparingTo(String.valueOf(11 - b));
            }
        }

        @Test
        void sendBatchSizeOutOfRangeIsRejected() {
            assertThatThrownBy(() -> calc.usage(w, cfg().sendBatchSize(11).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sqs.send_batch_size");
            assertThatThrownBy(() -> calc.usage(w, cfg().sendBatchSize(0).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sqs.send_batch_size");
        }
    }

    @Nested
    class Invocations {
        @Test
        void ceilOfEventsOverBatchSizeWithRemainder() {
            assertThat(calc.usage(Fixtures.smallMessages(JAN, 25, 100, 1), cfg().batchSize(10).build())
                    .lambdaInvocations()).isEqualByComparingTo("3");
        }

        @Test
        void exactMultipleHasNoExtraInvocation() {
            assertThat(calc.usage(Fixtures.smallMessages(JAN, 20, 100, 1), cfg().batchSize(10).build())
                    .lambdaInvocations()).isEqualByComparingTo("2");
        }

        @Test
        void batchSizeOneIsOneInvocationPerEvent() {
            assertThat(calc.usage(Fixtures.smallMessages(JAN, 7, 100, 1), cfg().build())
                    .lambdaInvocations()).isEqualByComparingTo("7");
        }

        @Test
        void zeroEventsZeroInvocations() {
            Usage u = calc.usage(WindowTraffic.empty(JAN), cfg().batchSize(10).promptOverhead(500).build());
            assertThat(u).isEqualTo(Usage.ZERO);
        }
    }

    @Nested
    class ConsumerRequests {
        private final WindowTraffic w = Fixtures.smallMessages(JAN, 25, 100, 1); // L = 3 with batch 10

        @Test
        void twoPerInvocationWhenIncluded() {
            Usage u = calc.usage(w, cfg().batchSize(10).consumerRequests(true).build());
            assertThat(u.sqsSendRequests()).isEqualByComparingTo("25");
            assertThat(u.sqsConsumerRequests()).isEqualByComparingTo("6");
            assertThat(u.sqsRequests()).isEqualByComparingTo("31");
        }

        @Test
        void noneWhenExcluded() {
            Usage u = calc.usage(w, cfg().batchSize(10).consumerRequests(false).build());
            assertThat(u.sqsConsumerRequests()).isEqualByComparingTo("0");
            assertThat(u.sqsRequests()).isEqualByComparingTo("25");
        }

        @Test
        void includedByDefault() {
            assertThat(calc.usage(w, cfg().batchSize(10).build()).sqsConsumerRequests()).isEqualByComparingTo("6");
        }
    }

    @Nested
    class Duration {
        @Test
        void fixedDurationIsBilledPerInvocation() {
            Usage u = calc.usage(Fixtures.smallMessages(JAN, 3, 100, 1), cfg().durationMs(250).build());
            assertThat(u.lambdaBilledDurationMs()).isEqualByComparingTo("750");
        }

        @Test
        void defaultDurationIs100Ms() {
            Usage u = calc.usage(Fixtures.smallMessages(JAN, 3, 100, 1), cfg().build());
            assertThat(u.lambdaBilledDurationMs()).isEqualByComparingTo("300");
        }

        @Test
        void durationModelUsesAverageBatchPayloadAndCeil() {
            // N = 3, 3000 bytes, batch 2 → L = 2, average batch payload 1500 B = 1.46484375 KiB
            // 10 + 1.5 · 1.46484375 = 12.197265625 ms → billed 13 ms per invocation → 26 ms
            WindowTraffic w = window(1000, 1000, 1000);
            Usage u = calc.usage(w, cfg().batchSize(2).durationModel("10", "1.5").build());
            assertThat(u.lambdaInvocations()).isEqualByComparingTo("2");
            assertThat(u.lambdaBilledDurationMs()).isEqualByComparingTo("26");
        }

        @Test
        void durationModelCeilIsExactEvenWhenTheAveragePayloadDoesNotTerminate() {
            // 1000 bytes / 3 invocations = 333.33… B; 3.072 ms/KiB · 1000 / (3 · 1024) = exactly 1 ms → billed 1, not 2
            WindowTraffic w = window(333, 333, 334);
            Usage u = calc.usage(w, cfg().durationModel("0", "3.072").build());
            assertThat(u.lambdaBilledDurationMs()).isEqualByComparingTo("3");
        }

        @Test
        void durationModelWinsOverFixedDuration() {
            WindowTraffic w = window(2048, 2048);
            // 5 + 2 · 2 KiB = 9 ms exactly (no ceil bump) per invocation, 2 invocations
            Usage u = calc.usage(w, cfg().durationMs(900).durationModel("5", "2").build());
            assertThat(u.lambdaBilledDurationMs()).isEqualByComparingTo("18");
        }

        @Test
        void fractionalBaseIsCeiled() {
            Usage u = calc.usage(window(0), cfg().durationModel("0.01", "0").build());
            assertThat(u.lambdaBilledDurationMs()).isEqualByComparingTo("1");
        }
    }

    @Nested
    class GbSeconds {
        @Test
        void invocationsTimesMemoryGbTimesBilledSeconds() {
            // 3 · (512/1024) · 1000/1000 = 1.5
            Usage u = calc.usage(Fixtures.smallMessages(JAN, 3, 100, 1), cfg().memoryMb(512).durationMs(1000).build());
            assertThat(u.lambdaGbSeconds()).isEqualByComparingTo("1.5");
        }

        @Test
        void defaultsAre128MbAnd100Ms() {
            // 1 · 0.125 · 0.1 = 0.0125
            Usage u = calc.usage(Fixtures.smallMessages(JAN, 1, 100, 1), cfg().build());
            assertThat(u.lambdaGbSeconds()).isEqualByComparingTo("0.0125");
        }

        @Test
        void oddMemoryStaysExact() {
            // 1 · 1000/1024 · 0.333 = 0.3251953125
            Usage u = calc.usage(Fixtures.smallMessages(JAN, 1, 100, 1), cfg().memoryMb(1000).durationMs(333).build());
            assertThat(u.lambdaGbSeconds()).isEqualByComparingTo("0.3251953125");
        }

        @Test
        void usesTheCeiledModelledDuration() {
            // L = 2, billed 13 ms (see duration model test), 1024 MB → 2 · 1 · 0.013 = 0.026
            Usage u = calc.usage(window(1000, 1000, 1000),
                    cfg().batchSize(2).memoryMb(1024).durationModel("10", "1.5").build());
            assertThat(u.lambdaGbSeconds()).isEqualByComparingTo("0.026");
        }
    }

    @Nested
    class EphemeralStorage {
        private final WindowTraffic w = Fixtures.smallMessages(JAN, 3, 100, 1);

        @Test
        void defaultAndExactly512AreFree() {
            assertThat(calc.usage(w, cfg().durationMs(1000).build()).lambdaStorageGbSeconds()).isEqualByComparingTo("0");
            assertThat(calc.usage(w, cfg().durationMs(1000).ephemeralStorageMb(512).build()).lambdaStorageGbSeconds())
                    .isEqualByComparingTo("0");
        }

        @Test
        void onlyThePartAbove512IsBilled() {
            // 3 · ((1024 − 512)/1024) · 1 s = 1.5
            assertThat(calc.usage(w, cfg().durationMs(1000).ephemeralStorageMb(1024).build()).lambdaStorageGbSeconds())
                    .isEqualByComparingTo("1.5");
            // 3 · (9728/1024 = 9.5) · 0.1 s = 2.85
            assertThat(calc.usage(w, cfg().ephemeralStorageMb(10240).build()).lambdaStorageGbSeconds())
                    .isEqualByComparingTo("2.85");
        }

        @Test
        void oneMbAbove512() {
            // 3 · (1/1024) · 1 s = 0.0029296875
            assertThat(calc.usage(w, cfg().durationMs(1000).ephemeralStorageMb(513).build()).lambdaStorageGbSeconds())
                    .isEqualByComparingTo("0.0029296875");
        }
    }

    @Nested
    class Tokens {
        private final WindowTraffic w = Fixtures.smallMessages(JAN, 25, 100, 20); // Σ tokens 500, L = 3 with batch 10

        @Test
        void inputTokensAreMessageTokensPlusOverheadPerInvocation() {
            Usage u = calc.usage(w, cfg().batchSize(10).promptOverhead(200).build());
            assertThat(u.inputTokens()).isEqualByComparingTo("1100"); // 500 + 3 · 200
        }

        @Test
        void noOverheadByDefault() {
            assertThat(calc.usage(w, cfg().batchSize(10).build()).inputTokens()).isEqualByComparingTo("500");
        }

        @Test
        void outputTokensPerInvocation() {
            assertThat(calc.usage(w, cfg().batchSize(10).outputTokens(250).build()).outputTokens())
                    .isEqualByComparingTo("750");
            assertThat(calc.usage(w, cfg().batchSize(10).build()).outputTokens()).isEqualByComparingTo("300"); // default 100
        }
    }

    @Test
    void eventsAreCounted() {
        assertThat(calc.usage(Fixtures.smallMessages(JAN, 42, 10, 1), cfg().build()).events()).isEqualByComparingTo("42");
    }

    @Test
    void batchSizeZeroIsRejectedNotADivisionByZero() {
        assertThatThrownBy(() -> calc.usage(WindowTraffic.empty(JAN), cfg().batchSize(0).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda.batch_size");
    }

    @Nested
    class FromSums {
        @Test
        void usageOfPerWindowSumsEqualsTheSumOfThePerWindowUsages() {
            java.util.Random random = new java.util.Random(42);
            for (PipelineConfig cfg : List.of(
                    cfg().batchSize(7).sendBatchSize(3).memoryMb(512).ephemeralStorageMb(1024).promptOverhead(12)
                            .outputTokens(40).build(),
                    cfg().batchSize(10).durationModel("35.5", "2.25").consumerRequests(false).build(),
                    cfg().build())) {
                Usage expected = Usage.ZERO;
                TrafficSums sums = TrafficSums.ZERO;
                for (int w = 0; w < 50; w++) {
                    TrafficAccumulator acc = new TrafficAccumulator(JAN);
                    int n = random.nextInt(30);
                    for (int e = 0; e < n; e++) acc.add(random.nextInt(90_000), random.nextInt(500));
                    WindowTraffic window = acc.toWindow();
                    expected = expected.plus(calc.usage(window, cfg));
                    long l = Math.ceilDiv(window.events(), (long) cfg.lambda().batchSize());
                    long billed = l == 0 ? 0 : l * UsageCalculator.billedDurationMs(cfg.lambda(), window.bytes(), l).longValueExact();
                    sums = sums.plus(new TrafficSums(window.events(), window.sendRequests(cfg.sqs().sendBatchSize()), l,
                            billed, window.inputTokens()));
                }
                assertThat(calc.usage(sums, cfg)).isEqualTo(expected);
            }
        }

        @Test
        void noTrafficIsZeroUsage() {
            assertThat(calc.usage(TrafficSums.ZERO, cfg().build())).isEqualTo(Usage.ZERO);
        }
    }
}
