package io.mockupaws.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The recovery point, measured: under steady writes, how long after a commit the WAL segment holding it is in the
 * backup store (and so would survive losing the server). A writer commits a small row every {@code --interval-ms};
 * for each commit it notes the segment of the WAL position just after it and the time; a watcher notes when that
 * segment's object appears in the store folder. Prints p50 / p95 / max in seconds as one JSON line.
 *
 * <pre>java ... WalArchiveLag --jdbc URL --user U --password P --wal-dir DATA/objects/wal [--minutes 5] [--interval-ms 200]</pre>
 */
public final class WalArchiveLag {

    record Sample(String segment, long committedNanos) {}

    public static void main(String[] args) throws Exception {
        String jdbc = arg(args, "--jdbc", null);
        String user = arg(args, "--user", "postgres");
        String password = arg(args, "--password", "");
        Path walDir = Path.of(arg(args, "--wal-dir", null));
        double minutes = Double.parseDouble(arg(args, "--minutes", "5"));
        long interval = Long.parseLong(arg(args, "--interval-ms", "200"));

        // Watches the store from the start: when each segment file first appears.
        java.util.Map<String, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();
        Thread watcher = Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try (var files = Files.list(walDir)) {
                    long now = System.nanoTime();
                    files.forEach(f -> seen.putIfAbsent(f.getFileName().toString(), now));
                    Thread.sleep(20);
                } catch (Exception e) {
                    return;
                }
            }
        });
        Files.list(walDir).forEach(f -> seen.put(f.getFileName().toString(), 0L));
        List<Sample> samples = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS rpo_probe (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), "
                    + "payload text NOT NULL)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO rpo_probe (payload) VALUES (?)");
                 PreparedStatement position = c.prepareStatement("SELECT pg_walfile_name(pg_current_wal_insert_lsn())")) {
                long end = System.nanoTime() + (long) (minutes * 60e9);
                while (System.nanoTime() < end) {
                    insert.setString(1, "steady write " + samples.size());
                    insert.executeUpdate(); // autocommit: committed (and flushed) when this returns
                    long committed = System.nanoTime();
                    try (ResultSet rs = position.executeQuery()) {
                        rs.next();
                        samples.add(new Sample(rs.getString(1), committed));
                    }
                    Thread.sleep(interval);
                }
            }
        }
        // Wait for the last segment: archive_timeout bounds it.
        long giveUp = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        List<String> segments = samples.stream().map(Sample::segment).distinct().toList();
        while (!seen.keySet().containsAll(segments) && System.nanoTime() < giveUp) Thread.sleep(50);
        watcher.interrupt();
        if (!seen.keySet().containsAll(segments)) throw new IllegalStateException("segments never archived: " + segments.stream()
                .filter(s -> !seen.containsKey(s)).toList());
        List<Double> lags = new ArrayList<>();
        for (Sample s : samples) lags.add((seen.get(s.segment()) - s.committedNanos()) / 1e9);
        Collections.sort(lags);
        System.out.printf(Locale.ROOT, "{\"label\":\"RPO: commit -> its WAL segment in the store\",\"commits\":%d,\"segments\":%d,"
                        + "\"p50_s\":%.1f,\"p95_s\":%.1f,\"max_s\":%.1f}%n", lags.size(), segments.size(),
                lags.get(lags.size() / 2), lags.get((int) (lags.size() * 0.95)), lags.getLast());
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) if (args[i].equals(name)) return args[i + 1];
        if (fallback == null) throw new IllegalArgumentException(name + " is required");
        return fallback;
    }
}
