package io.mockupaws.identity;

import io.mockupaws.platform.web.ApiException;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets controllers of every module take the caller as a plain {@link Actor} parameter, and describes the two ways
 * to authenticate in the OpenAPI document.
 */
@Configuration(proxyBeanMethods = false)
class IdentityWebConfig implements WebMvcConfigurer {

    static {
        // The Actor comes from the credentials, not from the request's parameters: keep it out of the OpenAPI document.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Actor.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                          WebDataBinderFactory binders) {
                if (SecurityContextHolder.getContext().getAuthentication() instanceof ActorAuthentication a) return a.actor();
                // Unreachable while EndpointAccess guards every endpoint that takes an Actor; fail closed if it ever is.
                throw ApiException.unauthorized("authentication-required", "This endpoint needs credentials");
            }
        });
    }

    @Bean
    OpenAPI openApi() {
        return new OpenAPI()
                .info(new Info().title("mockupAWS API").version("v1, v2")
                        .description("Predicts what a log-driven AWS pipeline (SQS → Lambda → Bedrock) will cost, from real traffic. "
                                + "/api/v1 lists use page/page_size; /api/v2 lists use cursor pagination (limit, cursor → next_cursor)."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("Access token from POST /api/v1/auth/login (30 minutes)"))
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("API key mk_… (also accepted as Authorization: Bearer mk_… or ApiKey mk_…)")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
