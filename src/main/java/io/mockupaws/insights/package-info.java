/**
 * Insights: what a scenario's stored traffic costs (summary, per-service breakdown, time series), re-priced under
 * what-if configs, projected to a month with a trend prediction, compared across scenarios and split by source.
 * Reads the per-minute aggregates (never raw events) and prices them with the pricing module.
 */
package io.mockupaws.insights;
