package io.mockupaws.platform;

import java.util.function.Supplier;

/**
 * What is running on this thread, for attributing database time: the HTTP route ("GET /api/v1/scenarios/{id}")
 * or a job ("job:partition-maintenance"). Set by the web layer for requests and by jobs around their work.
 */
public final class QueryOrigin {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private QueryOrigin() {}

    public static String current() {
        return CURRENT.get();
    }

    public static void set(String origin) {
        CURRENT.set(origin);
    }

    public static void clear() {
        CURRENT.remove();
    }

    /** Runs {@code work} attributed to {@code origin}, restoring what was there before. */
    public static <T> T run(String origin, Supplier<T> work) {
        String previous = CURRENT.get();
        CURRENT.set(origin);
        try {
            return work.get();
        } finally {
            if (previous == null) CURRENT.remove(); else CURRENT.set(previous);
        }
    }
}
