package io.mockupaws.report;

import io.mockupaws.ingest.EventPreviews;
import io.mockupaws.insights.ReportFigures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A scenario's report as one CSV table (RFC 4180, UTF-8): a row per hour of the period ({@code record = hour}: usage
 * and cost, by service), then, with include_logs, a row per stored event ({@code record = event}: its profile and
 * redacted preview). The columns of the other kind stay empty, so a spreadsheet filters by the first column.
 *
 * <p>Spreadsheets run a cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return
 * as a formula (CSV injection); event sources and previews are whatever the shippers sent, so every such cell is
 * written with a leading apostrophe, which spreadsheets show as text and do not evaluate.
 */
final class CsvReport {

    static final List<String> COLUMNS = List.of("record", "start", "end", "events", "bytes", "sqs_requests",
            "lambda_invocations", "lambda_gb_seconds", "input_tokens", "output_tokens", "pii_events", "cost_usd",
            "sqs_cost_usd", "lambda_cost_usd", "bedrock_cost_usd", "received_at", "event_time", "source", "size_bytes",
            "sqs_blocks", "token_count", "pii_types", "preview");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get();

    private CsvReport() {}

    /** Writes the table; returns the number of event rows (0 without include_logs). */
    static long write(ReportFigures.Figures f, UUID scenarioId, boolean logs, long maxLogRows, EventPreviews previews,
                      Writer out) {
        try {
            CSVPrinter csv = new CSVPrinter(out, FORMAT);
            for (ReportFigures.Point p : f.series()) {
                Instant end = p.start().plus(1, "day".equals(f.granularity()) ? ChronoUnit.DAYS : ChronoUnit.HOURS);
                csv.printRecord(row("hour", p.start().toString(), end.toString(), String.valueOf(p.events()),
                        String.valueOf(p.bytes()), plain(p.sqsRequests()), plain(p.lambdaInvocations()),
                        plain(p.lambdaGbSeconds()), plain(p.inputTokens()), plain(p.outputTokens()),
                        String.valueOf(p.piiEvents()), plain(p.costUsd()), plain(p.costByService().get("sqs")),
                        plain(p.costByService().get("lambda")), plain(p.costByService().get("bedrock"))));
            }
            long events = 0;
            if (logs && f.period().from() != null) {
                events = previews.forEach(scenarioId, f.period().from(), f.period().to(), maxLogRows, e -> {
                    String[] cells = new String[COLUMNS.size()];
                    Arrays.fill(cells, "");
                    cells[0] = "event";
                    cells[15] = e.receivedAt().toString();
                    cells[16] = e.eventTime() == null ? "" : e.eventTime().toString();
                    cells[17] = e.source() == null ? "" : e.source();
                    cells[18] = String.valueOf(e.sizeBytes());
                    cells[19] = String.valueOf(e.sqsBlocks());
                    cells[20] = String.valueOf(e.tokenCount());
                    cells[21] = String.join(";", e.piiTypes());
                    cells[22] = e.preview();
                    try {
                        csv.printRecord(neutralised(cells));
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
            }
            csv.flush();
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> row(String... first) {
        List<String> cells = new ArrayList<>(Arrays.asList(first));
        while (cells.size() < COLUMNS.size()) cells.add("");
        return neutralised(cells.toArray(String[]::new));
    }

    static List<String> neutralised(String[] cells) {
        List<String> out = new ArrayList<>(cells.length);
        for (String c : cells) out.add(neutralise(c));
        return out;
    }

    /** A cell a spreadsheet would evaluate becomes text: {@code =cmd|' /C calc'!A0} → {@code '=cmd|' /C calc'!A0}. */
    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) return cell;
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }

    private static String plain(BigDecimal v) {
        if (v == null) return "0";
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
