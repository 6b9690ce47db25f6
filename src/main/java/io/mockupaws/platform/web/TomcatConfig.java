package io.mockupaws.platform.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TomcatConfig {

    /**
     * Answer "100 Continue" only when the application starts reading the body, so a request whose headers already
     * fail (too large, unknown scenario, wrong type) is refused before the client uploads up to 16 MiB for nothing.
     */
    @Bean
    TomcatConnectorCustomizer continueOnRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }

    /** Errors Tomcat answers itself are problem+json too (see {@link ProblemErrorReportValve}). */
    @Bean
    TomcatContextCustomizer problemErrorReports() {
        return context -> {
            if (context.getParent() instanceof StandardHost host) host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        };
    }
}
