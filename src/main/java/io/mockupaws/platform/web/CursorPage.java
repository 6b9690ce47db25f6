package io.mockupaws.platform.web;

import java.util.List;

/**
 * One page of a list endpoint of API v2: {@code {items, next_cursor}}; {@code next_cursor} is null on the last page.
 * Pages are found by position (keyset), not by counting rows, so page 1,000 costs what page 1 costs.
 */
public record CursorPage<T>(List<T> items, String nextCursor, int limit) {}
