package io.mockupaws.report;

import io.mockupaws.insights.ReportFigures;
import io.mockupaws.insights.ReportFigures.Alternative;
import io.mockupaws.insights.ReportFigures.Figures;
import io.mockupaws.insights.ReportFigures.ServiceCost;
import io.mockupaws.pricing.PipelineConfig;
import io.mockupaws.scenario.Scenario;
import java.awt.Color;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

/**
 * A scenario's cost report as a PDF (OpenPDF): a cover with the scenario, the headline figures and the pipeline,
 * then the sections asked for — summary, cost breakdown with every line of the bill, cost and traffic over time,
 * the monthly projection, PII findings (counts only), the cheapest alternatives, and how it was all computed. Totals
 * are rounded to cents, lines and prices to six decimals, as COST-MODEL.md says reports do.
 */
final class PdfReport {

    private static final Color BAND = new Color(0x1E1B4B);
    private static final Color BAND_TEXT = new Color(0xC7D2FE);
    private static final Color ACCENT = new Color(0x4F46E5);
    private static final Color INK = ReportCharts.INK;
    private static final Color MUTED = ReportCharts.MUTED;
    private static final Color RULE = new Color(0xE2E8F0);
    private static final Color PANEL = new Color(0xF8FAFC);
    private static final Color HEAD = new Color(0xF1F5F9);
    private static final Color GOOD = new Color(0x047857);
    private static final Color BAD = new Color(0xB91C1C);

    private static final float MARGIN = 48;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private final ReportFonts fonts;
    private final ReportCharts charts;
    private final Font body;
    private final Font small;
    private final Font smallMuted;
    private final Font bold;
    private final Font h2;
    private final Font h3;
    private final Font mono;

    PdfReport() {
        this.fonts = ReportFonts.get();
        this.charts = new ReportCharts(fonts);
        this.body = new Font(fonts.regular, 9.5f, Font.NORMAL, INK);
        this.small = new Font(fonts.regular, 8f, Font.NORMAL, INK);
        this.smallMuted = new Font(fonts.regular, 8f, Font.NORMAL, MUTED);
        this.bold = new Font(fonts.bold, 9.5f, Font.NORMAL, INK);
        this.h2 = new Font(fonts.bold, 15f, Font.NORMAL, INK);
        this.h3 = new Font(fonts.bold, 10.5f, Font.NORMAL, INK);
        this.mono = new Font(fonts.mono, 7.5f, Font.NORMAL, INK);
    }

    void write(Scenario s, Report r, Figures f, Instant generatedAt, OutputStream out) {
        Document doc = new Document(PageSize.A4, MARGIN, MARGIN, 54, 54);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            writer.setCompressionLevel(9);
            // an image that does not fit stays where it is in the text, moving to the next page with what follows it
            writer.setStrictImageSequence(true);
            writer.setPageEvent(new Frame(s.name(), r, generatedAt));
            doc.addTitle("mockupAWS cost report: " + s.name());
            doc.addAuthor("mockupAWS");
            doc.addCreator("mockupAWS");
            doc.addSubject("Predicted AWS cost of the pipeline logs → SQS → Lambda → Bedrock from real traffic");
            doc.open();
            cover(doc, writer, s, r, f, generatedAt);
            for (ReportSection section : r.sections()) {
                // short sections share a page with the one before them
                boolean follows = section == ReportSection.COST_BREAKDOWN && r.sections().contains(ReportSection.SUMMARY);
                if (!follows) doc.newPage();
                switch (section) {
                    case SUMMARY -> summary(doc, f);
                    case COST_BREAKDOWN -> breakdown(doc, writer, f, follows);
                    case TIMESERIES -> overTime(doc, writer, f);
                    case PROJECTION -> projection(doc, f);
                    case PII -> pii(doc, writer, f);
                    case WHAT_IF -> whatIf(doc, f);
                    case METHOD -> method(doc, f);
                }
            }
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("The PDF could not be written: " + e.getMessage(), e);
        }
    }

    // --- cover ------------------------------------------------------------------------------------------------

    private void cover(Document doc, PdfWriter writer, Scenario s, Report r, Figures f, Instant generatedAt)
            throws DocumentException {
        Rectangle page = doc.getPageSize();
        float bandHeight = 168;
        PdfContentByte under = writer.getDirectContentUnder();
        under.saveState();
        under.setColorFill(BAND);
        under.rectangle(0, page.getHeight() - bandHeight, page.getWidth(), bandHeight);
        under.fill();
        under.setColorFill(ACCENT);
        under.rectangle(0, page.getHeight() - bandHeight - 4, page.getWidth(), 4);
        under.fill();
        under.restoreState();

        PdfContentByte over = writer.getDirectContent();
        ColumnText.showTextAligned(over, Element.ALIGN_LEFT, new Phrase("mockupAWS", new Font(fonts.bold, 11, Font.NORMAL, BAND_TEXT)),
                MARGIN, page.getHeight() - 46, 0);
        ColumnText.showTextAligned(over, Element.ALIGN_RIGHT, new Phrase("COST REPORT", new Font(fonts.bold, 9, Font.NORMAL, BAND_TEXT)),
                page.getWidth() - MARGIN, page.getHeight() - 46, 0);
        ColumnText title = new ColumnText(over);
        title.setSimpleColumn(MARGIN, page.getHeight() - bandHeight + 22, page.getWidth() - MARGIN, page.getHeight() - 62);
        Paragraph name = new Paragraph(s.name(), new Font(fonts.bold, s.name().length() > 48 ? 20 : 26, Font.NORMAL, Color.WHITE));
        name.setLeading(0, 1.15f);
        title.addElement(name);
        Paragraph sub = new Paragraph(regionAndStatus(s) + "   ·   " + period(f), new Font(fonts.regular, 10, Font.NORMAL, BAND_TEXT));
        sub.setSpacingBefore(6);
        title.addElement(sub);
        title.go();

        // iText drops the spacing before the first element of a page: an empty cell of fixed height clears the band
        PdfPTable spacer = new PdfPTable(1);
        PdfPCell gap = new PdfPCell();
        gap.setBorder(Rectangle.NO_BORDER);
        gap.setFixedHeight(bandHeight + 4 + 22 - doc.topMargin());
        spacer.addCell(gap);
        doc.add(spacer);

        if (!s.description().isBlank()) {
            Paragraph d = new Paragraph(s.description(), new Font(fonts.regular, 10, Font.NORMAL, MUTED));
            d.setSpacingAfter(14);
            doc.add(d);
        }

        BigDecimal events = f.summary().events();
        BigDecimal perThousand = events.signum() == 0 ? BigDecimal.ZERO
                : f.summary().costUsd().multiply(BigDecimal.valueOf(1000)).divide(events, 6, RoundingMode.HALF_UP);
        doc.add(tiles(
                tile("Cost in the period", total(f.summary().costUsd()), "SQS + Lambda + Bedrock"),
                tile("Projected month", total(f.monthlyCostUsd()), f.projection() == null ? "no traffic to project"
                        : "730 h at the observed rate"),
                tile("Events", count(events), bytes(f.series()) + " of log messages"),
                tile("Per 1,000 events", price(perThousand), "average cost")));

        doc.add(heading3("Scenario", 16));
        PdfPTable facts = facts();
        fact(facts, "Region", s.region());
        fact(facts, "Status", s.status().wire());
        fact(facts, "Created", WHEN.format(s.createdAt()));
        fact(facts, "Started", s.startedAt() == null ? "—" : WHEN.format(s.startedAt()));
        fact(facts, "Completed", s.completedAt() == null ? "—" : WHEN.format(s.completedAt()));
        fact(facts, "Tags", s.tags().isEmpty() ? "—" : String.join(", ", s.tags()));
        fact(facts, "Report period", period(f) + hours(f));
        fact(facts, "Generated", WHEN.format(generatedAt) + " (report " + r.id() + ")");
        fact(facts, "Price book", f.pricing().bookVersion() + ", prices in force " + WHEN.format(f.pricing().at()));
        fact(facts, "Tokens", f.tokens().tokenizer() + (f.tokens().estimated() ? " (an estimate)" : " (exact)"));
        doc.add(facts);

        doc.add(heading3("Pipeline configuration", 14));
        doc.add(pipeline(s.pipeline()));
    }

    private PdfPTable pipeline(PipelineConfig c) throws DocumentException {
        PdfPTable t = new PdfPTable(3);
        t.setWidthPercentage(100);
        t.setSpacingBefore(4);
        List<String[]> sqs = List.of(new String[] {"Queue", c.sqs().queueType().wire()},
                new String[] {"Send batch size", String.valueOf(c.sqs().sendBatchSize())},
                new String[] {"Consumer requests", c.sqs().includeConsumerRequests() ? "billed" : "not billed"});
        PipelineConfig.Lambda l = c.lambda();
        List<String[]> lambda = new ArrayList<>(List.of(new String[] {"Architecture", l.architecture().wire()},
                new String[] {"Memory", l.memoryMb() + " MB"},
                new String[] {"Duration", l.durationModel() == null ? l.durationMs() + " ms"
                        : plain(l.durationModel().baseMs()) + " ms + " + plain(l.durationModel().perKbMs()) + " ms/KB"},
                new String[] {"Batch size", String.valueOf(l.batchSize())},
                new String[] {"Ephemeral storage", l.ephemeralStorageMb() + " MB"}));
        PipelineConfig.Bedrock b = c.bedrock();
        List<String[]> bedrock = List.of(new String[] {"Model", b.modelId()},
                new String[] {"Output tokens", b.outputTokensPerInvocation() + " per invocation"},
                new String[] {"Prompt overhead", b.promptOverheadTokens() + " tokens"},
                new String[] {"Mode", b.mode().wire()},
                new String[] {"Free tier", c.freeTier() ? "applied" : "not applied"});
        t.addCell(configCell("SQS", ReportCharts.SQS, sqs));
        t.addCell(configCell("Lambda", ReportCharts.LAMBDA, lambda));
        t.addCell(configCell("Bedrock", ReportCharts.BEDROCK, bedrock));
        return t;
    }

    private PdfPCell configCell(String title, Color colour, List<String[]> rows) {
        PdfPTable inner = new PdfPTable(new float[] {1.05f, 1.2f});
        inner.setWidthPercentage(100);
        PdfPCell head = new PdfPCell(new Phrase(title, new Font(fonts.bold, 9.5f, Font.NORMAL, colour)));
        head.setColspan(2);
        head.setBorder(Rectangle.NO_BORDER);
        head.setPaddingBottom(5);
        inner.addCell(head);
        for (String[] row : rows) {
            inner.addCell(plainCell(new Phrase(row[0], smallMuted), Element.ALIGN_LEFT));
            inner.addCell(plainCell(new Phrase(row[1], small), Element.ALIGN_LEFT));
        }
        PdfPCell cell = new PdfPCell(inner);
        cell.setBorder(Rectangle.TOP);
        cell.setBorderWidthTop(2f);
        cell.setBorderColorTop(colour);
        cell.setBackgroundColor(PANEL);
        cell.setPadding(8);
        cell.setPaddingRight(10);
        return cell;
    }

    // --- sections ---------------------------------------------------------------------------------------------

    private void summary(Document doc, Figures f) throws DocumentException {
        heading(doc, "Summary", "What the traffic of " + period(f) + " used and cost.", false);
        ReportFigures.Summary s = f.summary();
        PdfPTable grid = new PdfPTable(2);
        grid.setWidthPercentage(100);
        PdfPTable left = facts(1.35f);
        fact(left, "Events (log messages)", count(s.events()));
        fact(left, "SQS 64 KiB blocks", count(s.sqsBlocks()));
        fact(left, "SQS requests", count(s.sqsRequests()));
        fact(left, "Lambda invocations", count(s.lambdaInvocations()));
        fact(left, "Lambda compute", count(s.lambdaGbSeconds()) + " GB-s");
        PdfPTable right = facts(1.35f);
        fact(right, "Bedrock input tokens", count(s.inputTokens()));
        fact(right, "Bedrock output tokens", count(s.outputTokens()));
        fact(right, "Events with PII", count(s.piiEvents()) + percentOf(s.piiEvents(), s.events()));
        fact(right, "Cost", total(s.costUsd()));
        fact(right, "Cost per event", price(s.avgCostPerRequest()));
        for (PdfPTable half : List.of(left, right)) {
            PdfPCell c = new PdfPCell(half);
            c.setBorder(Rectangle.NO_BORDER);
            c.setPadding(0);
            c.setPaddingRight(half == left ? 12 : 0);
            c.setPaddingLeft(half == left ? 0 : 12);
            grid.addCell(c);
        }
        doc.add(grid);
        note(doc, "Usage is computed per minute and priced per calendar month (tiers and free tiers are monthly); "
                + "batching across minute edges is not modelled. Tokens: " + f.tokens().method() + ".");
    }

    private void breakdown(Document doc, PdfWriter writer, Figures f, boolean follows) throws DocumentException {
        heading(doc, "Cost breakdown", "Per service, then every line of the bill: quantity × price = amount.", follows);
        PdfPTable layout = new PdfPTable(new float[] {1.25f, 1f});
        layout.setWidthPercentage(100);
        PdfPTable services = table("LRR", new float[] {1.3f, 1.2f, 0.8f}, "Service", "Cost", "Share");
        BigDecimal sum = BigDecimal.ZERO;
        for (ServiceCost c : f.services()) {
            services.addCell(serviceCell(c.service()));
            services.addCell(numberCell(total(c.costUsd()), false));
            services.addCell(numberCell(c.percent() == null ? "—" : plain(c.percent()) + " %", false));
            sum = sum.add(c.costUsd());
        }
        services.addCell(totalCell("Total", Element.ALIGN_LEFT));
        services.addCell(totalCell(total(sum), Element.ALIGN_RIGHT));
        services.addCell(totalCell(f.summary().costUsd().signum() == 0 ? "—" : "100 %", Element.ALIGN_RIGHT));
        PdfPCell left = new PdfPCell(services);
        left.setBorder(Rectangle.NO_BORDER);
        left.setPaddingRight(18);
        left.setVerticalAlignment(Element.ALIGN_MIDDLE);
        layout.addCell(left);
        PdfPCell right;
        if (f.summary().costUsd().signum() > 0) {
            Image ring = charts.draw(charts.costRing(f.services(), total(f.summary().costUsd())), writer.getDirectContent(), 200, 170);
            right = new PdfPCell(ring, false);
        } else {
            right = new PdfPCell(new Phrase("No cost in this period.", smallMuted));
        }
        right.setBorder(Rectangle.NO_BORDER);
        right.setHorizontalAlignment(Element.ALIGN_CENTER);
        layout.addCell(right);
        doc.add(layout);

        doc.add(heading3("Lines of the bill", 16));
        PdfPTable lines = table("LLLRRR", new float[] {0.7f, 0.75f, 1.55f, 1.15f, 1.95f, 1.0f}, "Month", "Service",
                "Dimension", "Quantity", "Unit price", "Amount");
        lines.setHeaderRows(1);
        for (ServiceCost c : f.services()) {
            for (ReportFigures.Line l : c.lines()) {
                lines.addCell(textCell(l.month() == null ? "—" : l.month().toString()));
                lines.addCell(serviceCell(c.service()));
                lines.addCell(textCell(l.dimension()));
                lines.addCell(numberCell(count(l.quantity()), false));
                lines.addCell(numberCell(unitPrice(l.pricePerUnit(), l.unitQuantity(), l.unit()), false));
                lines.addCell(numberCell(amount(l.amountUsd()), false));
            }
        }
        if (lines.size() == 1) {
            PdfPCell none = textCell("No usage in this period, so no line.");
            none.setColspan(6);
            lines.addCell(none);
        }
        doc.add(lines);
        note(doc, "Amounts are exact to the sixth decimal; the totals above are rounded to the cent. A tiered price "
                + "shows one line per tier the month's usage reached.");
    }

    private void overTime(Document doc, PdfWriter writer, Figures f) throws DocumentException {
        boolean daily = "day".equals(f.granularity());
        String per = daily ? "day" : "hour";
        heading(doc, "Over time", "Cost and traffic per " + per + " (UTC)"
                + (daily ? ": the period is longer than two months, so the series is daily." : "."), false);
        if (f.series().isEmpty()) {
            note(doc, "No traffic in this period.");
            return;
        }
        doc.add(figure("Cost per " + per + ", by service",
                charts.draw(charts.costOverTime(f.series(), daily), writer.getDirectContent(), 499, 230)));
        doc.add(figure("Events per " + per, charts.draw(charts.trafficOverTime(f.series(), daily), writer.getDirectContent(), 499, 190)));
        ReportFigures.Point peak = f.series().stream().max(java.util.Comparator.comparing(ReportFigures.Point::costUsd)).orElseThrow();
        long busiest = f.series().stream().mapToLong(ReportFigures.Point::events).max().orElse(0);
        note(doc, "Costliest " + per + ": " + WHEN.format(peak.start()) + ", " + amount(peak.costUsd()) + ". Busiest "
                + per + ": " + count(BigDecimal.valueOf(busiest)) + " events. A bucket's cost is its usage at its month's "
                + "average price per cost driver, so the buckets of a month add up to the month's bill.");
    }

    private void projection(Document doc, Figures f) throws DocumentException {
        heading(doc, "Monthly projection", "The period's usage scaled to a month of 730 hours, then priced as one month.", false);
        ReportFigures.Projection p = f.projection();
        if (p == null) {
            note(doc, "No traffic in this period: nothing to project.");
            return;
        }
        doc.add(tiles(tile("Projected month", total(p.month().costUsd()), "from " + plain(p.observedHours()) + " h observed"),
                tile("Events a month", count(p.month().events().setScale(0, RoundingMode.HALF_UP)), "at the observed rate"),
                p.prediction() == null ? tile("Trend", "—", p.predictionUnavailable())
                        : tile("Trend prediction", total(p.prediction().costUsd()),
                        "95 %: " + total(p.prediction().costUsdLow()) + " – " + total(p.prediction().costUsdHigh()))));
        PdfPTable t = table("LLR", new float[] {1.2f, 2.6f, 1f}, "Service", "Usage a month", "Cost a month");
        for (ServiceCost c : p.services()) {
            t.addCell(serviceCell(c.service()));
            t.addCell(textCell(usage(c.usage())));
            t.addCell(numberCell(total(c.costUsd()), false));
        }
        t.addCell(totalCell("Total", Element.ALIGN_LEFT));
        t.addCell(totalCell("", Element.ALIGN_LEFT));
        t.addCell(totalCell(total(p.month().costUsd()), Element.ALIGN_RIGHT));
        t.setSpacingBefore(14);
        doc.add(t);
        if (p.prediction() != null) {
            ReportFigures.Prediction d = p.prediction();
            note(doc, "Trend: " + d.method() + ". Expected " + count(d.events().setScale(0, RoundingMode.HALF_UP))
                    + " events (" + count(d.eventsLow().setScale(0, RoundingMode.HALF_UP)) + " to "
                    + count(d.eventsHigh().setScale(0, RoundingMode.HALF_UP)) + "), costing " + total(d.costUsd()) + ".");
        } else {
            note(doc, "No trend prediction: " + p.predictionUnavailable() + ".");
        }
    }

    private void pii(Document doc, PdfWriter writer, Figures f) throws DocumentException {
        heading(doc, "PII findings", "Events in which ingest found personal data, by type. Counts only: mockupAWS "
                + "never stores a raw message or a found value, only a redacted preview.", false);
        ReportFigures.Summary s = f.summary();
        PdfPTable t = table("LRR", new float[] {2f, 1f, 1f}, "Type", "Events", "Share of events");
        boolean any = false;
        for (Map.Entry<String, BigDecimal> e : s.piiByType().entrySet()) {
            t.addCell(textCell(piiLabel(e.getKey())));
            t.addCell(numberCell(count(e.getValue()), false));
            t.addCell(numberCell(s.events().signum() == 0 ? "—" : percent(e.getValue(), s.events()), false));
            any |= e.getValue().signum() > 0;
        }
        t.addCell(totalCell("Events with any PII", Element.ALIGN_LEFT));
        t.addCell(totalCell(count(s.piiEvents()), Element.ALIGN_RIGHT));
        t.addCell(totalCell(s.events().signum() == 0 ? "—" : percent(s.piiEvents(), s.events()), Element.ALIGN_RIGHT));
        t.setKeepTogether(true);
        doc.add(t);
        if (any) {
            long types = s.piiByType().values().stream().filter(v -> v.signum() > 0).count();
            doc.add(figure("Events with a finding, by type",
                    charts.draw(charts.piiByType(s.piiByType()), writer.getDirectContent(), 499, Math.max(90, 34 + 26 * types))));
        }
        note(doc, "An event with several types counts once in \"any\" and once per type. Detection rules: e-mail, US SSN "
                + "(SSA validity), payment cards (issuer prefix and Luhn), phone numbers, IPv4/IPv6, IBAN (mod-97), AWS "
                + "access key ids, JWTs and PEM private keys.");
    }

    private void whatIf(Document doc, Figures f) throws DocumentException {
        heading(doc, "What if", "The same traffic priced with another model, Lambda architecture or memory, as a "
                + "month at the observed rate. Your configuration costs " + total(f.monthlyCostUsd()) + " a month.", false);
        if (f.alternatives().isEmpty()) {
            note(doc, "No traffic in this period: nothing to compare.");
            return;
        }
        List<Alternative> combined = f.alternatives().stream().filter(a -> a.kind().equals("combined")).toList();
        for (Alternative c : combined) {
            if (c.savingUsd().signum() > 0) {
                doc.add(tiles(tile("Cheapest combination", total(c.monthlyCostUsd()), c.option()),
                        tile("Saving a month", total(c.savingUsd()), plain(c.savingPercent()) + " % less than today")));
            }
        }
        alternatives(doc, f, "model", "Bedrock model", "Other models at their list price (a custom Bedrock price applies to "
                + "your model only); tokens re-estimated with each model's tokenizer.");
        alternatives(doc, f, "architecture", "Lambda architecture", null);
        alternatives(doc, f, "memory", "Lambda memory", "Billed duration held at your configuration: more memory usually "
                + "shortens a function, so measure before you choose by price alone.");
    }

    private void alternatives(Document doc, Figures f, String kind, String title, String caption) throws DocumentException {
        List<Alternative> list = f.alternatives().stream().filter(a -> a.kind().equals(kind)).toList();
        if (list.isEmpty()) return;
        doc.add(heading3(title, 16));
        PdfPTable t = table("LRRR", new float[] {2.6f, 1.1f, 1.1f, 0.8f}, "Option", "A month", "vs. yours", "");
        for (Alternative a : list) {
            PdfPCell option = textCell(a.option());
            if (a.current()) option.setPhrase(new Phrase(a.option() + "  (yours)", new Font(fonts.bold, 8, Font.NORMAL, INK)));
            t.addCell(option);
            t.addCell(numberCell(total(a.monthlyCostUsd()), a.current()));
            t.addCell(numberCell(a.current() ? "—" : difference(a.savingUsd().negate()), false, savingColour(a)));
            t.addCell(numberCell(a.current() || a.savingPercent() == null ? "" : signedPercent(a.savingPercent().negate()), false,
                    savingColour(a)));
        }
        doc.add(t);
        if (caption != null) note(doc, caption);
    }

    private void method(Document doc, Figures f) throws DocumentException {
        heading(doc, "How this was computed", "Every figure of this report can be recomputed by hand from these prices "
                + "and formulas (docs: COST-MODEL.md).", false);
        ReportFigures.Pricing p = f.pricing();
        PdfPTable facts = facts();
        fact(facts, "Price book version", p.bookVersion());
        fact(facts, "Region", p.region());
        fact(facts, "Prices in force at", WHEN.format(p.at()));
        List<String> overrides = new ArrayList<>();
        p.discountPercent().forEach((service, pct) -> {
            if (pct.signum() > 0) overrides.add(ReportCharts.label(service) + " −" + plain(pct) + " %");
        });
        if (p.bedrockInputPerMillion() != null || p.bedrockOutputPerMillion() != null) {
            overrides.add("Bedrock at $" + plain(p.bedrockInputPerMillion()) + " / $" + plain(p.bedrockOutputPerMillion()) + " per 1M tokens");
        }
        fact(facts, "Price overrides", overrides.isEmpty() ? "none: list prices" : String.join(", ", overrides));
        doc.add(facts);

        doc.add(heading3("Unit prices used", 16));
        PdfPTable t = table("LLLR", new float[] {0.8f, 1.9f, 1.6f, 1.7f}, "Service", "Dimension", "Monthly tier", "Price");
        t.setHeaderRows(1);
        for (ServiceCost c : f.services()) {
            for (ReportFigures.UnitPrice u : c.unitPrices()) {
                t.addCell(serviceCell(c.service()));
                t.addCell(textCell(u.dimension()));
                t.addCell(textCell(u.tierEnd() == null ? (u.tierStart().signum() == 0 ? "all" : "from " + count(u.tierStart()))
                        : count(u.tierStart()) + " – " + count(u.tierEnd())));
                String price = unitPrice(u.pricePerUnit(), u.unitQuantity(), u.unit());
                if (u.listPricePerUnit() != null && u.listPricePerUnit().compareTo(u.pricePerUnit()) != 0) {
                    price += " (list " + unitPrice(u.listPricePerUnit(), u.unitQuantity(), u.unit()) + ")";
                }
                t.addCell(numberCell(price, false));
            }
        }
        doc.add(t);

        doc.add(heading3("Formulas", 16));
        String formulas = """
                N              = events; L = Σ over minutes ceil(N_minute / lambda.batch_size)
                sqs_blocks     = Σ ceil(size_i / 65,536), at least 1 per event
                send_requests  = sqs_blocks, or per group of send_batch_size events ceil(Σ size / 65,536)
                sqs_requests   = send_requests + 2·L when consumer requests are billed
                gb_seconds     = L · memory_mb / 1024 · ceil(duration_ms) / 1000
                storage_gb_s   = L · (ephemeral_storage_mb − 512) / 1024 · ceil(duration_ms) / 1000
                input_tokens   = Σ tokens_i + L · prompt_overhead_tokens
                output_tokens  = L · output_tokens_per_invocation

                sqs_cost       = tiered(sqs_requests)                      − free tier 1M requests a month
                lambda_cost    = L · request price + tiered(gb_seconds) + storage_gb_s · storage price
                                                                           − free tier 1M requests + 400,000 GB-s
                bedrock_cost   = input_tokens · input price + output_tokens · output price   (× 0.5 in batch mode)
                total          = sqs_cost + lambda_cost + bedrock_cost

                amount         = quantity × price_per_unit / unit_quantity, per calendar month (UTC)
                month          = usage × 730 h / observed hours, then priced as one month""";
        PdfPTable box = new PdfPTable(1);
        box.setWidthPercentage(100);
        box.setSpacingBefore(4);
        Paragraph code = new Paragraph(formulas, mono);
        code.setLeading(11.5f);
        PdfPCell cell = new PdfPCell();
        cell.addElement(code);
        cell.setBackgroundColor(PANEL);
        cell.setBorderColor(RULE);
        cell.setPadding(10);
        cell.setPaddingTop(4);
        box.addCell(cell);
        doc.add(box);
        note(doc, "Free tiers apply only when the scenario asks for them (" + "free_tier" + "). Tokens: "
                + f.tokens().method() + ".");
    }

    // --- building blocks --------------------------------------------------------------------------------------

    private void heading(Document doc, String title, String lead, boolean follows) throws DocumentException {
        Paragraph t = new Paragraph(title, h2);
        t.setLeading(18);
        if (follows) t.setSpacingBefore(26);
        doc.add(t);
        Paragraph l = new Paragraph(lead, new Font(fonts.regular, 9.5f, Font.NORMAL, MUTED));
        l.setLeading(13);
        l.setSpacingBefore(2);
        l.setSpacingAfter(12);
        doc.add(l);
    }

    private Paragraph heading3(String title, float before) {
        Paragraph p = new Paragraph(title, h3);
        p.setSpacingBefore(before);
        p.setSpacingAfter(6);
        return p;
    }

    /** A chart under its title, kept on one page. */
    private PdfPTable figure(String title, Image chart) {
        PdfPTable t = new PdfPTable(1);
        t.setWidthPercentage(100);
        t.setKeepTogether(true);
        t.setSpacingBefore(10);
        PdfPCell head = new PdfPCell(new Phrase(title, h3));
        head.setBorder(Rectangle.NO_BORDER);
        head.setPadding(0);
        head.setPaddingBottom(8);
        t.addCell(head);
        PdfPCell body = new PdfPCell(chart, false);
        body.setBorder(Rectangle.NO_BORDER);
        body.setPadding(0);
        t.addCell(body);
        return t;
    }

    private void note(Document doc, String text) throws DocumentException {
        Paragraph p = new Paragraph(text, smallMuted);
        p.setSpacingBefore(8);
        p.setLeading(11);
        doc.add(p);
    }

    private record Tile(String label, String value, String caption) {}

    private Tile tile(String label, String value, String caption) {
        return new Tile(label, value, caption);
    }

    private PdfPTable tiles(Tile... tiles) throws DocumentException {
        PdfPTable t = new PdfPTable(tiles.length);
        t.setWidthPercentage(100);
        t.setSpacingAfter(4);
        for (int i = 0; i < tiles.length; i++) {
            Tile tile = tiles[i];
            PdfPCell card = new PdfPCell();
            card.setBorder(Rectangle.LEFT);
            card.setBorderWidthLeft(2.5f);
            card.setBorderColorLeft(ACCENT);
            card.setBackgroundColor(PANEL);
            card.setPaddingLeft(10);
            card.setPaddingTop(6);
            card.setPaddingBottom(10);
            Paragraph label = new Paragraph(tile.label().toUpperCase(Locale.ROOT), new Font(fonts.bold, 7, Font.NORMAL, MUTED));
            Paragraph value = new Paragraph(tile.value(), new Font(fonts.bold, 17, Font.NORMAL, INK));
            value.setSpacingBefore(2);
            Paragraph caption = new Paragraph(tile.caption(), new Font(fonts.regular, 7.5f, Font.NORMAL, MUTED));
            card.addElement(label);
            card.addElement(value);
            card.addElement(caption);
            PdfPTable inner = new PdfPTable(1);
            inner.setWidthPercentage(100);
            inner.addCell(card);
            PdfPCell slot = new PdfPCell(inner);
            slot.setBorder(Rectangle.NO_BORDER);
            slot.setPadding(0);
            slot.setPaddingRight(i == tiles.length - 1 ? 0 : 8);
            t.addCell(slot);
        }
        return t;
    }

    private PdfPTable facts() throws DocumentException {
        return facts(3f);
    }

    private PdfPTable facts(float valueWidth) throws DocumentException {
        PdfPTable t = new PdfPTable(new float[] {1f, valueWidth});
        t.setWidthPercentage(100);
        return t;
    }

    private void fact(PdfPTable t, String name, String value) {
        PdfPCell n = new PdfPCell(new Phrase(name, smallMuted));
        PdfPCell v = new PdfPCell(new Phrase(value, body));
        for (PdfPCell c : List.of(n, v)) {
            c.setBorder(Rectangle.BOTTOM);
            c.setBorderColor(RULE);
            c.setPaddingTop(4);
            c.setPaddingBottom(5);
            c.setUseAscender(true);
            c.setUseDescender(true);
            c.setVerticalAlignment(Element.ALIGN_MIDDLE);
        }
        t.addCell(n);
        t.addCell(v);
    }

    /** A data table with a shaded header; {@code align} has one L or R per column (numbers right). */
    private PdfPTable table(String align, float[] widths, String... headers) throws DocumentException {
        PdfPTable t = new PdfPTable(widths);
        t.setWidthPercentage(100);
        for (int i = 0; i < headers.length; i++) {
            PdfPCell c = new PdfPCell(new Phrase(headers[i], new Font(fonts.bold, 8, Font.NORMAL, MUTED)));
            c.setBackgroundColor(HEAD);
            c.setBorder(Rectangle.NO_BORDER);
            c.setPadding(5);
            c.setHorizontalAlignment(align.charAt(i) == 'R' ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
            t.addCell(c);
        }
        return t;
    }

    private PdfPCell plainCell(Phrase phrase, int align) {
        PdfPCell c = new PdfPCell(phrase);
        c.setBorder(Rectangle.NO_BORDER);
        c.setHorizontalAlignment(align);
        c.setPaddingLeft(0);
        c.setPaddingTop(1.5f);
        c.setPaddingBottom(2.5f);
        return c;
    }

    private PdfPCell textCell(String text) {
        PdfPCell c = new PdfPCell(new Phrase(text, small));
        c.setBorder(Rectangle.BOTTOM);
        c.setBorderColor(RULE);
        c.setPadding(5);
        return c;
    }

    private PdfPCell serviceCell(String service) {
        Phrase p = new Phrase();
        p.add(new Chunk("■ ", new Font(fonts.regular, 8, Font.NORMAL, ReportCharts.colour(service))));
        p.add(new Chunk(ReportCharts.label(service), small));
        PdfPCell c = new PdfPCell(p);
        c.setBorder(Rectangle.BOTTOM);
        c.setBorderColor(RULE);
        c.setPadding(5);
        return c;
    }

    private PdfPCell numberCell(String text, boolean strong) {
        return numberCell(text, strong, INK);
    }

    private PdfPCell numberCell(String text, boolean strong, Color colour) {
        PdfPCell c = new PdfPCell(new Phrase(text, new Font(strong ? fonts.bold : fonts.regular, 8, Font.NORMAL, colour)));
        c.setBorder(Rectangle.BOTTOM);
        c.setBorderColor(RULE);
        c.setPadding(5);
        c.setHorizontalAlignment(Element.ALIGN_RIGHT);
        return c;
    }

    private PdfPCell totalCell(String text, int align) {
        PdfPCell c = new PdfPCell(new Phrase(text, new Font(fonts.bold, 8.5f, Font.NORMAL, INK)));
        c.setBorder(Rectangle.TOP);
        c.setBorderWidthTop(1f);
        c.setBorderColor(INK);
        c.setPadding(5);
        c.setHorizontalAlignment(align);
        return c;
    }

    private static Color savingColour(Alternative a) {
        if (a.current() || a.savingUsd().signum() == 0) return MUTED;
        return a.savingUsd().signum() > 0 ? GOOD : BAD;
    }

    /** Page furniture: a running head after the cover, and "page n of m" with the report's id on every page. */
    private final class Frame extends PdfPageEventHelper {
        private final String scenario;
        private final Report report;
        private final Instant generatedAt;
        private PdfTemplate total;

        Frame(String scenario, Report report, Instant generatedAt) {
            this.scenario = scenario;
            this.report = report;
            this.generatedAt = generatedAt;
        }

        @Override
        public void onOpenDocument(PdfWriter writer, Document document) {
            total = writer.getDirectContent().createTemplate(30, 12);
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte cb = writer.getDirectContent();
            Rectangle page = document.getPageSize();
            Font f = new Font(fonts.regular, 7.5f, Font.NORMAL, MUTED);
            if (writer.getPageNumber() > 1) {
                String head = scenario.length() > 70 ? scenario.substring(0, 70) + "…" : scenario;
                ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase("mockupAWS cost report", new Font(fonts.bold, 7.5f, Font.NORMAL, MUTED)),
                        MARGIN, page.getHeight() - 30, 0);
                ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, new Phrase(head, f), page.getWidth() - MARGIN, page.getHeight() - 30, 0);
                cb.saveState();
                cb.setColorStroke(RULE);
                cb.setLineWidth(0.5f);
                cb.moveTo(MARGIN, page.getHeight() - 36);
                cb.lineTo(page.getWidth() - MARGIN, page.getHeight() - 36);
                cb.stroke();
                cb.restoreState();
            }
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase("Generated " + WHEN.format(generatedAt)
                    + "  ·  report " + report.id(), f), MARGIN, 30, 0);
            String page1 = "Page " + writer.getPageNumber() + " of ";
            float width = fonts.regular.getWidthPoint(page1, 7.5f);
            float x = page.getWidth() - MARGIN - 14 - width;
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(page1, f), x, 30, 0);
            cb.addTemplate(total, x + width, 30);
        }

        @Override
        public void onCloseDocument(PdfWriter writer, Document document) {
            ColumnText.showTextAligned(total, Element.ALIGN_LEFT,
                    new Phrase(String.valueOf(writer.getPageNumber() - 1), new Font(fonts.regular, 7.5f, Font.NORMAL, MUTED)), 0, 0, 0);
        }
    }

    // --- formatting -------------------------------------------------------------------------------------------

    private static DecimalFormat format(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
    }

    /** A total: to the cent (COST-MODEL.md), and "< $0.01" rather than a misleading $0.00. */
    static String total(BigDecimal usd) {
        if (usd == null) return "—";
        if (usd.signum() > 0 && usd.compareTo(new BigDecimal("0.005")) < 0) return "< $0.01";
        return format("$#,##0.00").format(usd.setScale(2, RoundingMode.HALF_UP));
    }

    /** A line's amount: six decimals, as the bill computes it. */
    static String amount(BigDecimal usd) {
        return format("$#,##0.00####").format(usd.setScale(6, RoundingMode.HALF_UP));
    }

    /** A small price, e.g. per event: enough significant digits to be read. */
    static String price(BigDecimal usd) {
        if (usd.signum() == 0) return "$0";
        if (usd.compareTo(BigDecimal.ONE) >= 0) return total(usd);
        return "$" + usd.round(new java.math.MathContext(3, RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString();
    }

    static String count(BigDecimal v) {
        if (v == null) return "—";
        BigDecimal s = v.stripTrailingZeros();
        return format(s.scale() > 0 ? "#,##0.###" : "#,##0").format(s.setScale(Math.min(Math.max(s.scale(), 0), 3), RoundingMode.HALF_UP));
    }

    private static String plain(BigDecimal v) {
        return v == null ? "—" : v.stripTrailingZeros().toPlainString();
    }

    /** +$12.30 (dearer) or −$4.10 (cheaper) a month. */
    private static String difference(BigDecimal usd) {
        if (usd.signum() == 0) return "$0.00";
        return (usd.signum() > 0 ? "+" : "−") + total(usd.abs());
    }

    private static String signedPercent(BigDecimal pct) {
        return (pct.signum() > 0 ? "+" : pct.signum() < 0 ? "−" : "") + pct.abs().toPlainString() + " %";
    }

    private static String percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(BigDecimal.valueOf(100)).divide(whole, 2, RoundingMode.HALF_UP).toPlainString() + " %";
    }

    private static String percentOf(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? "" : " (" + percent(part, whole) + ")";
    }

    /** $0.40 per 1M requests. */
    static String unitPrice(BigDecimal price, BigDecimal quantity, String unit) {
        String q = quantity.compareTo(BigDecimal.ONE) == 0 ? "" : quantity.compareTo(BigDecimal.valueOf(1_000_000)) == 0 ? "1M "
                : quantity.compareTo(BigDecimal.valueOf(1000)) == 0 ? "1K " : count(quantity) + " ";
        BigDecimal p = price.stripTrailingZeros();
        return "$" + (p.scale() < 2 ? p.setScale(2) : p).toPlainString() + " / " + q + unit;
    }

    private static String usage(Map<String, BigDecimal> usage) {
        List<String> parts = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        names.put("requests", "requests");
        names.put("invocations", "invocations");
        names.put("gb_seconds", "GB-s");
        names.put("input_tokens", "input tokens");
        names.put("output_tokens", "output tokens");
        names.forEach((key, name) -> {
            BigDecimal v = usage.get(key);
            if (v != null) parts.add(count(v.setScale(0, RoundingMode.HALF_UP)) + " " + name);
        });
        return String.join(", ", parts);
    }

    private static String bytes(List<ReportFigures.Point> series) {
        long b = series.stream().mapToLong(ReportFigures.Point::bytes).sum();
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        double v = b;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? b + " bytes" : String.format(Locale.US, "%.1f %s", v, units[u]);
    }

    private static String regionAndStatus(Scenario s) {
        return s.region() + "  ·  " + s.status().wire();
    }

    private static String period(Figures f) {
        if (f.period().from() == null) return "no traffic yet";
        Instant lastMinute = f.period().to().minusSeconds(1);
        return DAY.format(f.period().from()).equals(DAY.format(lastMinute))
                ? DAY.format(f.period().from()) : DAY.format(f.period().from()) + " – " + DAY.format(lastMinute);
    }

    private static String hours(Figures f) {
        if (f.period().from() == null) return "";
        Duration d = Duration.between(f.period().from(), f.period().to());
        return " (" + WHEN.format(f.period().from()) + " to " + WHEN.format(f.period().to()) + ", "
                + count(BigDecimal.valueOf(d.toMinutes()).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP)) + " h)";
    }

    static String piiLabel(String type) {
        return switch (type) {
            case "email" -> "E-mail addresses";
            case "us_ssn" -> "US social security numbers";
            case "payment_card" -> "Payment card numbers";
            case "phone" -> "Phone numbers";
            case "ipv4" -> "IPv4 addresses";
            case "ipv6" -> "IPv6 addresses";
            case "iban" -> "IBANs";
            case "aws_access_key" -> "AWS access key ids";
            case "jwt" -> "JSON web tokens";
            case "private_key" -> "Private keys (PEM)";
            default -> type;
        };
    }
}
