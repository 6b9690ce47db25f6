package io.mockupaws.report;

import java.util.Arrays;
import java.util.List;

/** The sections of a PDF report after its cover page, in the order they are printed; all by default. */
enum ReportSection {
    /** the window's totals: events, requests, invocations, tokens, PII, cost per request */
    SUMMARY("summary"),
    /** cost per service, chart, and every line of the bill */
    COST_BREAKDOWN("cost_breakdown"),
    /** cost and traffic per hour (per day beyond two months) */
    TIMESERIES("timeseries"),
    /** the window's usage scaled to a month and priced, and the trend prediction */
    PROJECTION("projection"),
    /** PII findings by type: counts only */
    PII("pii"),
    /** the cheapest models, Lambda architecture and memory for this traffic */
    WHAT_IF("what_if"),
    /** price book version, the unit prices used and the formulas */
    METHOD("method");

    final String wire;

    ReportSection(String wire) {
        this.wire = wire;
    }

    static ReportSection of(String s) {
        for (ReportSection r : values()) if (r.wire.equals(s)) return r;
        return null;
    }

    static List<String> wires() {
        return Arrays.stream(values()).map(r -> r.wire).toList();
    }
}
