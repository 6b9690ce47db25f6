package io.mockupaws.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.FontMapper;

/**
 * Liberation Sans (SIL Open Font License, from openpdf-fonts-extra), embedded in every PDF as a subset: a scenario
 * named in Greek, Cyrillic or with typographic quotes prints as typed, and the file looks the same on every viewer.
 * The charts use the same font (AWT measures with it, PDF draws with it), so no system font is needed.
 */
final class ReportFonts {

    final BaseFont regular;
    final BaseFont bold;
    final BaseFont mono;
    private final Font awtRegular;
    private final Font awtBold;

    private static volatile ReportFonts instance;

    private ReportFonts() {
        byte[] regularTtf = read("liberation/LiberationSans-Regular.ttf");
        byte[] boldTtf = read("liberation/LiberationSans-Bold.ttf");
        byte[] monoTtf = read("liberation/LiberationMono-Regular.ttf");
        try {
            regular = BaseFont.createFont("LiberationSans-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, regularTtf, null);
            bold = BaseFont.createFont("LiberationSans-Bold.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, boldTtf, null);
            mono = BaseFont.createFont("LiberationMono-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, monoTtf, null);
            awtRegular = Font.createFont(Font.TRUETYPE_FONT, new java.io.ByteArrayInputStream(regularTtf));
            awtBold = Font.createFont(Font.TRUETYPE_FONT, new java.io.ByteArrayInputStream(boldTtf));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException | org.openpdf.text.DocumentException e) {
            throw new IllegalStateException("The bundled report font cannot be read", e);
        }
    }

    static ReportFonts get() {
        ReportFonts f = instance;
        if (f == null) {
            synchronized (ReportFonts.class) {
                if (instance == null) instance = new ReportFonts();
                f = instance;
            }
        }
        return f;
    }

    Font awt(boolean isBold, float size) {
        return (isBold ? awtBold : awtRegular).deriveFont(size);
    }

    /** Charts drawn into the PDF: every AWT font becomes the embedded Liberation Sans of the same weight. */
    FontMapper mapper() {
        return new FontMapper() {
            @Override
            public BaseFont awtToPdf(Font font) {
                return font.isBold() || font.getFontName().contains("Bold") ? bold : regular;
            }

            @Override
            public Font pdfToAwt(BaseFont font, int size) {
                return awt(font == bold, size);
            }
        };
    }

    private static byte[] read(String resource) {
        try (InputStream in = ReportFonts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("Font " + resource + " is missing from the classpath (openpdf-fonts-extra)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
