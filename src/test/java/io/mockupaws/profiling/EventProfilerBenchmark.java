package io.mockupaws.profiling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Single-thread throughput of {@link EventProfiler#profile} and of its parts, on ~300-byte realistic log
 * messages of which roughly a quarter carry PII. The product target is 100,000 events/s on one core for the
 * full profile.
 *
 * <p>Not part of {@code mvn test}: benchmarks need forked, warmed-up JVMs. Run {@link #main} on the test
 * classpath, e.g.
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.mockupaws.profiling.EventProfilerBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class EventProfilerBenchmark {

    /** Realistic shapes: access logs, JSON app logs, stack frames, syslog, k8s events; PII in a minority. */
    static final List<String> MESSAGES = List.of(
            "{\"@timestamp\":\"2024-01-15T10:23:45.123Z\",\"level\":\"INFO\",\"logger\":\"c.e.order.OrderService\","
                    + "\"thread\":\"http-nio-8080-exec-7\",\"message\":\"order created\",\"orderId\":\"ORD-2024-0009912\","
                    + "\"amount\":129.99,\"currency\":\"EUR\",\"items\":3,\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                    + "\"spanId\":\"00f067aa0ba902b7\",\"durationMs\":41}",
            "2024-01-15 10:23:47,991 WARN  [com.zaxxer.hikari.pool.HikariPool] HikariPool-1 - Connection "
                    + "org.postgresql.jdbc.PgConnection@6d06d69c marked as broken because of SQLSTATE(08006), ErrorCode(0); "
                    + "pool stats total=20 active=17 idle=3 waiting=4 after 30000ms; "
                    + "housekeeper will retry in 5000ms",
            "Normal   Pulled     pod/web-7d4b9c8f5-x2kqz  Container image \"registry.example.com/platform/web:1.25.3\" "
                    + "already present on machine; node ip-10-0-12-34.eu-west-1.compute.internal, restartCount=0, "
                    + "startedAt=2024-01-15T10:23:45Z, uid=1f2e3d4c-5b6a-7980-a1b2-c3d4e5f60718, "
                    + "namespace=prod, reason=Pulled",
            "    at org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885) "
                    + "~[spring-webmvc-6.1.2.jar:6.1.2] at jakarta.servlet.http.HttpServlet.service(HttpServlet.java:658) "
                    + "~[tomcat-embed-core-10.1.17.jar:6.0] at org.apache.catalina.core.ApplicationFilterChain.doFilter",
            "Jan 15 10:24:22 db01 postgres[3321]: [3-1] LOG:  checkpoint complete: wrote 1834 buffers (11.2%); "
                    + "0 WAL file(s) added, 0 removed, 1 recycled; write=179.917 s, sync=0.004 s, total=179.932 s; "
                    + "sync files=42, longest=0.002 s, average=0.001 s; distance=16384 kB, "
                    + "estimate=16384 kB, lsn=0/1A2B3C4D",
            "{\"level\":\"INFO\",\"msg\":\"request completed\",\"method\":\"GET\",\"path\":\"/api/v2/products/8812734/reviews\","
                    + "\"status\":200,\"durationMs\":37,\"bytes\":18342,\"spanId\":\"00f067aa0ba902b7\",\"version\":\"2.14.1\","
                    + "\"region\":\"eu-west-1\",\"cache\":\"HIT\",\"ts\":1705314225123,"
                    + "\"userAgent\":\"okhttp/4.12.0\",\"requestId\":\"req_9XQm21kLs0\"}",
            "2024-01-15 10:25:13.004 DEBUG 4411 --- [   scheduling-1] c.e.digest.DigestJob : digest built in PT0.497S, "
                    + "size 18.2 KiB, items=37, skipped=2, batch b-20240115-0042, next run at 2024-01-15T10:30:00Z "
                    + "(cron 0 */5 * * *), heap used 611 MB of 2048 MB, "
                    + "threads=42, queue=0",
            "Warning  FailedScheduling  pod/batch-28411230-q7wz9  0/12 nodes are available: 3 Insufficient cpu, "
                    + "9 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/12 nodes are "
                    + "available: 12 Preemption is not helpful for scheduling. "
                    + "Retrying in 10s (attempt 4), priorityClass=batch-low, requests cpu=2 mem=4Gi",
            "{\"level\":\"INFO\",\"msg\":\"kafka batch committed\",\"topic\":\"billing-events\",\"partition\":12,"
                    + "\"offset\":884213371,\"lag\":1532,\"group\":\"billing-v2\",\"records\":500,\"elapsedMs\":48,"
                    + "\"commitId\":\"9fceb02d0ae598e95dc970b74767f19372d61af8\","
                    + "\"broker\":\"b-2.kafka.internal:9092\",\"producerEpoch\":7,\"txn\":false}",
            "Jan 15 10:24:11 web01 sudo:   deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; "
                    + "COMMAND=/usr/bin/systemctl restart app.service --no-block; session 1842 opened for user root(uid=0) "
                    + "by deploy(uid=1001) at 2024-01-15 10:24:11.553, "
                    + "exit status 0, duration 1.204s",
            "2024-01-15 10:24:02,101 INFO  [pay-worker-2] c.e.pay.StripeClient : retry 2/3 after 250 ms, "
                    + "idempotency-key=5b2c1f0e-8d41-4a5e-b2f3-7c9e6a1d0f88, charge ch_3OaB2cD3eF4gH5iJ amount=2500 "
                    + "currency=eur card_last4=4242 brand=visa "
                    + "outcome=authorized risk_score=12 network_status=approved_by_network latency_ms=412",
            "{\"level\":\"DEBUG\",\"msg\":\"gc pause\",\"collector\":\"G1 Young Generation\",\"pauseMs\":12.7,"
                    + "\"heapBeforeMb\":1843,\"heapAfterMb\":611,\"regions\":{\"eden\":214,\"survivor\":12,\"old\":611},"
                    + "\"uptimeSec\":864000,\"jvm\":\"21.0.1+12-LTS\","
                    + "\"gcId\":18342,\"cause\":\"G1 Evacuation Pause\",\"concurrentMarkActive\":false}",
            // With PII
            "203.0.113.42 - - [15/Jan/2024:10:23:45 +0000] \"GET /api/v1/orders?page=2 HTTP/1.1\" 200 5123 "
                    + "\"https://shop.example.com/cart\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                    + "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36\" rt=0.023 uct=\"0.000\" "
                    + "uht=\"0.021\" urt=\"0.021\"",
            "{\"@timestamp\":\"2024-01-15T10:23:45.123Z\",\"level\":\"INFO\",\"logger\":\"c.e.user.SignupService\","
                    + "\"message\":\"user registered\",\"email\":\"alice.smith@example.com\",\"phone\":\"+44 20 7946 0958\","
                    + "\"plan\":\"pro\",\"referrer\":\"newsletter-2024-01\",\"locale\":\"en-GB\","
                    + "\"marketingOptIn\":false,\"durationMs\":88}",
            "2024-01-15 10:24:01,555 ERROR [pay-worker-2] c.e.pay.StripeClient : card_declined for "
                    + "pan=4000 0566 5566 5556 exp=04/28 (request req_9XQm21kLs0), customer 88213, attempt 3 of 3, "
                    + "next retry disabled, decline_code=insufficient_funds, "
                    + "network=visa, 3ds=frictionless, merchant=M-4411",
            "Jan 15 10:23:45 web01 sshd[18233]: Failed password for invalid user admin from 203.0.113.5 port 52211 "
                    + "ssh2; 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.5 "
                    + "user=admin; pam_faillock(sshd:auth): consecutive login failures "
                    + "for user admin account temporarily locked");

    private EventProfiler profiler;
    private PiiDetector detector;
    private TokenCounter cl100k;
    private String[] messages;
    private int next;

    @Setup
    public void setUp() {
        detector = new PiiDetector();
        profiler = new EventProfiler(detector, PreviewRedactor.DEFAULT_MAX_CHARS);
        cl100k = Tokenizers.forName("cl100k_base");
        messages = MESSAGES.toArray(new String[0]);
    }

    private String nextMessage() {
        String message = messages[next];
        next = next + 1 == messages.length ? 0 : next + 1;
        return message;
    }

    /** The product operation: everything one ingested event costs. */
    @Benchmark
    public EventProfile profile() {
        return profiler.profile(nextMessage(), cl100k);
    }

    @Benchmark
    public List<PiiFinding> piiDetection() {
        return detector.find(nextMessage());
    }

    @Benchmark
    public int cl100kTokenCount() {
        return cl100k.count(nextMessage());
    }

    @Benchmark
    public byte[] utf8AndSha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(nextMessage().getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public String detectAndPreview() {
        String message = nextMessage();
        return PreviewRedactor.preview(message, detector.find(message), PreviewRedactor.DEFAULT_MAX_CHARS);
    }

    /** Runs all benchmarks of this class, or only those matching the regex given as first argument. */
    public static void main(String[] args) throws RunnerException {
        String include = EventProfilerBenchmark.class.getSimpleName() + (args.length > 0 ? "\\." + args[0] : "");
        Options options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(3)
                .measurementIterations(5)
                .threads(1)
                .build();
        new Runner(options).run();
    }
}
