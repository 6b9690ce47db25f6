package io.mockupaws.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests: real requests to the running server, every status returned, nothing thrown.
 * An instance may carry default headers (credentials): {@link #withBearer}, {@link #withApiKey}; a request that
 * sets a header itself keeps its own value.
 */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> defaults;

    public Api(int port) {
        this("http://127.0.0.1:" + port, Map.of());
    }

    private Api(String base, Map<String, String> defaults) {
        this.base = base;
        this.defaults = defaults;
    }

    /** A copy that sends this header on every request (unless the request sets it). */
    public Api withHeader(String name, String value) {
        Map<String, String> d = new LinkedHashMap<>(defaults);
        d.put(name, value);
        return new Api(base, d);
    }

    public Api withBearer(String token) {
        return withHeader("Authorization", "Bearer " + token);
    }

    public Api withApiKey(String key) {
        return withHeader("X-API-Key", key);
    }

    /** A copy without any default header: an anonymous client. */
    public Api anonymous() {
        return new Api(base, Map.of());
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response patch(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Response send(HttpRequest.Builder request) {
        HttpRequest asGiven = request.timeout(Duration.ofSeconds(30)).build();
        HttpRequest built = asGiven;
        if (!defaults.isEmpty()) {
            HttpRequest.Builder b = HttpRequest.newBuilder(asGiven, (n, v) -> true);
            defaults.forEach((name, value) -> {
                if (asGiven.headers().firstValue(name).isEmpty()) b.header(name, value);
            });
            built = b.build();
        }
        try {
            HttpResponse<String> r = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    public record Response(int status, String contentType, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The stable error code of a problem+json answer. */
        public String code() {
            return json().path("code").asString();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
