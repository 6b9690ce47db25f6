package io.mockupaws.platform.web;

import java.util.List;

/** One page of a list endpoint of API v1: {@code {items, total, page, page_size}}. */
public record PageResult<T>(List<T> items, long total, int page, int pageSize) {}
