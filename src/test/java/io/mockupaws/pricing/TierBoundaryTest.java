package io.mockupaws.pricing;

import static io.mockupaws.pricing.Fixtures.bd;
import static io.mockupaws.pricing.Fixtures.cfg;
import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.pricing.PipelineConfig.Architecture;
import io.mockupaws.pricing.PipelineConfig.QueueType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exactly at, one unit below and one unit above every tier boundary of the default price book. Exact values. */
class TierBoundaryTest {

    private final CostCalculator calc = new CostCalculator();

    @ParameterizedTest(name = "x86_64 {0} GB-s → {1}")
    @CsvSource({
            // first tier: n · 0.0000166667
            "5999999999,  100000.1999833333",
            "6000000000,  100000.2",
            // 100000.2 + 1 · 0.000015
            "6000000001,  100000.200015",
            // 100000.2 + 9e9 · 0.000015 = 235000.2
            "14999999999, 235000.199985",
            "15000000000, 235000.2",
            // 235000.2 + 1 · 0.0000133334
            "15000000001, 235000.2000133334",
    })
    void lambdaX86Boundaries(String gbSeconds, String expected) {
        assertBoundary(Architecture.X86_64, gbSeconds, expected);
    }

    @ParameterizedTest(name = "arm64 {0} GB-s → {1}")
    @CsvSource({
            // 7.5e9 · 0.0000133334 = 100000.5
            "7499999999,  100000.4999866666",
            "7500000000,  100000.5",
            "7500000001,  100000.5000120001",
            // 100000.5 + 11.25e9 · 0.0000120001 = 100000.5 + 135001.125 = 235001.625
            "18749999999, 235001.6249879999",
            "18750000000, 235001.625",
            "18750000001, 235001.6250106667",
    })
    void lambdaArm64Boundaries(String gbSeconds, String expected) {
        assertBoundary(Architecture.ARM64, gbSeconds, expected);
    }

    @ParameterizedTest(name = "SQS standard {0} requests → {1}")
    @CsvSource({
            // 1e11 · 0.40 / 1e6 = 40000
            "99999999999,  39999.9999996",
            "100000000000, 40000",
            "100000000001, 40000.0000003",
            // 40000 + 1e11 · 0.30 / 1e6 = 70000
            "199999999999, 69999.9999997",
            "200000000000, 70000",
            "200000000001, 70000.00000024",
    })
    void sqsStandardBoundaries(String requests, String expected) {
        assertThat(CostCalculator.tiered(bd(requests), DefaultPrices.sqsTiers(QueueType.STANDARD)))
                .isEqualByComparingTo(expected);
        Usage usage = Fixtures.usage().sqsSend(requests).build();
        var sqs = calc.sqs(usage, cfg().build(), DefaultPrices.sheet(cfg().build()));
        assertThat(sqs.cost()).isEqualByComparingTo(expected);
    }

    @Test
    void fifoIsFlat() {
        assertThat(CostCalculator.tiered(bd("200000000001"), DefaultPrices.sqsTiers(QueueType.FIFO)))
                .isEqualByComparingTo("100000.0000005");
    }

    @Test
    void exactlyAtABoundaryEverythingStaysInTheLowerTier() {
        List<LineItem> lines = CostCalculator.tieredLines("compute GB-seconds", bd("6000000000"),
                DefaultPrices.lambdaDurationTiers(Architecture.X86_64));
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst().quantity()).isEqualByComparingTo("6000000000");
        assertThat(lines.getFirst().tier().endRange()).isEqualByComparingTo("6000000000");
    }

    @Test
    void oneUnitAboveABoundaryPutsExactlyOneUnitInTheNextTier() {
        List<LineItem> lines = CostCalculator.tieredLines("compute GB-seconds", bd("6000000001"),
                DefaultPrices.lambdaDurationTiers(Architecture.X86_64));
        assertThat(lines).extracting(LineItem::quantity)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(bd("6000000000"), bd("1"));
        assertThat(lines).extracting(LineItem::amount)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(bd("100000.2"), bd("0.000015"));
        assertThat(lines).extracting(LineItem::dimension)
                .containsExactly("compute GB-seconds tier 1", "compute GB-seconds tier 2");
    }

    @Test
    void fractionalQuantitiesAcrossABoundary() {
        // 6e9 + 0.5 GB-s: 100000.2 + 0.5 · 0.000015
        assertThat(CostCalculator.tiered(bd("6000000000.5"), DefaultPrices.lambdaDurationTiers(Architecture.X86_64)))
                .isEqualByComparingTo("100000.2000075");
    }

    private void assertBoundary(Architecture arch, String gbSeconds, String expected) {
        assertThat(CostCalculator.tiered(bd(gbSeconds), DefaultPrices.lambdaDurationTiers(arch)))
                .isEqualByComparingTo(expected);
        // and through the Lambda service price (no invocations, no free tier): the compute lines alone
        var cfg = cfg().architecture(arch).build();
        var lambda = calc.lambda(Fixtures.usage().gbSeconds(gbSeconds).build(), cfg, DefaultPrices.sheet(cfg));
        assertThat(lambda.cost()).isEqualByComparingTo(expected);
    }
}
