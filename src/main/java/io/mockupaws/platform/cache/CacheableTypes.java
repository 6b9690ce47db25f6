package io.mockupaws.platform.cache;

/**
 * What a cache may hold: a record of mockupAWS without type parameters (its JSON says everything its components
 * are, so it reads back from Redis exactly as written), a String, or bytes. Checked on every lookup, with Caffeine
 * too, so a value Redis could not hold fails the tests rather than production.
 *
 * <p>Reading a value back from Redis instantiates only such a record, by name: a key written by anyone else cannot
 * make this process load an arbitrary class.
 */
final class CacheableTypes {

    private static final String OWN_PACKAGE = "io.mockupaws.";

    private CacheableTypes() {}

    static boolean allowed(Class<?> type) {
        return type == String.class || type == byte[].class
                || (type.isRecord() && type.getName().startsWith(OWN_PACKAGE) && type.getTypeParameters().length == 0);
    }

    static void check(Class<?> type) {
        if (!allowed(type)) {
            throw new IllegalArgumentException(type.getName() + " cannot be cached: a cached value is a record of "
                    + "io.mockupaws without type parameters (wrap a generic page in one), a String or bytes");
        }
    }

    /** The allowed class of that name, or null. */
    static Class<?> resolve(String name) {
        if (!name.startsWith(OWN_PACKAGE)) return null;
        try {
            Class<?> c = Class.forName(name, false, CacheableTypes.class.getClassLoader());
            return allowed(c) ? c : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
