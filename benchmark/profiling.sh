#!/usr/bin/env bash
# JMH: profiling alone (size + SHA-256 + cl100k tokens + PII detection + redacted preview), one thread, ~290-byte
# realistic log lines (1 in 4 with PII). Usage: benchmark/profiling.sh [benchmark-name-regex]
. "$(dirname "$0")/lib.sh"
build
machine
"$JAVA" -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
  io.mockupaws.profiling.EventProfilerBenchmark "$@"
