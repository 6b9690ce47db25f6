package io.mockupaws.pricing;

import static io.mockupaws.pricing.Fixtures.bd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockupaws.pricing.PipelineConfig.Architecture;
import io.mockupaws.pricing.PipelineConfig.QueueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultPricesTest {

    @ParameterizedTest(name = "{0}: {1} / {2} per 1M")
    @CsvSource({
            "anthropic.claude-3-haiku-20240307-v1:0,    0.25,  1.25",
            "anthropic.claude-3-5-haiku-20241022-v1:0,  0.80,  4.00",
            "anthropic.claude-3-5-sonnet-20240620-v1:0, 3.00,  15.00",
            "anthropic.claude-3-5-sonnet-20241022-v2:0, 3.00,  15.00",
            "amazon.nova-micro-v1:0,                    0.035, 0.14",
            "amazon.nova-lite-v1:0,                     0.06,  0.24",
            "amazon.nova-pro-v1:0,                      0.80,  3.20",
            "meta.llama3-8b-instruct-v1:0,              0.30,  0.60",
            "meta.llama3-70b-instruct-v1:0,             2.65,  3.50",
    })
    void everyModelOfTheBook(String model, String input, String output) {
        PriceSheet sheet = DefaultPrices.sheet(QueueType.STANDARD, Architecture.X86_64, model);
        assertThat(sheet.bedrockInputTokens().costOf(bd("1000000"))).isEqualByComparingTo(input);
        assertThat(sheet.bedrockOutputTokens().costOf(bd("1000000"))).isEqualByComparingTo(output);
        assertThat(sheet.bedrockInputTokens().unitQuantity()).isEqualByComparingTo("1000000");
        assertThat(sheet.bedrockInputTokens().unit()).isEqualTo("tokens");
    }

    @Test
    void theBookHasExactlyTheNineModels() {
        assertThat(DefaultPrices.modelIds()).hasSize(9).contains(PipelineConfig.DEFAULT_MODEL_ID);
    }

    @Test
    void unknownModelIsNamed() {
        assertThatThrownBy(() -> DefaultPrices.sheet(QueueType.STANDARD, Architecture.X86_64, "openai.gpt-9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'openai.gpt-9'")
                .hasMessageContaining("us-east-1");
    }

    @Test
    void defaultConfigResolvesToStandardX86Haiku() {
        PriceSheet sheet = DefaultPrices.sheet(PipelineConfig.defaults());
        assertThat(sheet.region()).isEqualTo("us-east-1");
        assertThat(sheet.sqsRequestTiers()).isEqualTo(DefaultPrices.SQS_STANDARD);
        assertThat(sheet.lambdaDurationTiers()).isEqualTo(DefaultPrices.LAMBDA_X86_64);
        assertThat(sheet.freeTier()).isEqualTo(FreeTier.AWS_DEFAULTS);
    }

    @Test
    void flatPrices() {
        PriceSheet sheet = DefaultPrices.sheet(QueueType.FIFO, Architecture.ARM64, PipelineConfig.DEFAULT_MODEL_ID);
        assertThat(sheet.sqsRequestTiers()).singleElement()
                .satisfies(t -> assertThat(t.price().costOf(bd("1000000"))).isEqualByComparingTo("0.50"));
        assertThat(sheet.lambdaRequest().costOf(bd("1000000"))).isEqualByComparingTo("0.20");
        assertThat(sheet.lambdaEphemeralStorage().costOf(bd("1"))).isEqualByComparingTo("0.0000000309");
        assertThat(sheet.lambdaDurationTiers()).isEqualTo(DefaultPrices.LAMBDA_ARM64);
    }

    @Test
    void freeTierDefaults() {
        assertThat(FreeTier.AWS_DEFAULTS.sqsRequests()).isEqualByComparingTo("1000000");
        assertThat(FreeTier.AWS_DEFAULTS.lambdaRequests()).isEqualByComparingTo("1000000");
        assertThat(FreeTier.AWS_DEFAULTS.lambdaGbSeconds()).isEqualByComparingTo("400000");
    }

    @Test
    void everyEntryHasASource() {
        // sqs 3 + 1, lambda requests 2 (per architecture), x86 3, arm 3, storage 2, 9 models × 2
        assertThat(DefaultPrices.entries()).hasSize(4 + 2 + 3 + 3 + 2 + 18)
                .allSatisfy(e -> assertThat(e.source()).startsWith("https://aws.amazon.com/"));
    }
}
