package io.mockupaws.ops;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

    /** Static: a BeanPostProcessor must exist before the DataSource it wraps. */
    @Bean
    static SlowQueryLog slowQueryLog(Environment env) {
        return new SlowQueryLog(env);
    }
}
