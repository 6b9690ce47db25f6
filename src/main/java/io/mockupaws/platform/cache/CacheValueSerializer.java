package io.mockupaws.platform.cache;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.serializer.RedisSerializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cached value in Redis: its type and the fingerprint of that type's shape on the first line, then the value —
 * JSON written by the application's own mapper (Jackson 3: snake_case, decimals written plain), so a BigDecimal
 * comes back with its scale and a record reads back equal to what was written. Strings and bytes are stored as
 * they are.
 *
 * <p>A value that cannot be read back as this version of mockupAWS writes it — another version's record with other
 * components (instances of two versions share Redis during a rolling deploy), or not written by mockupAWS at all —
 * reads as absent: a miss, answered from the database and overwritten.
 */
final class CacheValueSerializer implements RedisSerializer<Object> {

    private static final Logger log = LoggerFactory.getLogger(CacheValueSerializer.class);
    private static final String BYTES = "bytes";
    private static final String STRING = "string";

    private final JsonMapper json;

    CacheValueSerializer(JsonMapper json) {
        this.json = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    @Override
    public byte[] serialize(Object value) {
        if (value == null) return null;
        CacheableTypes.check(value.getClass());
        String type;
        byte[] body;
        if (value instanceof byte[] b) {
            type = BYTES;
            body = b;
        } else if (value instanceof String s) {
            type = STRING;
            body = s.getBytes(StandardCharsets.UTF_8);
        } else {
            type = value.getClass().getName() + " " + RecordShape.fingerprint(value.getClass());
            body = json.writeValueAsBytes(value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(type.length() + 1 + body.length);
        out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
        out.write('\n');
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Override
    public Object deserialize(byte[] bytes) {
        if (bytes == null) return null;
        int newline = -1;
        for (int i = 0; i < Math.min(bytes.length, 512); i++) {
            if (bytes[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) return null;
        String type = new String(bytes, 0, newline, StandardCharsets.US_ASCII);
        int from = newline + 1;
        int length = bytes.length - from;
        switch (type) {
            case BYTES -> {
                byte[] b = new byte[length];
                System.arraycopy(bytes, from, b, 0, length);
                return b;
            }
            case STRING -> {
                return new String(bytes, from, length, StandardCharsets.UTF_8);
            }
            default -> {
                int space = type.indexOf(' ');
                Class<?> c = space < 0 ? null : CacheableTypes.resolve(type.substring(0, space));
                if (c == null || !type.substring(space + 1).equals(RecordShape.fingerprint(c))) {
                    log.debug("Ignoring a cached value of type {}: not a cacheable type of this version", type);
                    return null;
                }
                try {
                    return json.readValue(bytes, from, length, c);
                } catch (JacksonException e) {
                    log.debug("Ignoring a cached {} that does not read back: {}", type, e.getOriginalMessage());
                    return null;
                }
            }
        }
    }
}
