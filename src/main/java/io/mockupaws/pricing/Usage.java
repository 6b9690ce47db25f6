package io.mockupaws.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Billable quantities of the pipeline, exact (no rounding), additive across windows of the same calendar month.
 *
 * <p>Quantities are {@link BigDecimal} rather than {@code long} because GB-seconds are fractional and because a
 * projection ({@link #scaled}) multiplies every quantity by a rate factor: a projected month may well contain
 * 1,234.5 invocations. Projections scale usage and then price it, never a cost.
 *
 * @param events                 N, log events
 * @param sqsSendRequests        SendMessage(Batch) requests, 64 KiB chunks counted
 * @param sqsConsumerRequests    ReceiveMessage + DeleteMessageBatch of the Lambda poller (2 per invocation), or 0
 * @param sqsRequests            billable SQS requests = send + consumer
 * @param lambdaInvocations      L
 * @param lambdaBilledDurationMs Σ over invocations of the billed (ceil) duration in ms
 * @param lambdaGbSeconds        compute GB-seconds
 * @param lambdaStorageGbSeconds GB-seconds of ephemeral storage above the free 512 MB
 * @param inputTokens            Bedrock input tokens, prompt overhead included
 * @param outputTokens           Bedrock output tokens
 */
public record Usage(
        BigDecimal events,
        BigDecimal sqsSendRequests,
        BigDecimal sqsConsumerRequests,
        BigDecimal sqsRequests,
        BigDecimal lambdaInvocations,
        BigDecimal lambdaBilledDurationMs,
        BigDecimal lambdaGbSeconds,
        BigDecimal lambdaStorageGbSeconds,
        BigDecimal inputTokens,
        BigDecimal outputTokens) {

    public static final Usage ZERO = new Usage(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public Usage {
        Money.requireNonNegative(events, "events");
        Money.requireNonNegative(sqsSendRequests, "sqsSendRequests");
        Money.requireNonNegative(sqsConsumerRequests, "sqsConsumerRequests");
        Money.requireNonNegative(sqsRequests, "sqsRequests");
        Money.requireNonNegative(lambdaInvocations, "lambdaInvocations");
        Money.requireNonNegative(lambdaBilledDurationMs, "lambdaBilledDurationMs");
        Money.requireNonNegative(lambdaGbSeconds, "lambdaGbSeconds");
        Money.requireNonNegative(lambdaStorageGbSeconds, "lambdaStorageGbSeconds");
        Money.requireNonNegative(inputTokens, "inputTokens");
        Money.requireNonNegative(outputTokens, "outputTokens");
        if (sqsRequests.compareTo(sqsSendRequests.add(sqsConsumerRequests)) != 0) {
            throw new IllegalArgumentException("sqsRequests (" + sqsRequests.toPlainString()
                    + ") must equal sqsSendRequests + sqsConsumerRequests ("
                    + sqsSendRequests.add(sqsConsumerRequests).toPlainString() + ")");
        }
    }

    /** Field-wise sum (exact). Only meaningful for usage of the same calendar month when the sum is priced. */
    public Usage plus(Usage o) {
        Objects.requireNonNull(o, "other usage");
        return new Usage(
                events.add(o.events),
                sqsSendRequests.add(o.sqsSendRequests),
                sqsConsumerRequests.add(o.sqsConsumerRequests),
                sqsRequests.add(o.sqsRequests),
                lambdaInvocations.add(o.lambdaInvocations),
                lambdaBilledDurationMs.add(o.lambdaBilledDurationMs),
                lambdaGbSeconds.add(o.lambdaGbSeconds),
                lambdaStorageGbSeconds.add(o.lambdaStorageGbSeconds),
                inputTokens.add(o.inputTokens),
                outputTokens.add(o.outputTokens));
    }

    /** Every quantity × {@code factor} (exact), e.g. to project observed usage to a month before pricing it. */
    public Usage scaled(BigDecimal factor) {
        Money.requireNonNegative(factor, "factor");
        return new Usage(
                events.multiply(factor),
                sqsSendRequests.multiply(factor),
                sqsConsumerRequests.multiply(factor),
                sqsRequests.multiply(factor),
                lambdaInvocations.multiply(factor),
                lambdaBilledDurationMs.multiply(factor),
                lambdaGbSeconds.multiply(factor),
                lambdaStorageGbSeconds.multiply(factor),
                inputTokens.multiply(factor),
                outputTokens.multiply(factor));
    }

    /**
     * Every quantity × numerator / denominator: the multiplication is exact and the division is exact when it
     * terminates, otherwise correct to 34 significant digits (a rate such as 730 h / 7 h has no finite decimal
     * expansion; multiplying first keeps the single unavoidable rounding last).
     */
    public Usage scaled(BigDecimal numerator, BigDecimal denominator) {
        Money.requireNonNegative(numerator, "numerator");
        Money.requireNonNegative(denominator, "denominator");
        if (denominator.signum() == 0) throw new IllegalArgumentException("denominator must be > 0");
        BigDecimal sqsSend = Money.divide(sqsSendRequests.multiply(numerator), denominator);
        BigDecimal sqsConsumer = Money.divide(sqsConsumerRequests.multiply(numerator), denominator);
        return new Usage(
                Money.divide(events.multiply(numerator), denominator),
                sqsSend,
                sqsConsumer,
                // derived, so that the send + consumer invariant holds even when the divisions were rounded
                sqsSend.add(sqsConsumer),
                Money.divide(lambdaInvocations.multiply(numerator), denominator),
                Money.divide(lambdaBilledDurationMs.multiply(numerator), denominator),
                Money.divide(lambdaGbSeconds.multiply(numerator), denominator),
                Money.divide(lambdaStorageGbSeconds.multiply(numerator), denominator),
                Money.divide(inputTokens.multiply(numerator), denominator),
                Money.divide(outputTokens.multiply(numerator), denominator));
    }

    /** Numeric (scale-insensitive) equality of the amounts: 0.40 equals 0.4, as for the prices they are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Usage o
                && Money.same(events, o.events)
                && Money.same(sqsSendRequests, o.sqsSendRequests)
                && Money.same(sqsConsumerRequests, o.sqsConsumerRequests)
                && Money.same(sqsRequests, o.sqsRequests)
                && Money.same(lambdaInvocations, o.lambdaInvocations)
                && Money.same(lambdaBilledDurationMs, o.lambdaBilledDurationMs)
                && Money.same(lambdaGbSeconds, o.lambdaGbSeconds)
                && Money.same(lambdaStorageGbSeconds, o.lambdaStorageGbSeconds)
                && Money.same(inputTokens, o.inputTokens)
                && Money.same(outputTokens, o.outputTokens);
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + Money.hash(events);
        h = 31 * h + Money.hash(sqsSendRequests);
        h = 31 * h + Money.hash(sqsConsumerRequests);
        h = 31 * h + Money.hash(sqsRequests);
        h = 31 * h + Money.hash(lambdaInvocations);
        h = 31 * h + Money.hash(lambdaBilledDurationMs);
        h = 31 * h + Money.hash(lambdaGbSeconds);
        h = 31 * h + Money.hash(lambdaStorageGbSeconds);
        h = 31 * h + Money.hash(inputTokens);
        h = 31 * h + Money.hash(outputTokens);
        return h;
    }
}
