package io.mockupaws.ingest;

import io.mockupaws.platform.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.springframework.http.HttpStatus;

/**
 * Reads an ingest body with its limits enforced while reading — 16 MiB on the wire, 64 MiB once decompressed
 * (a gzip bomb stops at the limit, it is never inflated whole) — and undoes {@code Content-Encoding}.
 */
final class RequestBody {

    private RequestBody() {}

    static byte[] read(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > IngestLimits.MAX_WIRE_BYTES) throw tooLarge("on the wire", IngestLimits.MAX_WIRE_BYTES);
        String encoding = request.getHeader("Content-Encoding");
        try {
            byte[] wire = readLimited(request.getInputStream(), IngestLimits.MAX_WIRE_BYTES, "on the wire", declared);
            byte[] body = decode(wire, encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT));
            if (body.length == 0) throw ApiException.badRequest("empty-body", "The request body is empty; send at least one event");
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable-body", "The request body could not be read: " + e.getClass().getSimpleName());
        }
    }

    private static byte[] decode(byte[] wire, String encoding) throws IOException {
        return switch (encoding) {
            case "identity", "" -> wire;
            case "gzip", "x-gzip" -> inflate(() -> new GZIPInputStream(new java.io.ByteArrayInputStream(wire)), "gzip");
            case "deflate" -> {
                // HTTP's "deflate" is zlib-wrapped, but some clients send raw deflate: accept both.
                try {
                    yield inflate(() -> new InflaterInputStream(new java.io.ByteArrayInputStream(wire)), "deflate");
                } catch (ApiException e) {
                    if (!"malformed-body".equals(e.code())) throw e;
                    yield inflate(() -> new InflaterInputStream(new java.io.ByteArrayInputStream(wire), new Inflater(true)), "deflate");
                }
            }
            default -> throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-content-encoding",
                    "Content-Encoding '" + encoding + "' is not supported; use gzip, deflate or none");
        };
    }

    private interface Decompressor {
        InputStream open() throws IOException;
    }

    private static byte[] inflate(Decompressor decompressor, String encoding) {
        try (InputStream in = decompressor.open()) {
            return readLimited(in, IngestLimits.MAX_DECODED_BYTES, "decompressed", -1);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed-body", "The body is not valid " + encoding + " data");
        }
    }

    /**
     * The stream's bytes, refused as soon as they pass {@code limit}. With a declared length (the usual case) the
     * body is read into an array of that size and nothing else: a single-event request allocates its 300 bytes,
     * not a 64 KiB buffer — at thousands of requests a second that is most of the garbage the server makes.
     */
    private static byte[] readLimited(InputStream in, long limit, String what, long declared) throws IOException {
        byte[] head = declared > 0 ? in.readNBytes((int) Math.min(declared, limit)) : new byte[0];
        int next = in.read();
        if (next < 0) return head;
        // no length declared, or more bytes than declared: read on, still counting against the limit
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(8192, head.length * 2));
        out.write(head);
        out.write(next);
        long total = head.length + 1L;
        if (total > limit) throw tooLarge(what, limit);
        byte[] buf = new byte[16384];
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > limit) throw tooLarge(what, limit);
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static ApiException tooLarge(String what, long limit) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                "The request body is larger than " + (limit / (1024 * 1024)) + " MiB " + what)
                .with("limit_bytes", limit);
    }
}
