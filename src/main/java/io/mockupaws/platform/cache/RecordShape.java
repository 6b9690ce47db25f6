package io.mockupaws.platform.cache;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The shape of a record: its components' names and declared types, down through the records and type arguments
 * they hold. Two versions of mockupAWS agree on a cached value only if they agree on this, which JSON alone cannot
 * tell (a component added since would read back as null).
 */
final class RecordShape {

    private static final ClassValue<String> FINGERPRINTS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(shape(type).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    private RecordShape() {}

    static String fingerprint(Class<?> type) {
        return FINGERPRINTS.get(type);
    }

    /** What the fingerprint is taken of, e.g. {@code a.Bill{lines:java.util.List<a.Line{dimension:java.lang.String;},>;}}. */
    static String shape(Class<?> type) {
        StringBuilder b = new StringBuilder();
        describe(type, b, new HashSet<>());
        return b.toString();
    }

    private static void describe(Type type, StringBuilder b, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType p) {
            describe(p.getRawType(), b, seen);
            b.append('<');
            for (Type arg : p.getActualTypeArguments()) {
                describe(arg, b, seen);
                b.append(',');
            }
            b.append('>');
        } else if (type instanceof GenericArrayType a) {
            describe(a.getGenericComponentType(), b, seen);
            b.append("[]");
        } else if (type instanceof Class<?> c) {
            b.append(c.getName());
            if (c.isRecord() && seen.add(c)) {
                b.append('{');
                for (RecordComponent rc : c.getRecordComponents()) {
                    b.append(rc.getName()).append(':');
                    describe(rc.getGenericType(), b, seen);
                    b.append(';');
                }
                b.append('}');
            }
        } else {
            b.append(type.getTypeName());
        }
    }
}
