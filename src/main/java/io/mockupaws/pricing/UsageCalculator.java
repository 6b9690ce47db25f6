package io.mockupaws.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The "Usage formulas" of COST-MODEL.md, applied to one aggregation window.
 *
 * <pre>
 * L                = ceil(N / lambda.batch_size)                       (0 events → 0 invocations)
 * send_requests    = sendRequestsByBatchSize[sqs.send_batch_size − 1]   (precomputed at ingest)
 * consumer         = include_consumer_requests ? 2·L : 0
 * billed_ms        = ceil(duration_ms) per invocation, where duration_ms is lambda.duration_ms, or, with
 *                    lambda.duration_model, base_ms + per_kb_ms · (window bytes / L) / 1024
 * gb_seconds       = L · (memory_mb / 1024) · billed_ms / 1000
 * storage_gb_s     = L · (max(0, ephemeral_mb − 512) / 1024) · billed_ms / 1000
 * input_tokens     = Σ tokens_i + L · prompt_overhead_tokens
 * output_tokens    = L · output_tokens_per_invocation
 * </pre>
 *
 * <p>Approximations (documented, by design): invocations are {@code ceil(N_window / b)} per window, so batching
 * across window edges is not modelled (a window's last, partial batch is its own invocation); with a duration
 * model every invocation of a window is given the window's <em>average</em> batch payload (window bytes / L),
 * because per-invocation payload composition is not kept at ingest.
 *
 * <p>All arithmetic is exact: /1024 and /1000 terminate, and the ceiling of the modelled duration is computed
 * exactly as {@code ceil((base·L·1024 + per_kb·bytes) / (L·1024))} without any intermediate rounding.
 */
public final class UsageCalculator {

    private static final BigDecimal KIB = BigDecimal.valueOf(1024);
    private static final BigDecimal MS_PER_S = BigDecimal.valueOf(1000);
    private static final BigDecimal FREE_EPHEMERAL_MB = BigDecimal.valueOf(512);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    public Usage usage(WindowTraffic w, PipelineConfig cfg) {
        Objects.requireNonNull(w, "window traffic");
        Objects.requireNonNull(cfg, "pipeline config");
        PipelineConfig.Sqs sqs = cfg.sqs();
        PipelineConfig.Lambda lambda = cfg.lambda();
        PipelineConfig.Bedrock bedrock = cfg.bedrock();
        validate(sqs, lambda, bedrock);

        long invocations = Math.ceilDiv(w.events(), (long) lambda.batchSize());
        BigDecimal l = BigDecimal.valueOf(invocations);

        BigDecimal send = BigDecimal.valueOf(w.sendRequests(sqs.sendBatchSize()));
        BigDecimal consumer = sqs.includeConsumerRequests() ? TWO.multiply(l) : BigDecimal.ZERO;

        BigDecimal billedMsPerInvocation = invocations == 0
                ? BigDecimal.ZERO
                : billedDurationMs(lambda, w.bytes(), invocations);
        BigDecimal billedMs = l.multiply(billedMsPerInvocation);
        BigDecimal seconds = billedMs.divide(MS_PER_S); // terminates: /10^3

        BigDecimal memoryGb = BigDecimal.valueOf(lambda.memoryMb()).divide(KIB); // terminates: /2^10
        BigDecimal extraStorageGb = BigDecimal.valueOf(lambda.ephemeralStorageMb()).subtract(FREE_EPHEMERAL_MB)
                .max(BigDecimal.ZERO).divide(KIB);

        BigDecimal inputTokens = BigDecimal.valueOf(w.inputTokens())
                .add(l.multiply(BigDecimal.valueOf(bedrock.promptOverheadTokens())));
        BigDecimal outputTokens = l.multiply(BigDecimal.valueOf(bedrock.outputTokensPerInvocation()));

        return new Usage(
                BigDecimal.valueOf(w.events()),
                send,
                consumer,
                send.add(consumer),
                l,
                billedMs,
                memoryGb.multiply(seconds),
                extraStorageGb.multiply(seconds),
                inputTokens,
                outputTokens);
    }

    /**
     * The usage of a period from its per-window sums: equal to Σ {@link #usage(WindowTraffic, PipelineConfig)} over
     * the windows the sums were taken from, because every formula is linear in L, billed ms and tokens once the
     * per-window ceilings are inside the sums.
     */
    public Usage usage(TrafficSums sums, PipelineConfig cfg) {
        Objects.requireNonNull(sums, "traffic sums");
        Objects.requireNonNull(cfg, "pipeline config");
        validate(cfg.sqs(), cfg.lambda(), cfg.bedrock());
        BigDecimal l = BigDecimal.valueOf(sums.invocations());
        BigDecimal send = BigDecimal.valueOf(sums.sendRequests());
        BigDecimal consumer = cfg.sqs().includeConsumerRequests() ? TWO.multiply(l) : BigDecimal.ZERO;
        BigDecimal billedMs = BigDecimal.valueOf(sums.billedMs());
        BigDecimal seconds = billedMs.divide(MS_PER_S);
        BigDecimal memoryGb = BigDecimal.valueOf(cfg.lambda().memoryMb()).divide(KIB);
        BigDecimal extraStorageGb = BigDecimal.valueOf(cfg.lambda().ephemeralStorageMb()).subtract(FREE_EPHEMERAL_MB)
                .max(BigDecimal.ZERO).divide(KIB);
        return new Usage(
                BigDecimal.valueOf(sums.events()),
                send,
                consumer,
                send.add(consumer),
                l,
                billedMs,
                memoryGb.multiply(seconds),
                extraStorageGb.multiply(seconds),
                BigDecimal.valueOf(sums.inputTokens()).add(l.multiply(BigDecimal.valueOf(cfg.bedrock().promptOverheadTokens()))),
                l.multiply(BigDecimal.valueOf(cfg.bedrock().outputTokensPerInvocation())));
    }

    /**
     * Billed ms of one invocation: the fixed {@code duration_ms} (ceil, though it is an integer already), or with a
     * duration model {@code ceil(base_ms + per_kb_ms · (bytes / invocations) / 1024)}, computed exactly.
     */
    public static BigDecimal billedDurationMs(PipelineConfig.Lambda lambda, long windowBytes, long invocations) {
        PipelineConfig.DurationModel model = lambda.durationModel();
        if (model == null) {
            return BigDecimal.valueOf(lambda.durationMs()).setScale(0, RoundingMode.CEILING);
        }
        // duration = base + perKb · bytes / (L · 1024) = (base · L · 1024 + perKb · bytes) / (L · 1024)
        BigDecimal denominator = BigDecimal.valueOf(invocations).multiply(KIB);
        BigDecimal numerator = model.baseMs().multiply(denominator)
                .add(model.perKbMs().multiply(BigDecimal.valueOf(windowBytes)));
        // divide(…, 0, CEILING) rounds the exact quotient, so this is the exact ceiling.
        return numerator.divide(denominator, 0, RoundingMode.CEILING);
    }

    private static void validate(PipelineConfig.Sqs sqs, PipelineConfig.Lambda lambda, PipelineConfig.Bedrock bedrock) {
        int sendBatch = sqs.sendBatchSize();
        if (sendBatch < 1 || sendBatch > WindowTraffic.MAX_SEND_BATCH_SIZE) {
            throw new IllegalArgumentException("sqs.send_batch_size must be 1..10, was " + sendBatch);
        }
        if (lambda.batchSize() < 1) {
            throw new IllegalArgumentException("lambda.batch_size must be >= 1, was " + lambda.batchSize());
        }
        if (lambda.memoryMb() < 1) {
            throw new IllegalArgumentException("lambda.memory_mb must be >= 1, was " + lambda.memoryMb());
        }
        if (lambda.durationModel() == null && lambda.durationMs() < 0) {
            throw new IllegalArgumentException("lambda.duration_ms must be >= 0, was " + lambda.durationMs());
        }
        if (lambda.durationModel() != null) {
            Money.requireNonNegative(lambda.durationModel().baseMs(), "lambda.duration_model.base_ms");
            Money.requireNonNegative(lambda.durationModel().perKbMs(), "lambda.duration_model.per_kb_ms");
        }
        if (bedrock.promptOverheadTokens() < 0) {
            throw new IllegalArgumentException("bedrock.prompt_overhead_tokens must be >= 0, was "
                    + bedrock.promptOverheadTokens());
        }
        if (bedrock.outputTokensPerInvocation() < 0) {
            throw new IllegalArgumentException("bedrock.output_tokens_per_invocation must be >= 0, was "
                    + bedrock.outputTokensPerInvocation());
        }
    }
}
