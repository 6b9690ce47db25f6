package io.mockupaws.platform.jobs;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jobrunr.dashboard.JobRunrApiHandler;
import org.jobrunr.dashboard.JobRunrSseHandler;
import org.jobrunr.dashboard.JobRunrStaticFileHandler;
import org.jobrunr.dashboard.server.HttpExchangeHandler;
import org.jobrunr.dashboard.server.http.RedirectHttpHandler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.ThreadSafeStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * JobRunr's dashboard (jobs by state, their history and exceptions, recurring jobs, servers), served from JobRunr's
 * own handlers on {@code MOCKUPAWS_JOBS_DASHBOARD_ADDRESS:MOCKUPAWS_JOBS_DASHBOARD_PORT}, 127.0.0.1:8000 by default
 * — JobRunr's bundled server would listen on every interface, and the dashboard can delete and requeue jobs. Off
 * unless {@code MOCKUPAWS_JOBS_DASHBOARD_ENABLED=true}, and only in a server. Reach it through an SSH tunnel or
 * {@code kubectl port-forward}; bound to another address it requires basic authentication
 * ({@code MOCKUPAWS_JOBS_DASHBOARD_USERNAME} / {@code _PASSWORD}) or the server refuses to start.
 */
@Component
class JobsDashboard implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobsDashboard.class);

    private final StorageProvider storage;
    private final JsonMapper json;
    private final boolean enabled;
    private final String address;
    private final int port;
    private final String username;
    private final String password;
    private final List<HttpExchangeHandler> handlers = new ArrayList<>();
    private HttpServer server;
    private ExecutorService executor;

    JobsDashboard(StorageProvider storage, JsonMapper jobRunrJsonMapper, Environment env) {
        this.storage = storage;
        this.json = jobRunrJsonMapper;
        this.enabled = JobsEnvironment.schedulingEnabled(env)
                && env.getProperty("mockupaws.jobs.dashboard.enabled", Boolean.class, false);
        this.address = env.getProperty("mockupaws.jobs.dashboard.address", "127.0.0.1").strip();
        this.port = env.getProperty("mockupaws.jobs.dashboard.port", Integer.class, 8000);
        this.username = env.getProperty("mockupaws.jobs.dashboard.username", "").strip();
        this.password = env.getProperty("mockupaws.jobs.dashboard.password", "");
        if (enabled && !isLoopback(address) && (username.isEmpty() || password.isEmpty())) {
            throw new IllegalStateException("The jobs dashboard would listen on " + address + ", beyond this host, without a "
                    + "password: set MOCKUPAWS_JOBS_DASHBOARD_USERNAME and MOCKUPAWS_JOBS_DASHBOARD_PASSWORD, or keep "
                    + "MOCKUPAWS_JOBS_DASHBOARD_ADDRESS at 127.0.0.1 and reach it through a tunnel");
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (!enabled || server != null) return;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("The jobs dashboard cannot listen on " + address + ":" + port, e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        StorageProvider shared = new ThreadSafeStorageProvider(storage);
        context(new RedirectHttpHandler("/", "/dashboard"), false);
        context(new JobRunrStaticFileHandler(), true);
        context(new JobRunrApiHandler(shared, json, false), true);
        context(new JobRunrSseHandler(shared, json), true);
        server.start();
        log.info("Jobs dashboard at http://{}:{}/dashboard{}", address, boundPort(),
                username.isEmpty() ? "" : " (basic authentication)");
    }

    /** The port the dashboard listens on (the configured one, or the one the system chose for port 0). */
    synchronized int boundPort() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    private void context(HttpExchangeHandler handler, boolean secured) {
        handlers.add(handler);
        HttpContext context = server.createContext(handler.getContextPath(), handler);
        if (secured && !username.isEmpty()) {
            context.setAuthenticator(new BasicAuthenticator("mockupAWS jobs") {
                @Override
                public boolean checkCredentials(String user, String pwd) {
                    // constant time: the comparison must not tell how much of a guess was right
                    return MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8), username.getBytes(StandardCharsets.UTF_8))
                            & MessageDigest.isEqual(pwd.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
                }
            });
        }
    }

    @Override
    public synchronized void destroy() {
        if (server == null) return;
        for (HttpExchangeHandler h : handlers) {
            try {
                h.close();
            } catch (Exception e) {
                log.debug("Closing a dashboard handler: {}", e.toString());
            }
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
