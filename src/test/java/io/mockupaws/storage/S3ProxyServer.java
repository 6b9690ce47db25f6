package io.mockupaws.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-protocol server for tests: S3Proxy with its in-memory ("transient") blob store, run as a separate JVM
 * from its self-contained jar, which Maven copies to {@code target/s3proxy/s3proxy.jar}. A separate process keeps
 * S3Proxy's Jetty, jclouds and Guava off the test classpath, where they would meet Spring Boot's managed versions
 * (Tomcat, jakarta.servlet 6.1). One server serves the whole test run; each test gets its own bucket.
 */
public final class S3ProxyServer {

    public static final String ACCESS_KEY = "mockupaws-test";
    /** Distinctive, so tests can assert it never leaks into messages. */
    public static final String SECRET_KEY = "SECRET-must-not-leak-7f3c";

    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(2);
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3ProxyServer shared;

    private final Process process;
    private final URI endpoint;
    private final S3Client admin;

    private S3ProxyServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.admin = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public static synchronized S3ProxyServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "s3proxy-stop"));
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A direct client, for looking at what the adapter did (metadata, pending uploads) and setting things up. */
    S3Client admin() {
        return admin;
    }

    /** Creates an empty bucket of its own for one test. */
    public String newBucket() {
        String bucket = "test-" + BUCKETS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    public S3Settings settings(String bucket, String prefix) {
        return new S3Settings(endpoint.toString(), null, bucket, prefix, ACCESS_KEY, SECRET_KEY, null);
    }

    private static S3ProxyServer start() {
        Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no S3Proxy jar at " + jar
                    + "; run the tests through Maven, whose generate-test-resources phase copies it there");
        }
        try {
            Path work = Files.createDirectories(jar.getParent().resolve("run"));
            // A free port can be taken between our check and S3Proxy's bind; then S3Proxy exits and we try another.
            for (int attempt = 1; attempt <= 5; attempt++) {
                int port = freeLoopbackPort();
                Path config = work.resolve("s3proxy-" + port + ".properties");
                Files.writeString(config, String.join("\n",
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        "jclouds.provider=transient",
                        "jclouds.identity=" + ACCESS_KEY,
                        "jclouds.credential=" + SECRET_KEY,
                        ""));
                Path java = Path.of(System.getProperty("java.home"), "bin", "java");
                Process process = new ProcessBuilder(java.toString(), "-Xmx768m", "-jar", jar.toString(),
                        "--properties", config.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("s3proxy-" + port + ".log").toFile())
                        .start();
                if (awaitListening(process, port)) {
                    return new S3ProxyServer(process, URI.create("http://127.0.0.1:" + port));
                }
                process.destroyForcibly().waitFor();
            }
            throw new IllegalStateException("S3Proxy did not start; see the logs in " + work);
        } catch (IOException e) {
            throw new UncheckedIOException("starting S3Proxy failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting S3Proxy", e);
        }
    }

    private static boolean awaitListening(Process process, int port) throws InterruptedException {
        Instant giveUp = Instant.now().plus(STARTUP_LIMIT);
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) return false;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        return false;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void stop() {
        admin.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
