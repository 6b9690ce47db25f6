package io.mockupaws.ops.backup;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a backup ran. */
public enum BackupTrigger {
    MANUAL("manual"),
    SCHEDULED("scheduled"),
    /** The safety backup a restore takes of the database it is about to replace. */
    PRE_RESTORE("pre-restore");

    private final String label;

    BackupTrigger(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    static BackupTrigger fromLabel(String label) {
        for (BackupTrigger t : values()) if (t.label.equals(label)) return t;
        throw new IllegalArgumentException("unknown trigger " + label);
    }
}
