package io.mockupaws.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load generator run in its own JVM (so the measured server shares the machine, not the
 * process): N connections each send the next request as soon as the previous answer arrived, for a fixed time
 * after a warm-up; it prints throughput and latency percentiles as one JSON line.
 *
 * <pre>java ... HttpLoad --url URL [--method POST] [--body-file F] [--header K:V]... [--concurrency 8]
 *      [--warmup 5] [--duration 30] [--requests N] [--label name]</pre>
 * With {@code --requests N} it sends exactly N requests (used to seed data) instead of running for a duration.
 */
public final class HttpLoad {

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> opts = parse(args);
        String url = one(opts, "url", null);
        String method = one(opts, "method", "GET");
        byte[] body = opts.containsKey("body-file") ? Files.readAllBytes(Path.of(one(opts, "body-file", null))) : null;
        int concurrency = Integer.parseInt(one(opts, "concurrency", "8"));
        int warmup = Integer.parseInt(one(opts, "warmup", "5"));
        int duration = Integer.parseInt(one(opts, "duration", "30"));
        long requests = Long.parseLong(one(opts, "requests", "0"));
        String label = one(opts, "label", method + " " + url);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(2)).build();
        HttpRequest.Builder template = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : opts.getOrDefault("header", List.of())) {
            int colon = h.indexOf(':');
            template.header(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
        }
        HttpRequest request = template.build();

        AtomicLong remaining = new AtomicLong(requests);
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(requests > 0 ? 0 : warmup).toNanos();
        long end = warmupEnd + Duration.ofSeconds(duration).toNanos();
        List<Future<long[]>> workers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            for (int i = 0; i < concurrency; i++) {
                workers.add(pool.submit(() -> {
                    long[] latencies = new long[1 << 16];
                    int n = 0;
                    long errors = 0;
                    while (true) {
                        if (requests > 0) {
                            if (remaining.getAndDecrement() <= 0) break;
                        } else if (System.nanoTime() >= end) {
                            break;
                        }
                        long t = System.nanoTime();
                        HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                        long took = System.nanoTime() - t;
                        if (r.statusCode() >= 400) errors++;
                        if (t >= warmupEnd) {
                            if (n == latencies.length) latencies = Arrays.copyOf(latencies, n * 2);
                            latencies[n++] = took;
                        }
                    }
                    long[] out = Arrays.copyOf(latencies, n + 1);
                    out[n] = -errors - 1; // last slot carries the error count
                    return out;
                }));
            }
            long measureStart = System.nanoTime();
            List<Long> all = new ArrayList<>();
            long errors = 0;
            for (Future<long[]> f : workers) {
                long[] l = f.get();
                for (int i = 0; i < l.length - 1; i++) all.add(l[i]);
                errors += -(l[l.length - 1] + 1);
            }
            double seconds = requests > 0 ? (System.nanoTime() - measureStart) / 1e9 : duration;
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("label", label);
            result.put("concurrency", concurrency);
            result.put("requests", sorted.length);
            result.put("errors", errors);
            result.put("throughput_rps", Math.round(sorted.length / seconds));
            result.put("p50_ms", ms(sorted, 0.50));
            result.put("p95_ms", ms(sorted, 0.95));
            result.put("p99_ms", ms(sorted, 0.99));
            result.put("max_ms", sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
            StringBuilder json = new StringBuilder("{");
            result.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":")
                    .append(v instanceof String s ? "\"" + s + "\"" : v));
            System.out.println(json.append('}'));
            System.exit(errors > 0 ? 1 : 0); // the HTTP client's threads would keep the JVM alive
        }
    }

    private static double ms(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return Math.round(sorted[Math.max(0, i)] / 1e4) / 100.0;
    }

    private static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --option, got " + args[i]);
            opts.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[i + 1]);
        }
        return opts;
    }

    private static String one(Map<String, List<String>> opts, String key, String dflt) {
        List<String> v = opts.get(key);
        if (v == null) {
            if (dflt == null) throw new IllegalArgumentException("--" + key + " is required");
            return dflt;
        }
        return v.getLast();
    }
}
