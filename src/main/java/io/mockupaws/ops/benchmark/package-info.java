/**
 * {@code benchmark-db}: seeds a database with realistic data (binary COPY), then times the statements the
 * application runs with and without the performance migration (V14 indexes, V15 materialized views) and saves their
 * plans. {@link io.mockupaws.ops.benchmark.DatabaseBenchmark} is what the CLI command drives.
 */
@NamedInterface("benchmark")
package io.mockupaws.ops.benchmark;

import org.springframework.modulith.NamedInterface;
