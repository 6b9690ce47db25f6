package io.mockupaws.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Periodic maintenance runs in the server only; one-shot CLI commands turn it off. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "mockupaws.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfig {}
