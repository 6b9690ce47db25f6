package io.mockupaws.platform.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache is an optimisation: when its backend fails, the request is answered from the database as if the cache
 * were empty, and a warning is logged at most every 30 s. After a failure of a remote backend, it is left alone for
 * five seconds, so an outage costs one request in five seconds a timeout instead of every request.
 *
 * <p>What is lost while Redis is away is an eviction or two; the TTL of each entry bounds how long that can matter.
 */
final class BackendGuard {

    private static final Logger log = LoggerFactory.getLogger(BackendGuard.class);
    static final Duration PAUSE = Duration.ofSeconds(5);
    private static final Duration WARN_EVERY = Duration.ofSeconds(30);

    private final String backend;
    private final boolean remote;
    private final Counter errors;
    private final AtomicLong pausedUntil = new AtomicLong(System.nanoTime());
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY.toNanos());

    BackendGuard(String backend, boolean remote, MeterRegistry registry) {
        this.backend = backend;
        this.remote = remote;
        this.errors = Counter.builder("mockupaws.cache.errors").tag("backend", backend)
                .description("Cache operations that failed and were answered without the cache").register(registry);
    }

    <T> T call(Supplier<T> operation, T fallback) {
        if (remote && System.nanoTime() - pausedUntil.get() < 0) return fallback;
        try {
            return operation.get();
        } catch (RuntimeException e) {
            failed(e);
            return fallback;
        }
    }

    void run(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        }, null);
    }

    /** The exception and its causes: Spring Data's "Redis exception" alone says nothing. */
    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) b.append(" <- ").append(c);
        return b.toString();
    }

    private void failed(RuntimeException e) {
        errors.increment();
        long now = System.nanoTime();
        if (remote) pausedUntil.set(now + PAUSE.toNanos());
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY.toNanos() && lastWarning.compareAndSet(last, now)) {
            log.warn("Cache ({}) did not answer ({}); answering without it{}", backend, describe(e),
                    remote ? " and trying again in " + PAUSE.toSeconds() + " s" : "");
        }
    }
}
