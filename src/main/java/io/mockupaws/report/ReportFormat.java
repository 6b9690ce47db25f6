package io.mockupaws.report;

/** What a report is written as. */
enum ReportFormat {
    PDF("pdf", "application/pdf"),
    CSV("csv", "text/csv; charset=UTF-8");

    final String wire;
    final String contentType;

    ReportFormat(String wire, String contentType) {
        this.wire = wire;
        this.contentType = contentType;
    }

    /** The format named by {@code s}, or null. */
    static ReportFormat of(String s) {
        for (ReportFormat f : values()) if (f.wire.equals(s)) return f;
        return null;
    }
}
