package io.mockupaws.pricing;

import static io.mockupaws.pricing.Fixtures.JAN;
import static io.mockupaws.pricing.Fixtures.bd;
import static io.mockupaws.pricing.Fixtures.cfg;
import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.pricing.PipelineConfig.BedrockMode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {

    private final CostCalculator calc = new CostCalculator();
    private final CostEngine engine = new CostEngine();

    private static PriceSheet prices(PipelineConfig cfg) {
        return DefaultPrices.sheet(cfg);
    }

    @Nested
    class AwsLambdaPricingPageExample {
        // 512 MB, 3,000,000 invocations of 1 s in one month, x86_64, free tier on.
        private final PipelineConfig cfg = cfg().memoryMb(512).durationMs(1000).freeTier(true).build();
        private final CostReport report = engine.price(
                List.of(Fixtures.smallMessages(JAN, 3_000_000, 100, 0)), cfg, prices(cfg));
        private final ServiceCost lambda = report.service("lambda");

        @Test
        void usageIs1_5MillionGbSeconds() {
            assertThat(report.usage().lambdaInvocations()).isEqualByComparingTo("3000000");
            assertThat(report.usage().lambdaGbSeconds()).isEqualByComparingTo("1500000");
        }

        @Test
        void computeAndRequestsAsOnThePricingPage() {
            // compute: (1,500,000 − 400,000) · 0.0000166667 = 18.33337; requests: (3M − 1M) · 0.20/1M = 0.40
            BigDecimal compute = lambda.lines().stream().filter(l -> l.dimension().startsWith("compute"))
                    .map(LineItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal requests = lambda.lines().stream().filter(l -> l.dimension().startsWith("requests"))
                    .map(LineItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(compute).isEqualByComparingTo("18.33337");
            assertThat(requests).isEqualByComparingTo("0.40");
        }

        @Test
        void totalIsExactlyAndWithinACentOf18_74() {
            assertThat(lambda.cost()).isEqualByComparingTo("18.73337");
            assertThat(lambda.cost().subtract(bd("18.74")).abs()).isLessThanOrEqualTo(bd("0.01"));
            assertThat(Money.report(lambda.cost())).isEqualTo(bd("18.73"));
        }

        @Test
        void everyLineIsDerivableByHand() {
            assertThat(lambda.lines()).allSatisfy(l -> assertThat(l.amount()).isEqualByComparingTo(
                    l.quantity().multiply(l.unitPrice().pricePerUnit())
                            .divide(l.unitPrice().unitQuantity())));
            // 3M × 0.2/1M = 0.6; −1M × 0.2/1M = −0.2; 1.5M × 0.0000166667 = 25.00005; −400k × … = −6.66668; storage 0
            assertThat(lambda.lines()).extracting(LineItem::dimension).containsExactly(
                    "requests", "requests (free tier)", "compute GB-seconds tier 1",
                    "compute GB-seconds tier 1 (free tier)", "ephemeral storage GB-seconds");
            assertThat(lambda.lines()).extracting(LineItem::amount).usingElementComparator(BigDecimal::compareTo)
                    .containsExactly(bd("0.6"), bd("-0.2"), bd("25.00005"), bd("-6.66668"), bd("0"));
        }
    }

    @Nested
    class Sqs {
        private final Usage threeMillion = Fixtures.usage().sqsSend("1000000").sqsConsumer("2000000").build();

        @Test
        void freeTierOff() {
            PipelineConfig cfg = cfg().build();
            ServiceCost sqs = calc.sqs(threeMillion, cfg, prices(cfg));
            assertThat(sqs.cost()).isEqualByComparingTo("1.2"); // 3M · 0.40/1M
            assertThat(sqs.lines()).noneMatch(l -> l.amount().signum() < 0);
        }

        @Test
        void freeTierOnCreditsTheFirstMillionAsANegativeLine() {
            PipelineConfig cfg = cfg().freeTier(true).build();
            ServiceCost sqs = calc.sqs(threeMillion, cfg, prices(cfg));
            assertThat(sqs.cost()).isEqualByComparingTo("0.8");
            LineItem credit = sqs.lines().stream().filter(l -> l.dimension().contains("free tier")).findFirst().orElseThrow();
            assertThat(credit.quantity()).isEqualByComparingTo("-1000000");
            assertThat(credit.amount()).isEqualByComparingTo("-0.4");
        }

        @Test
        void fifoPrice() {
            PipelineConfig cfg = cfg().queueType(PipelineConfig.QueueType.FIFO).build();
            assertThat(calc.sqs(threeMillion, cfg, prices(cfg)).cost()).isEqualByComparingTo("1.5"); // 3M · 0.50/1M
        }

        @Test
        void underTheFreeTierCostsExactlyZeroNeverNegative() {
            PipelineConfig cfg = cfg().freeTier(true).build();
            Usage small = Fixtures.usage().sqsSend("500000").build();
            assertThat(calc.sqs(small, cfg, prices(cfg)).cost()).isEqualByComparingTo("0");
        }
    }

    @Nested
    class Lambda {
        @Test
        void requestsFreeTierOnAndOff() {
            Usage u = Fixtures.usage().invocations("3000000").build();
            PipelineConfig off = cfg().build();
            PipelineConfig on = cfg().freeTier(true).build();
            assertThat(calc.lambda(u, off, prices(off)).cost()).isEqualByComparingTo("0.6");
            assertThat(calc.lambda(u, on, prices(on)).cost()).isEqualByComparingTo("0.4");
        }

        @Test
        void gbSecondsFreeTierOnAndOff() {
            Usage u = Fixtures.usage().gbSeconds("1000000").build();
            PipelineConfig off = cfg().build();
            PipelineConfig on = cfg().freeTier(true).build();
            assertThat(calc.lambda(u, off, prices(off)).cost()).isEqualByComparingTo("16.6667");
            assertThat(calc.lambda(u, on, prices(on)).cost()).isEqualByComparingTo("10.00002"); // 600k · 0.0000166667
        }

        @Test
        void freeGbSecondsAreTheCheapestFirst_armPricesApplyToTheFreeCredit() {
            PipelineConfig on = cfg().architecture(PipelineConfig.Architecture.ARM64).freeTier(true).build();
            Usage u = Fixtures.usage().gbSeconds("300000").build();
            assertThat(calc.lambda(u, on, prices(on)).cost()).isEqualByComparingTo("0");
        }

        @Test
        void storageIsPricedPerGbSecondWithoutFreeTier() {
            PipelineConfig on = cfg().freeTier(true).build();
            Usage u = Fixtures.usage().storageGbSeconds("1000000").build();
            assertThat(calc.lambda(u, on, prices(on)).cost()).isEqualByComparingTo("0.0309");
        }
    }

    @Nested
    class FreeTierAcrossTiers {
        // requests [0, 500k) at 1.00/1M, [500k, ∞) at 0.50/1M; 1M free
        private final PriceSheet sheet = new PriceSheet("test-region", "test", List.of(
                new PriceTier(BigDecimal.ZERO, bd("500000"), UnitPrice.perMillion("1.00", "requests")),
                new PriceTier(bd("500000"), null, UnitPrice.perMillion("0.50", "requests"))),
                UnitPrice.perMillion("0.20", "requests"), DefaultPrices.LAMBDA_X86_64,
                DefaultPrices.LAMBDA_EPHEMERAL_STORAGE, UnitPrice.perMillion("1", "tokens"),
                UnitPrice.perMillion("1", "tokens"), FreeTier.AWS_DEFAULTS);

        @Test
        void freeUnitsAreTheMonthsFirstUnitsAndComeOutOfTheLowestTiers() {
            // gross: 0.5 + 2.5 · 0.5 = 1.75; credit: first 1M = 0.5 + 0.25 = 0.75; net 1.00 = units [1M, 3M) at 0.50/1M
            Usage u = Fixtures.usage().sqsSend("3000000").build();
            ServiceCost sqs = calc.sqs(u, cfg().freeTier(true).build(), sheet);
            assertThat(sqs.cost()).isEqualByComparingTo("1.00");
            assertThat(sqs.lines()).filteredOn(l -> l.amount().signum() < 0).extracting(LineItem::amount)
                    .usingElementComparator(BigDecimal::compareTo).containsExactly(bd("-0.5"), bd("-0.25"));
        }
    }

    @Nested
    class Bedrock {
        private final Usage u = Fixtures.usage().inputTokens("1000000").outputTokens("1000000").build();

        @Test
        void onDemandTokenPrices() {
            PipelineConfig cfg = cfg().build(); // claude 3 haiku: 0.25 / 1.25 per 1M
            ServiceCost bedrock = calc.bedrock(u, cfg, prices(cfg));
            assertThat(bedrock.cost()).isEqualByComparingTo("1.50");
        }

        @Test
        void batchModeIsHalfPrice() {
            PipelineConfig cfg = cfg().mode(BedrockMode.BATCH).build();
            ServiceCost bedrock = calc.bedrock(u, cfg, prices(cfg));
            assertThat(bedrock.cost()).isEqualByComparingTo("0.75");
            assertThat(bedrock.lines()).allSatisfy(l -> assertThat(l.dimension()).contains("batch"));
            assertThat(bedrock.lines().getFirst().unitPrice().pricePerUnit()).isEqualByComparingTo("0.125");
        }

        @Test
        void freeTierDoesNotApplyToBedrock() {
            PipelineConfig cfg = cfg().freeTier(true).build();
            assertThat(calc.bedrock(u, cfg, prices(cfg)).cost()).isEqualByComparingTo("1.50");
        }

        @Test
        void oddTokenCountsStayExact() {
            PipelineConfig cfg = cfg().model("amazon.nova-micro-v1:0").build(); // 0.035 / 0.14 per 1M
            Usage odd = Fixtures.usage().inputTokens("123457").outputTokens("7").build();
            // 123457 · 0.035/1e6 = 0.004320995; 7 · 0.14/1e6 = 0.00000098
            assertThat(calc.bedrock(odd, cfg, prices(cfg)).cost()).isEqualByComparingTo("0.004321975");
        }
    }

    @Test
    void totalIsTheSumOfTheServices() {
        PipelineConfig cfg = cfg().memoryMb(512).durationMs(1000).build();
        CostReport r = engine.price(List.of(Fixtures.smallMessages(JAN, 1000, 100, 50)), cfg, prices(cfg));
        // sqs: 1000 + 2000 requests · 0.4/1M = 0.0012
        // lambda: 1000 · 0.2/1M = 0.0002; 500 GB-s · 0.0000166667 = 0.00833335
        // bedrock: 50000 · 0.25/1M = 0.0125; 100000 · 1.25/1M = 0.125
        assertThat(r.service("sqs").cost()).isEqualByComparingTo("0.0012");
        assertThat(r.service("lambda").cost()).isEqualByComparingTo("0.00853335");
        assertThat(r.service("bedrock").cost()).isEqualByComparingTo("0.1375");
        assertThat(r.total()).isEqualByComparingTo("0.14723335");
        assertThat(r.priceVersion()).isEqualTo(DefaultPrices.VERSION);
    }
}
