package io.mockupaws.pricing;

import java.math.BigDecimal;

/**
 * Monthly free allowances, applied (when the scenario's {@code free_tier} is on) to the first units of each
 * calendar month.
 *
 * @param sqsRequests     free SQS requests per month
 * @param lambdaRequests  free Lambda requests per month
 * @param lambdaGbSeconds free Lambda compute GB-seconds per month
 */
public record FreeTier(BigDecimal sqsRequests, BigDecimal lambdaRequests, BigDecimal lambdaGbSeconds) {

    /**
     * AWS's always-free allowances: SQS 1,000,000 requests (https://aws.amazon.com/sqs/pricing/), Lambda 1,000,000
     * requests and 400,000 GB-seconds (https://aws.amazon.com/lambda/pricing/), per month, per account.
     */
    public static final FreeTier AWS_DEFAULTS = new FreeTier(
            new BigDecimal("1000000"), new BigDecimal("1000000"), new BigDecimal("400000"));

    /** No free allowances. */
    public static final FreeTier NONE = new FreeTier(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public FreeTier {
        Money.requireNonNegative(sqsRequests, "freeTier.sqsRequests");
        Money.requireNonNegative(lambdaRequests, "freeTier.lambdaRequests");
        Money.requireNonNegative(lambdaGbSeconds, "freeTier.lambdaGbSeconds");
    }

    /** Numeric (scale-insensitive) equality of the amounts: 0.40 equals 0.4, as for the prices they are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof FreeTier o
                && Money.same(sqsRequests, o.sqsRequests)
                && Money.same(lambdaRequests, o.lambdaRequests)
                && Money.same(lambdaGbSeconds, o.lambdaGbSeconds);
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + Money.hash(sqsRequests);
        h = 31 * h + Money.hash(lambdaRequests);
        h = 31 * h + Money.hash(lambdaGbSeconds);
        return h;
    }
}
