package io.mockupaws.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The credential a request carries, in any of the forms clients send:
 * <ul>
 *   <li>{@code Authorization: Bearer <access token>} — a signed-in user;</li>
 *   <li>{@code X-API-Key: mk_…} or {@code Authorization: Bearer mk_…} — an API key;</li>
 *   <li>{@code Authorization: ApiKey mk_…}, or {@code ApiKey base64(id:mk_…)} as Elasticsearch clients (Logstash's
 *       {@code api_key}) send it — an API key;</li>
 *   <li>{@code Authorization: Basic base64(any-user:mk_…)} — an API key as the password, for shippers that only
 *       speak basic auth (Fluent Bit's {@code HTTP_User}/{@code HTTP_Passwd}).</li>
 * </ul>
 */
record PresentedCredentials(Kind kind, String secret) {

    enum Kind { ACCESS_TOKEN, API_KEY }

    /** Null when the request carries no credential; {@link InvalidCredentials} when it carries an unusable one. */
    static PresentedCredentials of(HttpServletRequest request) {
        List<String> keys = Collections.list(request.getHeaders("X-API-Key"));
        List<String> auths = Collections.list(request.getHeaders("Authorization"));
        if (keys.size() + auths.size() > 1) {
            throw new InvalidCredentials("ambiguous-credentials", "Send one credential: either X-API-Key or Authorization, once");
        }
        if (keys.size() == 1) return apiKey(keys.getFirst().strip());
        if (auths.isEmpty()) return null;
        String header = auths.getFirst().strip();
        int space = header.indexOf(' ');
        String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
        String value = space < 0 ? "" : header.substring(space + 1).strip();
        return switch (scheme) {
            case "bearer" -> value.startsWith(ApiKeyService.PREFIX) ? apiKey(value) : accessToken(value);
            case "apikey" -> apiKey(value.startsWith(ApiKeyService.PREFIX) ? value : afterColon(decode(value)));
            case "basic" -> apiKey(afterColon(decode(value)));
            default -> throw new InvalidCredentials("unsupported-authorization",
                    "Authorization must be 'Bearer <token or API key>', 'ApiKey <API key>' or 'Basic' with an API key as the password");
        };
    }

    private static PresentedCredentials accessToken(String token) {
        if (token.isEmpty()) throw new InvalidCredentials("invalid-token", "The bearer token is empty");
        return new PresentedCredentials(Kind.ACCESS_TOKEN, token);
    }

    private static PresentedCredentials apiKey(String key) {
        if (key == null || key.isEmpty()) throw ApiKeyService.invalidKey();
        return new PresentedCredentials(Kind.API_KEY, key);
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiKeyService.invalidKey();
        }
    }

    private static String afterColon(String pair) {
        int colon = pair.indexOf(':');
        return colon < 0 ? pair : pair.substring(colon + 1);
    }
}
