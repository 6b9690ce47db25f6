package io.mockupaws.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

@Configuration(proxyBeanMethods = false)
class JsonConfig {

    /**
     * {"name":"a","name":"b"} is ambiguous input; reject it rather than silently keep the last value. Decimals are
     * written plain: a price of 0.0000002 must not reach a client as 2E-7. A NUL character in a string cannot be
     * stored in PostgreSQL text: refuse it as a 422 naming the field, instead of a database error.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .addModule(new SimpleModule("nul-free-strings").addDeserializer(String.class, new NulFreeStrings()));
    }

    static final class NulFreeStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            String s = super.deserialize(p, ctxt);
            if (s != null && s.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(p, NUL_MESSAGE, s, String.class);
            }
            return s;
        }
    }

    static final String NUL_MESSAGE = "must not contain NUL characters";
}
