package io.mockupaws.ratelimit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** In-memory buckets unless {@code MOCKUPAWS_REDIS_URL} names a Redis that all instances share. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitSettings.class)
class RateLimitConfig {

    @Bean
    RateLimiter rateLimiter(@Value("${mockupaws.redis.url:}") String redisUrl) {
        return redisUrl.isBlank() ? new InMemoryRateLimiter() : new RedisRateLimiter(redisUrl.strip());
    }
}
