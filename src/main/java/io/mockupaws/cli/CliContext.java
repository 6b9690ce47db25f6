package io.mockupaws.cli;

import io.mockupaws.MockupAwsApplication;
import io.mockupaws.storage.StorageConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The application context a one-shot command needs: database, migrations and services, no web server or scheduler. */
final class CliContext {

    private static final String[] QUIET = {"mockupaws.scheduling.enabled=false", "spring.main.banner-mode=off",
            "logging.level.root=WARN", "logging.level.io.mockupaws=WARN"};

    private CliContext() {}

    static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(MockupAwsApplication.class)
                .web(WebApplicationType.NONE)
                .properties(QUIET)
                .run(args);
    }

    /**
     * For a restore: configuration, the object stores and (unless {@code startDatabase} is false) the embedded
     * server, but no migrations and no services. A restore must not depend on the database it may be replacing
     * being healthy or current, and a point-in-time restore needs no database at all (the installation's own may
     * be what was lost).
     */
    static ConfigurableApplicationContext startForRestore(boolean startDatabase) {
        return new SpringApplicationBuilder(RestoreContext.class)
                .web(WebApplicationType.NONE)
                .properties(QUIET)
                .properties("mockupaws.database.embedded-start=" + startDatabase)
                .run();
    }

    @Configuration(proxyBeanMethods = false)
    @Import(StorageConfiguration.class)
    static class RestoreContext {}
}
