package io.mockupaws.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;

@Configuration(proxyBeanMethods = false)
class JsonConfig {

    /**
     * {"name":"a","name":"b"} is ambiguous input; reject it rather than silently keep the last value. Decimals are
     * written plain: a price of 0.0000002 must not reach a client as 2E-7.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
    }
}
