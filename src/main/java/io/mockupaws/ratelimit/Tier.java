package io.mockupaws.ratelimit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** A user's plan: it sets how many general API requests per minute the user may make. */
public enum Tier {
    FREE, PREMIUM, ENTERPRISE;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static Tier of(String s) {
        for (Tier t : values()) if (t.wire().equals(s)) return t;
        throw new IllegalArgumentException("'" + s + "' is not one of " + Arrays.stream(values()).map(Tier::wire).toList());
    }

    @Override
    public String toString() {
        return wire();
    }
}
