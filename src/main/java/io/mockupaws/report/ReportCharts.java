package io.mockupaws.report;

import io.mockupaws.insights.ReportFigures;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.RingPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;
import org.jfree.data.time.Day;
import org.jfree.data.time.Hour;
import org.jfree.data.time.RegularTimePeriod;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.time.TimeTableXYDataset;
import org.openpdf.text.BadElementException;
import org.openpdf.text.Image;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfTemplate;

/**
 * The report's charts, drawn by JFreeChart straight into the PDF as vector graphics (a PDF form XObject, placed like
 * an image): sharp at any zoom, and a few kilobytes each. One quiet style: white ground, hairline grid, the services
 * in fixed colours so a reader learns them once.
 */
final class ReportCharts {

    static final Color SQS = new Color(0x4F46E5);
    static final Color LAMBDA = new Color(0xF59E0B);
    static final Color BEDROCK = new Color(0x10B981);
    static final Color INK = new Color(0x0F172A);
    static final Color MUTED = new Color(0x64748B);
    static final Color GRID = new Color(0xE2E8F0);
    static final Color TRAFFIC = new Color(0x0EA5E9);
    static final Color PII = new Color(0xE11D48);

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    /** Bottom to top of a stack. */
    private static final List<String> SERVICES = List.of("sqs", "lambda", "bedrock");
    /** Bars read well up to about two days of hours; beyond, an area. */
    private static final int BARS_UP_TO = 60;

    private final ReportFonts fonts;

    ReportCharts(ReportFonts fonts) {
        this.fonts = fonts;
    }

    static Color colour(String service) {
        return switch (service) {
            case "sqs" -> SQS;
            case "lambda" -> LAMBDA;
            default -> BEDROCK;
        };
    }

    static String label(String service) {
        return switch (service) {
            case "sqs" -> "SQS";
            case "lambda" -> "Lambda";
            case "bedrock" -> "Bedrock";
            default -> service;
        };
    }

    /** Share of each service in the bill, as a ring with the total in the middle. */
    JFreeChart costRing(List<ReportFigures.ServiceCost> services, String centre) {
        DefaultPieDataset<String> data = new DefaultPieDataset<>();
        for (ReportFigures.ServiceCost s : services) data.setValue(label(s.service()), s.costUsd().doubleValue());
        RingPlot plot = new RingPlot(data);
        for (ReportFigures.ServiceCost s : services) plot.setSectionPaint(label(s.service()), colour(s.service()));
        plot.setSectionDepth(0.32);
        plot.setSeparatorsVisible(true);
        plot.setSeparatorPaint(Color.WHITE);
        plot.setSeparatorStroke(new BasicStroke(2f));
        plot.setSectionOutlinesVisible(false);
        plot.setShadowPaint(null);
        plot.setLabelGenerator(null);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setCenterTextMode(org.jfree.chart.plot.CenterTextMode.FIXED);
        plot.setCenterText(centre);
        plot.setCenterTextFont(fonts.awt(true, 13f));
        plot.setCenterTextColor(INK);
        plot.setInteriorGap(0.04);
        JFreeChart chart = new JFreeChart(null, fonts.awt(false, 8f), plot, true);
        style(chart);
        return chart;
    }

    /** Cost per bucket, stacked by service: bars for a few buckets, an area for many. */
    JFreeChart costOverTime(List<ReportFigures.Point> series, boolean daily) {
        XYItemRenderer renderer;
        XYPlot plot;
        if (series.size() <= BARS_UP_TO) {
            TimeTableXYDataset data = new TimeTableXYDataset(UTC);
            for (ReportFigures.Point p : series) {
                RegularTimePeriod period = period(p.start(), daily);
                for (String s : SERVICES) data.add(period, cost(p, s), label(s), false);
            }
            renderer = flat(new StackedXYBarRenderer(0.15));
            for (int i = 0; i < SERVICES.size(); i++) renderer.setSeriesPaint(i, colour(SERVICES.get(i)));
            plot = new XYPlot(data, timeAxis(daily, series.size()), moneyAxis(), renderer);
        } else {
            // Stacked by hand: each service's area runs up to the sum of those below it, and the tallest is drawn
            // first. An area renderer draws one polygon per series (a stacked one draws one per item, and a PDF
            // viewer shows hairline seams between them).
            TimeSeriesCollection data = new TimeSeriesCollection(UTC);
            for (int top = SERVICES.size() - 1; top >= 0; top--) {
                TimeSeries cumulative = new TimeSeries(label(SERVICES.get(top)));
                for (ReportFigures.Point p : series) {
                    double sum = 0;
                    for (int i = 0; i <= top; i++) sum += cost(p, SERVICES.get(i));
                    cumulative.add(period(p.start(), daily), sum);
                }
                data.addSeries(cumulative);
            }
            XYAreaRenderer area = new XYAreaRenderer(XYAreaRenderer.AREA);
            area.setOutline(false);
            area.setLegendArea(new java.awt.geom.Rectangle2D.Double(-4, -4, 8, 8));
            for (int i = 0; i < SERVICES.size(); i++) area.setSeriesPaint(i, colour(SERVICES.get(SERVICES.size() - 1 - i)));
            renderer = area;
            plot = new XYPlot(data, timeAxis(daily, series.size()), moneyAxis(), renderer);
            plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        }
        JFreeChart chart = new JFreeChart(null, fonts.awt(false, 8f), plot, true);
        style(chart);
        return chart;
    }

    private static double cost(ReportFigures.Point p, String service) {
        return p.costByService().getOrDefault(service, BigDecimal.ZERO).doubleValue();
    }

    /** Events per bucket. */
    JFreeChart trafficOverTime(List<ReportFigures.Point> series, boolean daily) {
        TimeSeries events = new TimeSeries("Events");
        for (ReportFigures.Point p : series) events.add(period(p.start(), daily), p.events());
        TimeSeriesCollection data = new TimeSeriesCollection(events, UTC);
        XYItemRenderer renderer;
        if (series.size() <= BARS_UP_TO) {
            renderer = flat(new XYBarRenderer(0.15));
        } else {
            XYAreaRenderer area = new XYAreaRenderer(XYAreaRenderer.AREA);
            area.setOutline(false);
            renderer = area;
        }
        renderer.setSeriesPaint(0, TRAFFIC);
        NumberAxis count = new NumberAxis();
        count.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.US));
        count.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.US));
        XYPlot plot = new XYPlot(data, timeAxis(daily, series.size()), count, renderer);
        JFreeChart chart = new JFreeChart(null, fonts.awt(false, 8f), plot, false);
        style(chart);
        return chart;
    }

    /** Events with a finding, per PII type (types without any are left out). */
    JFreeChart piiByType(Map<String, BigDecimal> counts) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        counts.forEach((type, n) -> {
            if (n.signum() > 0) data.addValue(n, "events", PdfReport.piiLabel(type));
        });
        CategoryAxis types = new CategoryAxis();
        NumberAxis values = new NumberAxis();
        values.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.US));
        values.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.US));
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, PII);
        renderer.setMaximumBarWidth(0.12);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", NumberFormat.getIntegerInstance(Locale.US)));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(fonts.awt(false, 7.5f));
        renderer.setDefaultItemLabelPaint(INK);
        renderer.setDefaultPositiveItemLabelPosition(new org.jfree.chart.labels.ItemLabelPosition(
                org.jfree.chart.labels.ItemLabelAnchor.OUTSIDE3, org.jfree.chart.ui.TextAnchor.CENTER_LEFT));
        renderer.setItemLabelAnchorOffset(4);
        values.setUpperMargin(0.12);
        CategoryPlot plot = new CategoryPlot(data, types, values, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
        JFreeChart chart = new JFreeChart(null, fonts.awt(false, 8f), plot, false);
        style(chart);
        return chart;
    }

    /** The chart as a vector drawing of {@code width} × {@code height} points, ready to place in the document. */
    Image draw(JFreeChart chart, PdfContentByte canvas, float width, float height) {
        PdfTemplate template = canvas.createTemplate(width, height);
        Graphics2D g = template.createGraphics(width, height, fonts.mapper());
        try {
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        try {
            return Image.getInstance(template);
        } catch (BadElementException e) {
            throw new IllegalStateException(e);
        }
    }

    private static XYBarRenderer flat(XYBarRenderer bars) {
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        return bars;
    }

    private static RegularTimePeriod period(java.time.Instant start, boolean daily) {
        Date d = Date.from(start);
        return daily ? new Day(d, UTC, Locale.US) : new Hour(d, UTC, Locale.US);
    }

    /** Times of day only while they mean something: beyond three days of hours, a tick a day (or every few days). */
    private DateAxis timeAxis(boolean daily, int points) {
        DateAxis axis = new DateAxis();
        axis.setTimeZone(UTC);
        axis.setLowerMargin(0.01);
        axis.setUpperMargin(0.01);
        boolean days = daily || points > 72;
        SimpleDateFormat format = new SimpleDateFormat(days ? "d MMM" : "d MMM HH:mm", Locale.US);
        format.setTimeZone(UTC);
        if (days) {
            int span = daily ? points : Math.ceilDiv(points, 24);
            axis.setTickUnit(new org.jfree.chart.axis.DateTickUnit(org.jfree.chart.axis.DateTickUnitType.DAY,
                    Math.max(1, Math.ceilDiv(span, 10)), format));
        } else {
            axis.setDateFormatOverride(format);
        }
        return axis;
    }

    private static NumberAxis moneyAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setNumberFormatOverride(new DecimalFormat("$#,##0.######"));
        axis.setAutoRangeIncludesZero(true);
        return axis;
    }

    private void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setAntiAlias(true);
        chart.setPadding(new RectangleInsets(2, 2, 2, 2));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(fonts.awt(false, 8f));
            legend.setItemPaint(INK);
            legend.setFrame(BlockBorder.NONE);
            legend.setBackgroundPaint(Color.WHITE);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
        if (chart.getPlot() instanceof XYPlot xy) {
            grid(xy.getDomainAxis(), xy.getRangeAxis());
            xy.setBackgroundPaint(Color.WHITE);
            xy.setOutlineVisible(false);
            xy.setDomainGridlinesVisible(false);
            xy.setRangeGridlinePaint(GRID);
            xy.setRangeGridlineStroke(new BasicStroke(0.5f));
            xy.setAxisOffset(RectangleInsets.ZERO_INSETS);
        } else if (chart.getPlot() instanceof CategoryPlot c) {
            c.getDomainAxis().setTickLabelFont(fonts.awt(false, 8f));
            c.getDomainAxis().setTickLabelPaint(INK);
            c.getDomainAxis().setAxisLineVisible(false);
            c.getDomainAxis().setTickMarksVisible(false);
            grid(null, c.getRangeAxis());
            c.setBackgroundPaint(Color.WHITE);
            c.setOutlineVisible(false);
            c.setRangeGridlinePaint(GRID);
            c.setRangeGridlineStroke(new BasicStroke(0.5f));
            c.setAxisOffset(RectangleInsets.ZERO_INSETS);
        }
    }

    private void grid(ValueAxis domain, ValueAxis range) {
        for (ValueAxis axis : new ValueAxis[] {domain, range}) {
            if (axis == null) continue;
            axis.setTickLabelFont(fonts.awt(false, 7.5f));
            axis.setTickLabelPaint(MUTED);
            axis.setAxisLineVisible(axis == domain);
            axis.setAxisLinePaint(GRID);
            axis.setTickMarksVisible(false);
        }
    }
}
