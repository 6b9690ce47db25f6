package io.mockupaws.platform.cache;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Caffeine unless {@code MOCKUPAWS_REDIS_URL} names a Redis every instance shares; nothing with caching off. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheSettings.class)
class CacheConfig {

    private static final Logger log = LoggerFactory.getLogger(CacheConfig.class);

    @Bean(destroyMethod = "close")
    Caches caches(CacheSettings settings, @Value("${mockupaws.redis.url:}") String redisUrl, JsonMapper json,
                  MeterRegistry registry) {
        CacheBackend backend;
        if (!settings.enabled()) {
            backend = new NoCacheBackend();
            log.info("Caching is off (mockupaws.cache.enabled=false): every lookup reads the database");
        } else if (redisUrl.isBlank()) {
            backend = new CaffeineBackend(settings);
        } else {
            backend = new RedisBackend(redisUrl.strip(), settings, new CacheValueSerializer(json));
        }
        return new Caches(backend, settings, registry);
    }
}
