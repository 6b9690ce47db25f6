package io.mockupaws.pricing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * The simulated pipeline of a scenario (SQS → Lambda → Bedrock), exactly the keys of COST-MODEL.md.
 *
 * <p>Every level fills its own defaults in the compact constructor, so a config read from JSON with keys left out
 * is already the normalized config the cost engine prices: there is no separate "defaults" step to forget. The
 * region is not part of it: it is a column of the scenario, because list filters and indexes need it.
 *
 * <p>It lives in the pricing module because it is what the cost engine prices: a scenario stores one, so the
 * dependency runs scenario → pricing and never back.
 */
public record PipelineConfig(@Valid Sqs sqs, @Valid Lambda lambda, @Valid Bedrock bedrock, Boolean freeTier,
                             @Valid PriceOverrides priceOverrides) {

    public static final String DEFAULT_MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0";

    public PipelineConfig {
        if (sqs == null) sqs = new Sqs(null, null, null);
        if (lambda == null) lambda = new Lambda(null, null, null, null, null, null);
        if (bedrock == null) bedrock = new Bedrock(null, null, null, null);
        if (freeTier == null) freeTier = false;
        if (priceOverrides == null) priceOverrides = PriceOverrides.NONE;
    }

    /** A config at list prices (no overrides). */
    public PipelineConfig(Sqs sqs, Lambda lambda, Bedrock bedrock, Boolean freeTier) {
        this(sqs, lambda, bedrock, freeTier, null);
    }

    public static PipelineConfig defaults() {
        return new PipelineConfig(null, null, null, null, null);
    }

    public record Sqs(
            QueueType queueType,
            @Min(1) @Max(10) Integer sendBatchSize,
            Boolean includeConsumerRequests) {
        public Sqs {
            if (queueType == null) queueType = QueueType.STANDARD;
            if (sendBatchSize == null) sendBatchSize = 1;
            if (includeConsumerRequests == null) includeConsumerRequests = true;
        }
    }

    /**
     * Billed duration is either fixed ({@code duration_ms}) or, when {@code duration_model} is given, derived from
     * each invocation's payload; the model wins when both are present.
     */
    public record Lambda(
            Architecture architecture,
            @Min(128) @Max(10240) Integer memoryMb,
            @Min(1) @Max(900_000) Integer durationMs,
            @Valid DurationModel durationModel,
            @Min(1) @Max(10_000) Integer batchSize,
            @Min(512) @Max(10240) Integer ephemeralStorageMb) {
        public Lambda {
            if (architecture == null) architecture = Architecture.X86_64;
            if (memoryMb == null) memoryMb = 128;
            if (durationMs == null) durationMs = 100;
            if (batchSize == null) batchSize = 1;
            if (ephemeralStorageMb == null) ephemeralStorageMb = 512;
        }
    }

    public record DurationModel(
            @DecimalMin("0") BigDecimal baseMs,
            @DecimalMin("0") BigDecimal perKbMs) {
        public DurationModel {
            if (baseMs == null) baseMs = BigDecimal.ZERO;
            if (perKbMs == null) perKbMs = BigDecimal.ZERO;
        }
    }

    public record Bedrock(
            @Size(min = 1, max = 200) @Pattern(regexp = "[A-Za-z0-9._:/-]+") String modelId,
            @Min(0) @Max(1_000_000) Integer outputTokensPerInvocation,
            @Min(0) @Max(1_000_000) Integer promptOverheadTokens,
            BedrockMode mode) {
        public Bedrock {
            if (modelId == null) modelId = DEFAULT_MODEL_ID;
            if (outputTokensPerInvocation == null) outputTokensPerInvocation = 100;
            if (promptOverheadTokens == null) promptOverheadTokens = 0;
            if (mode == null) mode = BedrockMode.ON_DEMAND;
        }
    }

    public enum QueueType {
        STANDARD("standard"), FIFO("fifo");
        private final String wire;
        QueueType(String wire) { this.wire = wire; }
        @JsonValue public String wire() { return wire; }
        @JsonCreator public static QueueType of(String s) { return Wire.parse(values(), s, QueueType::wire); }
    }

    public enum Architecture {
        X86_64("x86_64"), ARM64("arm64");
        private final String wire;
        Architecture(String wire) { this.wire = wire; }
        @JsonValue public String wire() { return wire; }
        @JsonCreator public static Architecture of(String s) { return Wire.parse(values(), s, Architecture::wire); }
    }

    public enum BedrockMode {
        ON_DEMAND("on_demand"), BATCH("batch");
        private final String wire;
        BedrockMode(String wire) { this.wire = wire; }
        @JsonValue public String wire() { return wire; }
        @JsonCreator public static BedrockMode of(String s) { return Wire.parse(values(), s, BedrockMode::wire); }
    }

    /** Enum wire names are exact; an unknown one is a client error naming the accepted values. */
    static final class Wire {
        private Wire() {}
        static <E> E parse(E[] values, String s, java.util.function.Function<E, String> wire) {
            for (E e : values) if (wire.apply(e).equals(s)) return e;
            var accepted = java.util.Arrays.stream(values).map(wire).toList();
            throw new IllegalArgumentException("'" + s + "' is not one of " + accepted);
        }
    }
}
