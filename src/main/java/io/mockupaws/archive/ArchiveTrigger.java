package io.mockupaws.archive;

/** Who started a run: the CLI, the admin API, or the nightly job ({@code archive_jobs.trigger}). */
public enum ArchiveTrigger {
    CLI("cli"),
    API("api"),
    SCHEDULE("schedule");

    private final String wire;

    ArchiveTrigger(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
