package io.mockupaws.insights;

import io.mockupaws.pricing.LineItem;
import io.mockupaws.pricing.PriceBook;
import io.mockupaws.pricing.ServiceCost;
import io.mockupaws.pricing.Usage;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * A quantity a bill multiplies by a price, with the lines it produces (tiers and free-tier credits included). A
 * time-series bucket is charged its share of each driver at the month's average price of that driver: tiers and the
 * free tier are monthly, so they are spread over the month's buckets pro rata, and the buckets add up to the month.
 */
enum CostDriver {
    SQS_REQUESTS(ServiceCost.SQS, PriceBook.REQUESTS, Usage::sqsRequests),
    LAMBDA_REQUESTS(ServiceCost.LAMBDA, PriceBook.REQUESTS, Usage::lambdaInvocations),
    LAMBDA_COMPUTE(ServiceCost.LAMBDA, PriceBook.COMPUTE, Usage::lambdaGbSeconds),
    LAMBDA_STORAGE(ServiceCost.LAMBDA, PriceBook.STORAGE, Usage::lambdaStorageGbSeconds),
    BEDROCK_INPUT(ServiceCost.BEDROCK, PriceBook.INPUT_TOKENS, Usage::inputTokens),
    BEDROCK_OUTPUT(ServiceCost.BEDROCK, PriceBook.OUTPUT_TOKENS, Usage::outputTokens);

    final String service;
    final String dimension;
    final Function<Usage, BigDecimal> quantity;

    CostDriver(String service, String dimension, Function<Usage, BigDecimal> quantity) {
        this.service = service;
        this.dimension = dimension;
        this.quantity = quantity;
    }

    /** Lines are named "<dimension>[ tier n][ (free tier)][ (batch …)]". */
    boolean produced(ServiceCost cost, LineItem line) {
        return cost.service().equals(service) && line.dimension().startsWith(dimension);
    }
}
