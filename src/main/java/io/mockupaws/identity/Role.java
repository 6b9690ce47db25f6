package io.mockupaws.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A user's role: admins see every tenant's scenarios, the audit log, and manage users. */
public enum Role {
    USER, ADMIN;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static Role of(String s) {
        for (Role r : values()) if (r.wire().equals(s)) return r;
        throw new IllegalArgumentException("'" + s + "' is not one of [user, admin]");
    }

    @Override
    public String toString() {
        return wire();
    }
}
