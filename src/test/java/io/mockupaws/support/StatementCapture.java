package io.mockupaws.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the statements the application really sends (SQL and bound parameters), through a listener on the
 * application's datasource-proxy, and explains them: which indexes and relations their plans use. So a test can say
 * "this endpoint's statement is served by that index" about the repository's own SQL, not a copy of it.
 */
public final class StatementCapture implements QueryExecutionListener {

    /** A statement as sent, with the JDBC calls that bound its parameters. */
    public record Captured(String sql, List<ParameterSetOperation> parameters) {}

    /** What a plan uses: indexes (a partition's index by the name of the partitioned index it belongs to), scans. */
    public record Plan(String text, Set<String> indexes, Set<String> nodeTypes, Set<String> seqScanned) {

        public boolean usesIndex(String name) {
            return indexes.contains(name);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final List<Captured> captured = Collections.synchronizedList(new ArrayList<>());
    private final DataSource dataSource;
    private volatile boolean recording;

    private StatementCapture(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Attaches a capture to the application's DataSource (the datasource-proxy the slow-query log installs). */
    public static StatementCapture on(DataSource dataSource) {
        if (!(dataSource instanceof ProxyDataSource proxy)) {
            throw new IllegalStateException("the DataSource is not the datasource-proxy: " + dataSource.getClass());
        }
        StatementCapture capture = new StatementCapture(dataSource);
        proxy.getProxyConfig().getQueryListener().addListener(capture);
        return capture;
    }

    /** Forgets what was recorded and records the statements {@code action} causes (on any thread). */
    public List<Captured> during(Runnable action) {
        captured.clear();
        recording = true;
        try {
            action.run();
        } finally {
            recording = false;
        }
        synchronized (captured) {
            return List.copyOf(captured);
        }
    }

    /** The one statement of {@code action} whose SQL matches. */
    public Captured single(Runnable action, Predicate<String> sql) {
        List<Captured> matching = during(action).stream().filter(c -> sql.test(c.sql())).toList();
        if (matching.size() != 1) throw new AssertionError("expected one matching statement, got " + matching);
        return matching.getFirst();
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {}

    @Override
    public void afterQuery(ExecutionInfo exec, List<QueryInfo> queries) {
        if (!recording) return;
        for (QueryInfo q : queries) {
            List<List<ParameterSetOperation>> sets = q.getParametersList();
            captured.add(new Captured(q.getQuery(), sets.isEmpty() ? List.of() : List.copyOf(sets.getFirst())));
        }
    }

    /** EXPLAIN (FORMAT JSON) of a captured statement with its own parameters, after the given SET commands. */
    public Plan explain(Captured c, String... settings) {
        return explain(c.sql(), ps -> {
            for (ParameterSetOperation op : c.parameters()) {
                try {
                    op.getMethod().invoke(ps, op.getArgs());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }, settings);
    }

    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /**
     * EXPLAIN (FORMAT JSON) of a statement in a transaction that is rolled back (SET LOCAL settings end with it).
     */
    public Plan explain(String sql, Binder binder, String... settings) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String s : settings) st.execute("SET LOCAL " + s);
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT JSON) " + sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String text = rs.getString(1);
                    Set<String> indexes = new TreeSet<>(), nodes = new TreeSet<>(), seq = new TreeSet<>();
                    walk(JSON.readTree(text).get(0).get("Plan"), indexes, nodes, seq);
                    Set<String> named = new TreeSet<>();
                    for (String index : indexes) named.add(partitionedIndexOf(c, index));
                    return new Plan(text, named, nodes, seq);
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void walk(JsonNode node, Set<String> indexes, Set<String> nodes, Set<String> seq) {
        nodes.add(node.get("Node Type").asString());
        if (node.has("Index Name")) indexes.add(node.get("Index Name").asString());
        if (node.get("Node Type").asString().equals("Seq Scan")) seq.add(node.get("Relation Name").asString());
        for (JsonNode child : node.path("Plans")) walk(child, indexes, nodes, seq);
    }

    /** A partition's index is attached to the index of its partitioned table: the name the migration gave. */
    private static String partitionedIndexOf(Connection c, String index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
                WHERE i.inhrelid = to_regclass(?)""")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : index;
            }
        }
    }
}
