package dev.floorgate.core.internal;

import dev.floorgate.core.PhotosConfiguration;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The photos' object store: an S3 API (AWS, MinIO, S3Proxy, ...) through the AWS SDK v2 with the JDK's
 * URL-connection HTTP client, so no second Netty joins Micronaut's. Every key is under
 * {@code tenants/{tenant}/}: photos and thumbnails under {@code photos/}, staged upload chunks under
 * {@code uploads/}. The SDK's default CRC checksums (aws-chunked bodies) are asked only where S3 requires them:
 * several S3-API servers do not take aws-chunked bodies, and the photo's own SHA-256 is checked by PhotoUploads.
 * Failures are IOExceptions naming the key; the SDK's exception is their cause.
 *
 * <p>Every call names the tenant it acts for and is refused (IllegalStateException, before any request) when the key
 * is not under that tenant's prefix: a bug handing one tenant's request another's key cannot read, write, delete or
 * sign it. One set of S3 credentials serves all tenants (docs/TENANTS.md says why).
 */
final class PhotoStore implements AutoCloseable {
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    PhotoStore(PhotosConfiguration config) {
        URI endpoint = URI.create(config.getEndpoint());
        Region region = Region.of(config.getRegion());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(config.getAccessKey(), config.getSecretKey()));
        S3Configuration s3config = S3Configuration.builder().pathStyleAccessEnabled(config.isPathStyle()).build();
        this.s3 = S3Client.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .serviceConfiguration(s3config)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)).build())
                .build();
        this.presigner = S3Presigner.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).serviceConfiguration(s3config).build();
        this.bucket = config.getBucket();
    }

    /** The prefix of every object of the tenant. */
    static String prefix(String tenant) {
        TenantNames.checkCode(tenant);
        return "tenants/" + tenant + "/";
    }

    /** Refuses a key outside the tenant's prefix (a tenant code cannot contain '/', so prefixes never nest). */
    static void requireOwn(String tenant, String key) {
        if (key == null || !key.startsWith(prefix(tenant)) || java.util.Arrays.asList(key.split("/")).stream()
                .anyMatch(segment -> segment.equals(".") || segment.equals(".."))) {
            throw new IllegalStateException("object key '" + key + "' is not under tenant " + tenant + "'s prefix "
                    + prefix(tenant) + "; refused before calling the photo store");
        }
    }

    static String photoKey(String tenant, String sha256) {
        return "tenants/" + tenant + "/photos/" + sha256 + ".jpg";
    }

    static String thumbnailKey(String tenant, String sha256) {
        return "tenants/" + tenant + "/photos/" + sha256 + ".thumb.jpg";
    }

    static String chunkKey(String tenant, String uploadId, long offset, String chunkSha256) {
        return "tenants/" + tenant + "/uploads/" + uploadId + "/" + offset + "-" + chunkSha256;
    }

    void put(String tenant, String key, byte[] bytes, String contentType) throws IOException {
        requireOwn(tenant, key);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength((long) bytes.length),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new IOException("the photo store refused to store " + key + " (" + bytes.length + " bytes) in bucket "
                    + bucket + ": " + e.getMessage(), e);
        }
    }

    byte[] get(String tenant, String key) throws IOException {
        requireOwn(tenant, key);
        try {
            return s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build()).asByteArray();
        } catch (SdkException e) {
            throw new IOException("the photo store could not read " + key + " from bucket " + bucket + ": "
                    + e.getMessage(), e);
        }
    }

    boolean exists(String tenant, String key) throws IOException {
        requireOwn(tenant, key);
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("the photo store could not look up " + key + " in bucket " + bucket + ": "
                    + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("the photo store could not look up " + key + " in bucket " + bucket + ": "
                    + e.getMessage(), e);
        }
    }

    void delete(String tenant, String key) throws IOException {
        requireOwn(tenant, key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new IOException("the photo store could not delete " + key + " from bucket " + bucket + ": "
                    + e.getMessage(), e);
        }
    }

    /** A presigned GET of the object, valid for {@code lifetime} from now. */
    URL signedUrl(String tenant, String key, Duration lifetime) {
        requireOwn(tenant, key);
        return presigner.presignGetObject(b -> b.signatureDuration(lifetime)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url();
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }
}
