package io.mockupaws.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the credential a request carries, if any. A credential that is present but invalid is refused
 * with 401 at once, on every endpoint: a client with a broken token learns it immediately rather than being
 * treated as anonymous. No credential at all leaves the request anonymous; the authorization rules decide.
 */
final class CredentialsFilter extends OncePerRequestFilter {

    private final Authenticator authenticator;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    CredentialsFilter(Authenticator authenticator, AuthenticationEntryPoint entryPoint) {
        this.authenticator = authenticator;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Actor actor;
        try {
            PresentedCredentials credentials = PresentedCredentials.of(request);
            if (credentials == null) {
                chain.doFilter(request, response);
                return;
            }
            actor = authenticator.authenticate(credentials);
        } catch (InvalidCredentials e) {
            entryPoint.commence(request, response, e);
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ActorAuthentication(actor));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }
}
