package io.mockupaws.identity;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The authenticated {@link Actor} in Spring Security's context. It keeps no credential: the secret is not needed after the check. */
final class ActorAuthentication extends AbstractAuthenticationToken {

    private final Actor actor;

    ActorAuthentication(Actor actor) {
        super(authorities(actor));
        this.actor = actor;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(Actor actor) {
        List<GrantedAuthority> a = new ArrayList<>();
        a.add(new SimpleGrantedAuthority("ROLE_" + actor.role().name()));
        actor.scopes().forEach(s -> a.add(new SimpleGrantedAuthority("SCOPE_" + s.wire())));
        return a;
    }

    Actor actor() {
        return actor;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return actor;
    }

    @Override
    public String getName() {
        return actor.userId().toString();
    }
}
