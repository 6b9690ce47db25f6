package io.mockupaws.report;

import io.mockupaws.ingest.EventPreviews;
import io.mockupaws.insights.ReportFigures;
import io.mockupaws.scenario.Scenario;
import io.mockupaws.scenario.ScenarioService;
import io.mockupaws.storage.ObjectStore;
import io.mockupaws.storage.StoredObject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes a report's file: the figures from the insights module (the same numbers as the API), rendered as PDF or
 * CSV into a temporary file, then stored in the object store as {@code reports/<scenario>/<report>.<format>} and the
 * report marked completed with its size and SHA-256. A report deleted while it was being written leaves no file.
 */
@Component
class ReportGenerator {

    private final ScenarioService scenarios;
    private final ReportFigures figures;
    private final EventPreviews previews;
    private final ObjectStore store;
    private final ReportRepository reports;
    private final ReportSettings settings;
    private final PdfReport pdf = new PdfReport();

    ReportGenerator(ScenarioService scenarios, ReportFigures figures, EventPreviews previews, ObjectStore store,
                    ReportRepository reports, ReportSettings settings) {
        this.scenarios = scenarios;
        this.figures = figures;
        this.previews = previews;
        this.store = store;
        this.reports = reports;
        this.settings = settings;
    }

    /** @param r a report this job has just marked running */
    void generate(Report r) throws IOException {
        // the job acts for the report's owner, who could see the scenario when asking; it may be an admin's report
        Scenario s = scenarios.getOwnedBy(null, r.scenarioId());
        Path file = Files.createTempFile("mockupaws-report-", "." + r.format().wire);
        try {
            Long logRows = null;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                if (r.format() == ReportFormat.PDF) {
                    ReportFigures.Figures f = figures.figures(s, r.periodFrom(), r.periodTo(), false,
                            r.sections().contains(ReportSection.WHAT_IF));
                    pdf.write(s, r, f, Instant.now(), out);
                } else {
                    ReportFigures.Figures f = figures.figures(s, r.periodFrom(), r.periodTo(), true, false);
                    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    long rows = CsvReport.write(f, s.id(), r.includeLogs(), settings.maxLogRows(), previews, w);
                    w.flush();
                    if (r.includeLogs()) logRows = rows;
                }
            }
            String key = "reports/" + r.scenarioId() + "/" + r.id() + "." + r.format().wire;
            long size = Files.size(file);
            StoredObject stored;
            try (InputStream in = Files.newInputStream(file)) {
                stored = store.put(key, in, size, Map.of("report-id", r.id().toString(), "format", r.format().wire));
            }
            byte[] sha256 = HexFormat.of().parseHex(stored.sha256().orElseThrow());
            if (!reports.complete(r.id(), key, size, sha256, logRows)) store.delete(key);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
