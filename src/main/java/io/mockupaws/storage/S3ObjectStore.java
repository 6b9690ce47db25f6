package io.mockupaws.storage;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in an S3 bucket (AWS, or any S3-protocol server via an endpoint), optionally under a key prefix.
 *
 * <p>Uploads read the content into one part buffer of at most {@value #PART_SIZE} bytes, so memory does not grow
 * with the object: content that fits is one PutObject (WAL segments, 16 MiB, always do); anything longer is a
 * multipart upload, invisible to readers until it completes and aborted if anything fails. The SHA-256 is stored as
 * user metadata {@code x-amz-meta-sha256}. A multipart upload only knows it at the end, after S3 has fixed the
 * object's metadata, so the object is then copied onto itself server-side with the hash added (no bytes pass
 * through this process, but S3 does copy them).
 *
 * <p>Request checksums are sent only where S3 requires them, and each upload carries a Content-MD5 instead: the SDK's
 * default CRC trailers are not understood by many S3-protocol servers, while Content-MD5 is, and it still lets the
 * server reject a corrupted part.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {

    /** Part size, and the most a single upload buffers. 10,000 parts of this cap an object at 156.25 GiB. */
    static final int PART_SIZE = 16 * 1024 * 1024;
    static final int MAX_PARTS = 10_000;
    /** S3's largest part for a server-side copy. */
    static final long MAX_COPY_PART = 5L * 1024 * 1024 * 1024;

    private static final int FIRST_BUFFER_BYTES = 256 * 1024;
    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final S3Client s3;
    private final String bucket;
    private final String keyPrefix;
    private final String description;
    private final List<AutoCloseable> owned;

    S3ObjectStore(S3Client s3, String bucket, String keyPrefix, String description, List<AutoCloseable> owned) {
        this.s3 = s3;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
        this.description = description;
        this.owned = owned;
    }

    /** Validates {@code settings} (messages name {@code MOCKUPAWS_S3_*}) and connects; close the store when done. */
    public static S3ObjectStore connect(S3Settings settings) {
        return connect(settings, ObjectStores.S3_ENV_PREFIX);
    }

    /** As {@link #connect(S3Settings)}, with messages naming the variables under {@code envPrefix}. */
    static S3ObjectStore connect(S3Settings settings, String envPrefix) {
        if (!settings.selectsS3()) throw new IllegalArgumentException(envPrefix + "BUCKET must be set");
        String bucket = settings.bucket().strip();
        if (bucket.contains("/")) throw new IllegalArgumentException(envPrefix + "BUCKET must be a bucket name");
        URI endpoint = S3Settings.isBlank(settings.endpoint()) ? null : endpoint(settings.endpoint(), envPrefix);
        String region = S3Settings.isBlank(settings.region()) ? S3Settings.DEFAULT_REGION : settings.region().strip();
        String prefix = keyPrefix(settings.prefix(), envPrefix);
        boolean pathStyle = settings.pathStyle() != null ? settings.pathStyle() : endpoint != null;
        boolean hasAccessKey = !S3Settings.isBlank(settings.accessKey());
        boolean hasSecretKey = !S3Settings.isBlank(settings.secretKey());
        if (hasAccessKey != hasSecretKey) {
            throw new IllegalArgumentException(envPrefix + "ACCESS_KEY and " + envPrefix
                    + "SECRET_KEY must be set together (or neither, for the AWS default credentials chain)");
        }

        List<AutoCloseable> owned = new ArrayList<>();
        AwsCredentialsProvider credentials;
        if (hasAccessKey) {
            credentials = StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKey().strip(), settings.secretKey().strip()));
        } else {
            DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
            owned.add(chain);
            credentials = chain;
        }
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .forcePathStyle(pathStyle)
                .credentialsProvider(credentials)
                .httpClientBuilder(Apache5HttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null) builder.endpointOverride(endpoint);
        S3Client client = builder.build();
        owned.addFirst(client);

        String description = "s3://" + bucket + "/" + prefix + (endpoint == null ? "" : " at " + endpoint);
        return new S3ObjectStore(client, bucket, prefix, description, owned);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public StoredObject put(String key, InputStream content, long length, Map<String, String> metadata) {
        ObjectKeys.requireValidKey(key);
        ObjectKeys.requireValidMetadata(metadata);
        try {
            return upload(key, new MeasuredContent(key, content, length), metadata, false);
        } catch (SdkException e) {
            throw failure("storing", key, e);
        }
    }

    @Override
    public PutOutcome putIfAbsent(String key, InputStream content, long length, Map<String, String> metadata) {
        ObjectKeys.requireValidKey(key);
        ObjectKeys.requireValidMetadata(metadata);
        MeasuredContent source = new MeasuredContent(key, content, length);
        try {
            Optional<StoredObject> existing = stat(key);
            if (existing.isPresent()) {
                // Still read the offer to its end: its hash decides between a harmless retry and a conflict.
                source.drain();
                return PutIfAbsent.existingOrConflict(this, existing.get(), source.sha256());
            }
            try {
                return new PutOutcome(upload(key, source, metadata, true), true);
            } catch (KeyTaken e) {
                // Another writer got there between our look and our write; the write condition caught it.
                StoredObject winner = stat(key).orElseThrow(() -> new ObjectStoreException(
                        "'" + key + "' in " + description + " was created and deleted while we stored it; retry"));
                return PutIfAbsent.existingOrConflict(this, winner, source.sha256());
            }
        } catch (SdkException e) {
            throw failure("storing", key, e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        ObjectKeys.requireValidKey(key);
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(keyPrefix + key));
            Map<String, String> metadata = new HashMap<>(head.metadata());
            Optional<String> sha256 = Optional.ofNullable(metadata.remove(ObjectKeys.SHA256_METADATA))
                    .filter(h -> SHA256_HEX.matcher(h).matches());
            return Optional.of(new StoredObject(key, head.contentLength(), head.lastModified(), sha256, metadata));
        } catch (S3Exception e) {
            // A HEAD response has no body to tell NoSuchKey from NoSuchBucket; a missing bucket surfaces on the
            // next get, put or list instead.
            if (e.statusCode() == 404) return Optional.empty();
            throw failure("reading the attributes of", key, e);
        } catch (SdkException e) {
            throw failure("reading the attributes of", key, e);
        }
    }

    @Override
    public InputStream get(String key) {
        ObjectKeys.requireValidKey(key);
        try {
            return new EarlyCloseAborts(s3.getObject(b -> b.bucket(bucket).key(keyPrefix + key)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e))) {
                throw new NoSuchObjectException(description, key);
            }
            throw failure("opening", key, e);
        } catch (SdkException e) {
            throw failure("opening", key, e);
        }
    }

    @Override
    public List<ObjectSummary> list(String prefix) {
        ObjectKeys.requireValidPrefix(prefix);
        List<ObjectSummary> found = new ArrayList<>();
        try {
            // The paginator follows continuation tokens: S3 returns at most 1,000 keys per response.
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(keyPrefix + prefix))
                    .contents()) {
                String key = object.key().substring(keyPrefix.length());
                // Objects other tools put in the bucket may not follow our key rules; they are not ours.
                if (ObjectKeys.isValidKey(key)) found.add(new ObjectSummary(key, object.size(), object.lastModified()));
            }
        } catch (SdkException e) {
            throw new ObjectStoreException("listing '" + prefix + "' in " + description + " failed: "
                    + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(ObjectSummary::key, ObjectKeys.ORDER));
        return found;
    }

    @Override
    public void delete(String key) {
        ObjectKeys.requireValidKey(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(keyPrefix + key));
        } catch (SdkException e) {
            throw failure("deleting", key, e);
        }
    }

    /** Closes the S3 client and the credentials chain this store opened. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) failure = new ObjectStoreException("closing " + description + " failed", e);
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    private StoredObject upload(String key, MeasuredContent source, Map<String, String> metadata, boolean ifAbsent) {
        long length = source.declaredLength();
        if (length > (long) PART_SIZE * MAX_PARTS) throw tooLarge(key);
        String s3Key = keyPrefix + key;
        PartBuffer buffer = new PartBuffer(length >= 0 ? (int) Math.min(length, PART_SIZE) : FIRST_BUFFER_BYTES);
        buffer.fill(source);
        if (source.atEnd()) {
            putObject(s3Key, buffer, withSha256(metadata, source.sha256()), ifAbsent);
        } else {
            String etag = multipartUpload(key, s3Key, source, buffer, metadata, ifAbsent);
            recordSha256(key, s3Key, source.size(), etag, withSha256(metadata, source.sha256()));
        }
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(s3Key));
        return new StoredObject(key, source.size(), head.lastModified(), Optional.of(source.sha256()), metadata);
    }

    private void putObject(String s3Key, PartBuffer buffer, Map<String, String> metadata, boolean ifAbsent) {
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(s3Key)
                .contentType(CONTENT_TYPE)
                .contentLength((long) buffer.size())
                .contentMD5(buffer.md5())
                .metadata(metadata);
        if (ifAbsent) request.ifNoneMatch("*");
        try {
            s3.putObject(request.build(), buffer.body());
        } catch (S3Exception e) {
            if (ifAbsent && conditionFailed(e)) throw new KeyTaken();
            throw e;
        }
    }

    /** Uploads the buffered first part and the rest of {@code source}; returns the completed object's ETag. */
    private String multipartUpload(String key, String s3Key, MeasuredContent source, PartBuffer buffer,
            Map<String, String> metadata, boolean ifAbsent) {
        String uploadId = s3.createMultipartUpload(
                b -> b.bucket(bucket).key(s3Key).contentType(CONTENT_TYPE).metadata(metadata)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            while (true) {
                int number = parts.size() + 1;
                if (number > MAX_PARTS) throw tooLarge(key);
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(s3Key).uploadId(uploadId).partNumber(number)
                        .contentLength((long) buffer.size()).contentMD5(buffer.md5()), buffer.body()).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                if (source.atEnd()) break;
                buffer.clear();
                buffer.fill(source);
            }
            source.sha256(); // the declared length is checked before anything becomes visible
            CompleteMultipartUploadRequest.Builder complete = CompleteMultipartUploadRequest.builder()
                    .bucket(bucket).key(s3Key).uploadId(uploadId).multipartUpload(u -> u.parts(parts));
            if (ifAbsent) complete.ifNoneMatch("*");
            try {
                return s3.completeMultipartUpload(complete.build()).eTag();
            } catch (S3Exception e) {
                if (ifAbsent && conditionFailed(e)) throw new KeyTaken();
                throw e;
            }
        } catch (RuntimeException e) {
            abort(s3Key, uploadId, e);
            throw e;
        }
    }

    /**
     * Re-writes the object's metadata with its SHA-256 by a server-side multipart copy of the object onto itself,
     * in parts of up to 5 GiB (S3's limit for a single copy request, which a backup can exceed). The copy is
     * conditional on the ETag just completed, so a concurrent writer's object is never labelled with our hash.
     */
    private void recordSha256(String key, String s3Key, long size, String etag, Map<String, String> metadata) {
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(
                    b -> b.bucket(bucket).key(s3Key).contentType(CONTENT_TYPE).metadata(metadata)).uploadId();
        } catch (SdkException e) {
            throw unrecordedSha256(key, e);
        }
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long start = 0; start < size; start += MAX_COPY_PART) {
                int number = parts.size() + 1;
                String range = "bytes=" + start + "-" + (Math.min(size, start + MAX_COPY_PART) - 1);
                String partEtag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(s3Key)
                        .destinationBucket(bucket).destinationKey(s3Key).uploadId(uploadId).partNumber(number)
                        .copySourceRange(range).copySourceIfMatch(etag)).copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(partEtag).build());
            }
            s3.completeMultipartUpload(
                    b -> b.bucket(bucket).key(s3Key).uploadId(uploadId).multipartUpload(u -> u.parts(parts)));
        } catch (SdkException e) {
            abort(s3Key, uploadId, e);
            throw unrecordedSha256(key, e);
        }
    }

    private void abort(String s3Key, String uploadId, RuntimeException cause) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(s3Key).uploadId(uploadId));
        } catch (SdkException e) {
            // The bucket keeps the parts until a lifecycle rule or a later abort removes them; say so with the cause.
            cause.addSuppressed(e);
        }
    }

    private static Map<String, String> withSha256(Map<String, String> metadata, String sha256) {
        Map<String, String> all = new HashMap<>(metadata);
        all.put(ObjectKeys.SHA256_METADATA, sha256);
        return all;
    }

    private static boolean conditionFailed(S3Exception e) {
        // 412: the key exists. 409: a concurrent conditional write to the same key is in progress on AWS.
        return e.statusCode() == 412 || e.statusCode() == 409;
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private static URI endpoint(String value, String envPrefix) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            // The message would repeat the value, which may hold credentials; name the variable only.
            throw new IllegalArgumentException(envPrefix + "ENDPOINT is not a valid URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(envPrefix + "ENDPOINT must not contain credentials; use "
                    + envPrefix + "ACCESS_KEY and " + envPrefix + "SECRET_KEY");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(envPrefix + "ENDPOINT must be an http:// or https:// URL with a host");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(envPrefix + "ENDPOINT must be scheme://host[:port] only; put a folder "
                    + "inside the bucket in " + envPrefix + "PREFIX");
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    private static String keyPrefix(String value, String envPrefix) {
        if (S3Settings.isBlank(value)) return "";
        String prefix = value.strip();
        while (prefix.startsWith("/")) prefix = prefix.substring(1);
        while (prefix.endsWith("/")) prefix = prefix.substring(0, prefix.length() - 1);
        if (prefix.isEmpty()) return "";
        if (!ObjectKeys.isValidKey(prefix)) {
            throw new IllegalArgumentException(envPrefix + "PREFIX must be a '/'-separated folder path following "
                    + "the object key rules: " + ObjectKeys.quote(prefix));
        }
        return prefix + "/";
    }

    private ObjectStoreException tooLarge(String key) {
        return new ObjectStoreException("'" + key + "' is larger than " + description + " can take: at most "
                + MAX_PARTS + " parts of " + PART_SIZE / (1024 * 1024) + " MiB");
    }

    private ObjectStoreException unrecordedSha256(String key, SdkException e) {
        return new ObjectStoreException("'" + key + "' was uploaded to " + description
                + " but recording its SHA-256 failed (storing it again repairs that): " + e.getMessage(), e);
    }

    private ObjectStoreException failure(String action, String key, SdkException e) {
        return new ObjectStoreException(action + " '" + key + "' in " + description + " failed: " + e.getMessage(), e);
    }

    /** Thrown inside a conditional upload when the key turned out to exist. */
    private static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super(null, null, false, false);
        }
    }

    /**
     * One upload's bytes, reused from part to part. It starts small and grows to {@link #PART_SIZE} only for
     * content that long, so small metadata files do not each allocate 16 MiB.
     */
    private static final class PartBuffer {
        private byte[] bytes;
        private int size;

        PartBuffer(int initialCapacity) {
            bytes = new byte[Math.max(initialCapacity, 1)];
        }

        void fill(MeasuredContent source) {
            while (true) {
                if (size == bytes.length) {
                    if (bytes.length == PART_SIZE || source.atEnd()) return;
                    bytes = Arrays.copyOf(bytes, (int) Math.min((long) bytes.length * 2, PART_SIZE));
                }
                int n = source.read(bytes, size, bytes.length - size);
                if (n < 0) return;
                size += n;
            }
        }

        void clear() {
            size = 0;
        }

        int size() {
            return size;
        }

        String md5() {
            try {
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                md5.update(bytes, 0, size);
                return Base64.getEncoder().encodeToString(md5.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK provides MD5", e);
            }
        }

        /** A body the SDK can re-open for a retry, straight from the buffer without copying it. */
        RequestBody body() {
            byte[] content = bytes;
            int length = size;
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(content, 0, length), length,
                    CONTENT_TYPE);
        }
    }

    /**
     * Closing an S3 response before its end would otherwise read the remainder to reuse the connection, which for
     * a multi-GB backup abandoned early means downloading it anyway; aborting drops the connection instead.
     */
    private static final class EarlyCloseAborts extends FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> response;
        private boolean ended;

        EarlyCloseAborts(ResponseInputStream<GetObjectResponse> response) {
            super(response);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) ended = true;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) ended = true;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) response.abort();
            super.close();
        }
    }
}
