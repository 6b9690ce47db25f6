package io.mockupaws.pricing;

import static io.mockupaws.pricing.Fixtures.JAN;
import static io.mockupaws.pricing.Fixtures.bd;
import static io.mockupaws.pricing.Fixtures.cfg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CostEngineTest {

    private final CostEngine engine = new CostEngine();

    @Nested
    class MonthlyGrouping {
        // 10 GB × 400 s = 4000 GB-s per invocation; 1M invocations = 4e9 GB-s and 1M requests per window
        private final PipelineConfig cfg = cfg().memoryMb(10240).durationMs(400_000).outputTokens(0)
                .freeTier(true).build();
        private final PriceSheet prices = DefaultPrices.sheet(cfg);
        // 23:30 UTC on Jan 31 is already February in UTC+1: the month is taken in UTC
        private final WindowTraffic jan = Fixtures.smallMessages(Instant.parse("2025-01-31T23:30:00Z"), 1_000_000, 100, 0);
        private final WindowTraffic feb = Fixtures.smallMessages(Instant.parse("2025-02-01T00:00:00Z"), 1_000_000, 100, 0);

        @Test
        void eachMonthIsPricedOnItsOwn() {
            // per month: sqs 3M req: 1.2 − 0.4 = 0.8; lambda requests 1M: 0.2 − 0.2 = 0;
            // compute 4e9 GB-s (tier 1 only): 66666.8 − 400,000 · 0.0000166667 (6.66668) = 66660.13332
            // month = 66660.93332; two months = 133321.86664
            CostReport r = engine.price(List.of(jan, feb), cfg, prices);
            assertThat(r.service("sqs").cost()).isEqualByComparingTo("1.6");
            assertThat(r.service("lambda").cost()).isEqualByComparingTo("133320.26664");
            assertThat(r.total()).isEqualByComparingTo("133321.86664");
            // free tier granted twice: one compute credit line per month
            assertThat(r.service("lambda").lines()).filteredOn(l -> l.dimension().startsWith("compute")
                            && l.dimension().endsWith("(free tier)"))
                    .extracting(LineItem::month).containsExactly(YearMonth.of(2025, 1), YearMonth.of(2025, 2));
            // the usage is the sum of both months
            assertThat(r.usage().lambdaGbSeconds()).isEqualByComparingTo("8000000000");
        }

        @Test
        void theSameUsageInOneMonthCrossesTheTierAndGetsTheFreeTierOnce() {
            // sqs 6M: 2.4 − 0.4 = 2.0; lambda requests 2M: 0.4 − 0.2 = 0.2;
            // compute 8e9: 100000.2 + 2e9 · 0.000015 (30000) − 6.66668 = 129993.53332; total 129995.73332
            WindowTraffic jan2 = Fixtures.smallMessages(Instant.parse("2025-01-31T22:30:00Z"), 1_000_000, 100, 0);
            CostReport r = engine.price(List.of(jan, jan2), cfg, prices);
            assertThat(r.total()).isEqualByComparingTo("129995.73332");
            assertThat(engine.priceMonth(r.usage(), cfg, prices).total()).isEqualByComparingTo("129995.73332");
        }

        @Test
        void windowsAreGroupedByUtcMonthOfTheirStart() {
            var months = engine.usageByMonth(List.of(feb, jan, jan), cfg);
            assertThat(months.keySet()).containsExactly(YearMonth.of(2025, 1), YearMonth.of(2025, 2));
            assertThat(months.get(YearMonth.of(2025, 1)).lambdaInvocations()).isEqualByComparingTo("2000000");
        }
    }

    @Nested
    class Projection {
        private final PipelineConfig cfg = cfg().build();
        private final PriceSheet prices = DefaultPrices.sheet(cfg);
        private final Usage observed = Fixtures.usage().gbSeconds("4000000000").build();

        @Test
        void projectingUsageThenPricingDiffersFromScalingTheCostWhenATierIsCrossed() {
            // 4e9 GB-s → 66666.8 ; ×2 usage = 8e9 → 100000.2 + 30000 = 130000.2 ; ×2 cost = 133333.6
            BigDecimal costOfProjectedUsage = engine.priceMonth(observed.scaled(bd("2")), cfg, prices).total();
            BigDecimal projectedCost = engine.priceMonth(observed, cfg, prices).total().multiply(bd("2"));
            assertThat(costOfProjectedUsage).isEqualByComparingTo("130000.2");
            assertThat(projectedCost).isEqualByComparingTo("133333.6");
            assertThat(costOfProjectedUsage).isNotEqualByComparingTo(projectedCost);
        }

        @Test
        void projectMonthScalesTheObservedRateTo730Hours() {
            // observed over 365 h → × 2
            CostReport r = engine.projectMonth(observed, Duration.ofHours(365), cfg, prices);
            assertThat(r.usage().lambdaGbSeconds()).isEqualByComparingTo("8000000000");
            assertThat(r.total()).isEqualByComparingTo("130000.2");
        }

        @Test
        void freeTierIsAppliedToTheProjectedMonthNotToTheSample() {
            // 100k requests in 1 h → 73M requests per month; free 1M → 72M · 0.4/1M = 28.8
            PipelineConfig on = cfg().freeTier(true).build();
            Usage hour = Fixtures.usage().sqsSend("100000").build();
            assertThat(engine.projectMonth(hour, Duration.ofHours(1), on, prices).total()).isEqualByComparingTo("28.8");
        }

        @Test
        void nonTerminatingRateIsComputedTo34Digits() {
            // 1 event over 7 h → 730/7 = 104.285714… per month
            Usage one = Fixtures.usage().events("1").build();
            BigDecimal projected = CostEngine.projectToMonth(one, Duration.ofHours(7)).events();
            assertThat(projected.precision()).isEqualTo(34);
            assertThat(projected.multiply(bd("7")).subtract(bd("730")).abs()).isLessThan(bd("1E-30"));
        }

        @Test
        void zeroSpanIsRejected() {
            assertThatThrownBy(() -> CostEngine.projectToMonth(observed, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class ZeroTraffic {
        @Test
        void noWindowsIsAllZeroWithoutException() {
            for (boolean freeTier : new boolean[] {false, true}) {
                PipelineConfig cfg = cfg().freeTier(freeTier).build();
                CostReport r = engine.price(List.of(), cfg, DefaultPrices.sheet(cfg));
                assertAllZero(r);
            }
        }

        @Test
        void emptyWindowsAreAllZero() {
            PipelineConfig cfg = cfg().freeTier(true).promptOverhead(1000).ephemeralStorageMb(10240).build();
            CostReport r = engine.price(List.of(WindowTraffic.empty(JAN), WindowTraffic.empty(JAN.plusSeconds(60))),
                    cfg, DefaultPrices.sheet(cfg));
            assertAllZero(r);
        }

        private void assertAllZero(CostReport r) {
            assertThat(r.usage()).isEqualTo(Usage.ZERO);
            assertThat(r.total()).isEqualByComparingTo("0");
            assertThat(r.services()).extracting(ServiceCost::service).containsExactly("sqs", "lambda", "bedrock");
            assertThat(r.services()).allSatisfy(s -> {
                assertThat(s.cost()).isEqualByComparingTo("0");
                assertThat(r.percentage(s)).isEqualByComparingTo("0");
                assertThat(s.lines()).allSatisfy(l -> assertThat(l.amount()).isEqualByComparingTo("0"));
            });
        }
    }

    @Test
    void percentagesAreCostOverTotalAndSumTo100() {
        PipelineConfig cfg = cfg().memoryMb(512).durationMs(1000).build();
        CostReport r = engine.price(List.of(Fixtures.smallMessages(JAN, 1000, 100, 50)), cfg, DefaultPrices.sheet(cfg));
        // bedrock 0.1375 of 0.14723335
        assertThat(r.percentage("bedrock")).isEqualByComparingTo(
                bd("13.75").divide(bd("0.14723335"), java.math.MathContext.DECIMAL128));
        BigDecimal sum = r.services().stream().map(r::percentage).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum.subtract(bd("100")).abs()).isLessThan(bd("1E-30"));
    }

    @Test
    void reportLinesOfSeveralMonthsStillAddUpToTheServiceCost() {
        PipelineConfig cfg = cfg().freeTier(true).build();
        CostReport r = engine.price(List.of(
                Fixtures.smallMessages(Instant.parse("2025-03-31T23:59:00Z"), 2_000_000, 100, 10),
                Fixtures.smallMessages(Instant.parse("2025-04-01T00:00:00Z"), 3_000_000, 100, 10)),
                cfg, DefaultPrices.sheet(cfg));
        assertThat(r.services()).allSatisfy(s -> assertThat(s.lines().stream().map(LineItem::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(s.cost()));
        assertThat(r.services()).allSatisfy(s -> assertThat(s.lines()).allSatisfy(l -> assertThat(l.month()).isNotNull()));
    }
}
