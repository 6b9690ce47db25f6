package io.mockupaws.webui;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the dashboard's files, and its index page for every client-side route ({@code /scenarios/…}, {@code /compare},
 * …) so a bookmarked or reloaded URL opens the right page. Done with resource handlers (the lowest-priority mapping)
 * rather than a controller: every API route is matched first, and an unknown API path stays a 404 problem, never HTML.
 * Who may fetch these files is decided in the identity module's rule table: the pages are public, the data they show
 * comes from the API with the user's token.
 */
@Configuration(proxyBeanMethods = false)
class WebUiResources implements WebMvcConfigurer {

    static final String LOCATION = "classpath:/static/";

    /** Paths of the API and the other machine-facing endpoints: never answered with the dashboard's page. */
    private static final Set<String> NOT_UI = Set.of("api", "actuator", "ingest", "v1", "v2", "v3", "swagger-ui", "flush", "error");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // Vite names every built asset by its content hash: a file under /assets never changes, so it is cached for a year.
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(LOCATION + "assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .resourceChain(true)
                .addResolver(new PathResourceResolver());
        // Everything else: the index page and the few unhashed files (favicon, theme-init.js), revalidated each time
        // so a new version is picked up at the next load.
        registry.addResourceHandler("/**")
                .addResourceLocations(LOCATION)
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true)
                .addResolver(new SinglePageResolver());
    }

    /** A file when there is one; otherwise index.html for a client-side route; otherwise nothing (404). */
    static final class SinglePageResolver extends PathResourceResolver {
        @Override
        protected Resource getResource(String resourcePath, Resource location) throws IOException {
            Resource file = super.getResource(resourcePath, location);
            if (file != null) return file;
            if (!isClientRoute(resourcePath)) return null;
            Resource index = location.createRelative("index.html");
            return index.exists() && index.isReadable() ? index : null;
        }
    }

    /**
     * A path the dashboard's router handles: not an API or machine path, and not a file name (a missing
     * {@code /assets/x.js} or {@code /robots.txt} is a 404, not a page of HTML the browser would try to run).
     */
    static boolean isClientRoute(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        String first = p.contains("/") ? p.substring(0, p.indexOf('/')) : p;
        if (NOT_UI.contains(first)) return false;
        String last = p.substring(p.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
