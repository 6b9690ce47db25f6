package io.mockupaws.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/auth", produces = "application/json")
@Tag(name = "auth", description = "Accounts and sessions: sign-up, sign-in, token refresh, password change and reset")
@ConditionalOnWebApplication
class AuthController {

    private final AuthService auth;
    private final AuthRateLimits limits;
    private final UserService users;

    AuthController(AuthService auth, AuthRateLimits limits, UserService users) {
        this.auth = auth;
        this.limits = limits;
        this.users = users;
    }

    @PostMapping(path = "/register", consumes = "application/json")
    @SecurityRequirements
    @Operation(summary = "Create an account (201); 409 email-taken, 422 for an invalid email or a weak password, 403 when sign-up is closed")
    ResponseEntity<User> register(@RequestBody AuthRequests.Register body, HttpServletRequest request, HttpServletResponse response) {
        limits.attempt("register", body.email(), request, response);
        User user = auth.register(body);
        return ResponseEntity.created(URI.create("/api/v1/auth/me")).body(user);
    }

    @PostMapping(path = "/login", consumes = "application/json")
    @SecurityRequirements
    @Operation(summary = "Sign in: an access token (30 min) and a refresh token (7 days); 401 invalid-credentials")
    AuthRequests.Tokens login(@RequestBody AuthRequests.Login body, HttpServletRequest request, HttpServletResponse response) {
        limits.attempt("login", body.email(), request, response);
        return auth.login(body);
    }

    @PostMapping(path = "/refresh", consumes = "application/json")
    @SecurityRequirements
    @Operation(summary = "Trade a refresh token for a new pair; the old refresh token is spent, and reusing it revokes the session")
    AuthRequests.Tokens refresh(@RequestBody AuthRequests.Refresh body, HttpServletRequest request, HttpServletResponse response) {
        limits.attempt("refresh", null, request, response);
        return auth.refresh(body);
    }

    @PostMapping("/logout")
    @Operation(summary = "End the session (of the given refresh token, or the one signed in with); its access tokens stop working")
    ResponseEntity<Void> logout(Actor actor, @RequestBody(required = false) AuthRequests.Logout body) {
        auth.logout(actor, body);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in user (or the owner of the API key)")
    User me(Actor actor) {
        return users.get(actor.userId());
    }

    @PostMapping(path = "/change-password", consumes = "application/json")
    @Operation(summary = "Change the password; every session ends and a new one is returned")
    AuthRequests.Tokens changePassword(Actor actor, @RequestBody AuthRequests.ChangePassword body,
                                       HttpServletRequest request, HttpServletResponse response) {
        limits.attempt("change-password", actor.email(), request, response);
        return auth.changePassword(actor, body);
    }

    @PostMapping(path = "/forgot-password", consumes = "application/json")
    @SecurityRequirements
    @Operation(summary = "Mail a single-use reset token (30 min) when SMTP is configured; 202 whether or not the email has an account")
    ResponseEntity<Map<String, String>> forgotPassword(@RequestBody AuthRequests.ForgotPassword body,
                                                      HttpServletRequest request, HttpServletResponse response) {
        limits.attempt("forgot-password", body.email(), request, response);
        auth.forgotPassword(body);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "accepted",
                "detail", "If the address belongs to an account, a reset token is on its way"));
    }

    @PostMapping(path = "/reset-password", consumes = "application/json")
    @SecurityRequirements
    @Operation(summary = "Set a new password with a reset token; the token works once and every session ends")
    ResponseEntity<Void> resetPassword(@RequestBody AuthRequests.ResetPassword body, HttpServletRequest request,
                                       HttpServletResponse response) {
        limits.attempt("reset-password", null, request, response);
        auth.resetPassword(body);
        return ResponseEntity.noContent().build();
    }
}
