package io.mockupaws.identity;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/** Turns a presented credential into the {@link Actor} behind it, reading the current state of user, session and key. */
@Component
@ConditionalOnWebApplication
class Authenticator {

    private final AccessTokens accessTokens;
    private final UserRepository users;
    private final ApiKeyService apiKeys;

    Authenticator(AccessTokens accessTokens, UserRepository users, ApiKeyService apiKeys) {
        this.accessTokens = accessTokens;
        this.users = users;
        this.apiKeys = apiKeys;
    }

    Actor authenticate(PresentedCredentials credentials) {
        return switch (credentials.kind()) {
            case API_KEY -> apiKeys.authenticate(credentials.secret());
            case ACCESS_TOKEN -> {
                AccessTokens.Claims claims = accessTokens.verify(credentials.secret());
                User user = users.activeInSession(claims.userId(), claims.sessionId()).orElseThrow(() -> new InvalidCredentials(
                        "session-ended", "The session of this access token has ended (logout, password change or revocation); sign in again"));
                yield new Actor(user.id(), user.email(), user.role(), user.tier(), Scope.ofSession(user.role()), null,
                        claims.sessionId(), null);
            }
        };
    }
}
