package io.mockupaws.audit;

import com.fasterxml.jackson.annotation.JsonValue;

public enum AuditOutcome {
    SUCCESS, FAILURE;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static AuditOutcome of(String s) {
        for (AuditOutcome o : values()) if (o.wire().equals(s)) return o;
        throw new IllegalArgumentException("'" + s + "' is not one of success, failure");
    }
}
