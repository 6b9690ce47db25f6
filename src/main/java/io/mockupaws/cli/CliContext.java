package io.mockupaws.cli;

import io.mockupaws.MockupAwsApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The application context a one-shot command needs: database, migrations and services, no web server or scheduler. */
final class CliContext {

    private CliContext() {}

    static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(MockupAwsApplication.class)
                .web(WebApplicationType.NONE)
                .properties("mockupaws.scheduling.enabled=false", "spring.main.banner-mode=off",
                        "logging.level.root=WARN", "logging.level.io.mockupaws=WARN")
                .run(args);
    }
}
