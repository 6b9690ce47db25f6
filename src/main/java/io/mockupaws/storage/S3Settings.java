package io.mockupaws.storage;

import java.util.Locale;
import java.util.Map;

/**
 * Where an S3 store is, as configured: from environment variables ({@code MOCKUPAWS_S3_*},
 * {@code MOCKUPAWS_BACKUP_SECONDARY_*}) or the Spring properties they bind to ({@code mockupaws.s3.*},
 * {@code mockupaws.backup.secondary.*}). Values are as given; blank means unset. {@link S3ObjectStore#connect}
 * validates them.
 *
 * @param endpoint an S3-protocol server ({@code http(s)://host:port}); unset means AWS itself
 * @param region defaults to {@value #DEFAULT_REGION}
 * @param bucket setting it is what selects S3
 * @param prefix a folder inside the bucket all keys go under, so one bucket can serve several installations
 * @param accessKey with {@code secretKey}; both unset means the AWS default chain (environment, profile, instance
 *                  role)
 * @param pathStyle {@code host/bucket/key} URLs instead of {@code bucket.host/key}; defaults to {@code true} when an
 *                  endpoint is set, since S3-protocol servers rarely have per-bucket DNS names
 */
public record S3Settings(
        String endpoint,
        String region,
        String bucket,
        String prefix,
        String accessKey,
        String secretKey,
        Boolean pathStyle) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final S3Settings NONE = new S3Settings(null, null, null, null, null, null, null);

    /**
     * Reads {@code <envPrefix>ENDPOINT}, {@code REGION}, {@code BUCKET}, {@code PREFIX}, {@code ACCESS_KEY},
     * {@code SECRET_KEY} and {@code PATH_STYLE} ({@code true}/{@code false}).
     */
    public static S3Settings fromEnvironment(Map<String, String> env, String envPrefix) {
        String pathStyle = env.get(envPrefix + "PATH_STYLE");
        return new S3Settings(
                env.get(envPrefix + "ENDPOINT"),
                env.get(envPrefix + "REGION"),
                env.get(envPrefix + "BUCKET"),
                env.get(envPrefix + "PREFIX"),
                env.get(envPrefix + "ACCESS_KEY"),
                env.get(envPrefix + "SECRET_KEY"),
                isBlank(pathStyle) ? null : parseBoolean(envPrefix + "PATH_STYLE", pathStyle));
    }

    /** Whether the bucket is set, i.e. whether S3 is selected. */
    public boolean selectsS3() {
        return !isBlank(bucket);
    }

    /** Whether anything at all is set; settings without a bucket are then a mistake worth reporting. */
    public boolean anySet() {
        return selectsS3() || !isBlank(endpoint) || !isBlank(region) || !isBlank(prefix) || !isBlank(accessKey)
                || !isBlank(secretKey) || pathStyle != null;
    }

    /** Names the settings that are set, for messages, without their values. */
    String setNames(String envPrefix) {
        StringBuilder names = new StringBuilder();
        appendIfSet(names, envPrefix + "BUCKET", bucket);
        appendIfSet(names, envPrefix + "ENDPOINT", endpoint);
        appendIfSet(names, envPrefix + "REGION", region);
        appendIfSet(names, envPrefix + "PREFIX", prefix);
        appendIfSet(names, envPrefix + "ACCESS_KEY", accessKey);
        appendIfSet(names, envPrefix + "SECRET_KEY", secretKey);
        appendIfSet(names, envPrefix + "PATH_STYLE", pathStyle == null ? null : pathStyle.toString());
        return names.toString();
    }

    /** Credentials are replaced by whether they are set: records print every component otherwise. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
                + ", accessKey=" + (isBlank(accessKey) ? "unset" : "set") + ", secretKey="
                + (isBlank(secretKey) ? "unset" : "set") + ", pathStyle=" + pathStyle + "]";
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static void appendIfSet(StringBuilder names, String name, String value) {
        if (isBlank(value)) return;
        if (!names.isEmpty()) names.append(", ");
        names.append(name);
    }

    private static boolean parseBoolean(String name, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
        };
    }
}
