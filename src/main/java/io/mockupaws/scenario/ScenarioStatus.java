package io.mockupaws.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The lifecycle: draft → running → completed → archived, one way only. */
public enum ScenarioStatus {
    DRAFT, RUNNING, COMPLETED, ARCHIVED;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static ScenarioStatus of(String s) {
        for (ScenarioStatus v : values()) if (v.wire().equals(s)) return v;
        throw new IllegalArgumentException("'" + s + "' is not one of " + Arrays.stream(values()).map(ScenarioStatus::wire).toList());
    }

    @Override
    public String toString() {
        return wire();
    }
}
