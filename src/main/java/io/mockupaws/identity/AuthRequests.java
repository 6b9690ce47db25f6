package io.mockupaws.identity;

/**
 * Bodies of the authentication endpoints. Fields are checked by {@link AuthService} (not by annotations) so that
 * every message names the field the way the client sent it, and a password is never echoed back.
 */
final class AuthRequests {

    private AuthRequests() {}

    record Register(String email, String password, String fullName) {}

    record Login(String email, String password) {}

    record Refresh(String refreshToken) {}

    record Logout(String refreshToken) {}

    record ChangePassword(String currentPassword, String newPassword) {}

    record ForgotPassword(String email) {}

    record ResetPassword(String token, String newPassword) {}

    /** A signed-in session: a 30-minute access token and a 7-day refresh token that rotates on every use. */
    record Tokens(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn, User user) {}
}
