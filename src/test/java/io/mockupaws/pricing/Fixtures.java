package io.mockupaws.pricing;

import io.mockupaws.pricing.PipelineConfig.Architecture;
import io.mockupaws.pricing.PipelineConfig.BedrockMode;
import io.mockupaws.pricing.PipelineConfig.DurationModel;
import io.mockupaws.pricing.PipelineConfig.QueueType;
import java.math.BigDecimal;
import java.time.Instant;

/** Test helpers: a mutable config builder, a usage builder and synthetic windows. */
final class Fixtures {

    private Fixtures() {}

    static final Instant JAN = Instant.parse("2025-01-15T10:00:00Z");

    static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    static Cfg cfg() {
        return new Cfg();
    }

    /** Builder over PipelineConfig's defaults. */
    static final class Cfg {
        QueueType queueType;
        Integer sendBatchSize;
        Boolean includeConsumerRequests;
        Architecture architecture;
        Integer memoryMb;
        Integer durationMs;
        DurationModel durationModel;
        Integer batchSize;
        Integer ephemeralStorageMb;
        String modelId;
        Integer outputTokens;
        Integer promptOverhead;
        BedrockMode mode;
        Boolean freeTier;

        Cfg queueType(QueueType v) { queueType = v; return this; }
        Cfg sendBatchSize(int v) { sendBatchSize = v; return this; }
        Cfg consumerRequests(boolean v) { includeConsumerRequests = v; return this; }
        Cfg architecture(Architecture v) { architecture = v; return this; }
        Cfg memoryMb(int v) { memoryMb = v; return this; }
        Cfg durationMs(int v) { durationMs = v; return this; }
        Cfg durationModel(String baseMs, String perKbMs) { durationModel = new DurationModel(bd(baseMs), bd(perKbMs)); return this; }
        Cfg batchSize(int v) { batchSize = v; return this; }
        Cfg ephemeralStorageMb(int v) { ephemeralStorageMb = v; return this; }
        Cfg model(String v) { modelId = v; return this; }
        Cfg outputTokens(int v) { outputTokens = v; return this; }
        Cfg promptOverhead(int v) { promptOverhead = v; return this; }
        Cfg mode(BedrockMode v) { mode = v; return this; }
        Cfg freeTier(boolean v) { freeTier = v; return this; }

        PipelineConfig build() {
            return new PipelineConfig(
                    new PipelineConfig.Sqs(queueType, sendBatchSize, includeConsumerRequests),
                    new PipelineConfig.Lambda(architecture, memoryMb, durationMs, durationModel, batchSize, ephemeralStorageMb),
                    new PipelineConfig.Bedrock(modelId, outputTokens, promptOverhead, mode),
                    freeTier);
        }
    }

    /**
     * A window of {@code n} small messages (each ≤ 6,553 bytes, so that any group of up to 10 fits one 64 KiB
     * chunk): send requests for batch size b are ceil(n / b).
     */
    static WindowTraffic smallMessages(Instant start, long n, long sizeEach, long tokensEach) {
        if (sizeEach * 10 > TrafficAccumulator.SQS_CHUNK_BYTES) throw new IllegalArgumentException("messages too big");
        long[] send = new long[10];
        for (int b = 1; b <= 10; b++) send[b - 1] = Math.ceilDiv(n, b);
        return new WindowTraffic(start, n, n * sizeEach, n, send, n * tokensEach);
    }

    static UsageBuilder usage() {
        return new UsageBuilder();
    }

    static final class UsageBuilder {
        BigDecimal events = BigDecimal.ZERO, send = BigDecimal.ZERO, consumer = BigDecimal.ZERO,
                invocations = BigDecimal.ZERO, billedMs = BigDecimal.ZERO, gbSeconds = BigDecimal.ZERO,
                storage = BigDecimal.ZERO, input = BigDecimal.ZERO, output = BigDecimal.ZERO;

        UsageBuilder events(String v) { events = bd(v); return this; }
        UsageBuilder sqsSend(String v) { send = bd(v); return this; }
        UsageBuilder sqsConsumer(String v) { consumer = bd(v); return this; }
        UsageBuilder invocations(String v) { invocations = bd(v); return this; }
        UsageBuilder billedMs(String v) { billedMs = bd(v); return this; }
        UsageBuilder gbSeconds(String v) { gbSeconds = bd(v); return this; }
        UsageBuilder storageGbSeconds(String v) { storage = bd(v); return this; }
        UsageBuilder inputTokens(String v) { input = bd(v); return this; }
        UsageBuilder outputTokens(String v) { output = bd(v); return this; }

        Usage build() {
            return new Usage(events, send, consumer, send.add(consumer), invocations, billedMs, gbSeconds, storage,
                    input, output);
        }
    }
}
