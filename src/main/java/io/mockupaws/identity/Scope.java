package io.mockupaws.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an API key may do. A signed-in user (JWT) holds every scope but {@code ingest} — ingest is for log shippers,
 * which carry a static key — and {@code admin} only when the user is an admin.
 */
public enum Scope {
    INGEST("ingest"),
    SCENARIOS_READ("scenarios:read"),
    SCENARIOS_WRITE("scenarios:write"),
    REPORTS("reports"),
    ADMIN("admin");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Scope of(String s) {
        for (Scope v : values()) if (v.wire.equals(s)) return v;
        throw new IllegalArgumentException("'" + s + "' is not one of " + Arrays.stream(values()).map(Scope::wire).toList());
    }

    static Set<Scope> ofSession(Role role) {
        Set<Scope> s = EnumSet.of(SCENARIOS_READ, SCENARIOS_WRITE, REPORTS);
        if (role == Role.ADMIN) s.add(ADMIN);
        return s;
    }

    @Override
    public String toString() {
        return wire;
    }
}
