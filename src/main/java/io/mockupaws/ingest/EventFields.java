package io.mockupaws.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * How an event's message, source and time are found in what shippers send: the message from {@code message},
 * {@code log}, {@code msg} (or OTLP's {@code body}), else the whole event, compact; the source from {@code source},
 * {@code host}/{@code host.name}, {@code service.name}; the time from {@code @timestamp}, {@code timestamp},
 * {@code time}. A time we cannot read is left out rather than failing the event: shippers format times in many
 * ways, and the receive time is what billing uses.
 */
final class EventFields {

    private static final String[] MESSAGE_KEYS = {"message", "log", "msg"};
    // "date" is Fluent Bit's default json_date_key
    private static final String[] TIME_KEYS = {"@timestamp", "timestamp", "time", "date"};

    private EventFields() {}

    static IncomingEvent fromNode(JsonNode node, String position, String defaultSource) {
        if (!node.isObject()) {
            String message = node.isString() ? node.asString() : node.toString();
            return new IncomingEvent(message, defaultSource, null, position);
        }
        String message = null;
        for (String key : MESSAGE_KEYS) {
            JsonNode v = node.get(key);
            if (v != null && !v.isNull()) {
                message = v.isString() ? v.asString() : v.toString();
                break;
            }
        }
        if (message == null) message = node.toString();
        return new IncomingEvent(message, source(node, defaultSource), time(node), position);
    }

    static String source(JsonNode node, String defaultSource) {
        String s = text(node.get("source"));
        if (s == null) {
            JsonNode host = node.get("host");
            s = host != null && host.isObject() ? firstText(host.get("name"), host.get("hostname")) : text(host);
        }
        if (s == null) s = text(node.get("host.name"));
        if (s == null) s = text(node.get("service.name"));
        if (s == null) {
            JsonNode service = node.get("service");
            if (service != null && service.isObject()) s = text(service.get("name"));
        }
        return s == null ? defaultSource : s;
    }

    private static Instant time(JsonNode node) {
        for (String key : TIME_KEYS) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) continue;
            Instant t = v.isNumber() ? fromEpoch(v.decimalValue()) : v.isString() ? parse(v.asString()) : null;
            if (t != null) return t;
        }
        return null;
    }

    /** Epoch seconds, millis, micros or nanos, told apart by magnitude (shippers use all four). */
    static Instant fromEpoch(BigDecimal value) {
        if (value.signum() <= 0) return null;
        BigDecimal nanos;
        if (value.compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0) nanos = value.movePointRight(9);
        else if (value.compareTo(BigDecimal.valueOf(100_000_000_000_000L)) < 0) nanos = value.movePointRight(6);
        else if (value.compareTo(new BigDecimal("100000000000000000")) < 0) nanos = value.movePointRight(3);
        else nanos = value;
        try {
            long n = nanos.longValue();
            return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return null;
        }
    }

    static Instant parse(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 64) return null;
        Instant common = commonIsoForm(t);
        if (common != null) return common;
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return fromEpoch(new BigDecimal(t));
                } catch (NumberFormatException e3) {
                    return null;
                }
            }
        }
    }

    /**
     * The shape nearly every shipper sends — {@code 2026-11-24T10:00:00Z}, with optional fraction and a {@code Z} or
     * {@code ±hh:mm} offset — read by hand: {@link OffsetDateTime#parse} takes a few microseconds, a noticeable
     * part of a single-event request. Null for anything else (the general parsers then decide); values out of
     * range also give null, so the general parser refuses them as before.
     */
    static Instant commonIsoForm(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4), month = digits(t, 5, 7), day = digits(t, 8, 10);
        int hour = digits(t, 11, 13), minute = digits(t, 14, 16), second = digits(t, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
        int i = 19;
        int nanos = 0;
        if (t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && t.charAt(i) >= '0' && t.charAt(i) <= '9') nanos = nanos * 10 + (t.charAt(i++) - '0');
            if (i == start) return null;
            for (int k = i - start; k < 9; k++) nanos *= 10;
        }
        int offsetSeconds;
        if (i == n - 1 && t.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
            int oh = digits(t, i + 1, i + 3), om = digits(t, i + 4, i + 6);
            if (oh < 0 || om < 0 || oh > 18 || om > 59 || (oh == 18 && om > 0)) return null;
            offsetSeconds = (t.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String firstText(JsonNode a, JsonNode b) {
        String s = text(a);
        return s != null ? s : text(b);
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isContainer()) return null;
        String s = v.isString() ? v.asString() : v.toString();
        return s.isBlank() ? null : s;
    }
}
