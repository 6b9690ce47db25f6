package io.mockupaws.pricing;

import java.time.Instant;

/**
 * The prices a pipeline config is billed at: the list prices of the book in force at {@code at} and, on top, the
 * config's own {@link PriceOverrides}.
 *
 * @param sheet       what the engine multiplies: list prices with the overrides applied
 * @param listSheet   the book's list prices
 * @param bookVersion identifies the book rows used: {@code <region>@<latest effective_from among them>}
 */
public record ResolvedPrices(PriceSheet sheet, PriceSheet listSheet, String bookVersion, Instant at,
                             PriceOverrides overrides) {}
