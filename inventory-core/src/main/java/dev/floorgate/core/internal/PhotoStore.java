package dev.floorgate.core.internal;

import dev.floorgate.core.PhotosConfiguration;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The photos' object store: an S3 API (AWS, MinIO, S3Proxy, ...) through the AWS SDK v2 with the JDK's
 * URL-connection HTTP client, so no second Netty joins Micronaut's. Every key is under
 * {@code tenants/{tenant}/}: photos and thumbnails under {@code photos/}, staged upload chunks under
 * {@code uploads/}. Failures are IOExceptions naming the key; the SDK's exception is their cause.
 *
 * <p>Every call names the tenant it acts for and is refused (IllegalStateException, before any request) when the key
 * is not under that tenant's prefix: a bug handing one tenant's request another's key cannot read, write, delete or
 * sign it. Each request is signed by the tenant's S3 identity (PhotoIdentities): its own credentials and bucket when
 * configured, so the store's policies refuse it on another tenant's objects too; the shared identity otherwise.
 * When the store refuses the identity (401/403, or no such bucket) the failure is a {@link Refused} whose client
 * message names the refusal and the setting to fix, never a secret.
 */
final class PhotoStore implements AutoCloseable {
    private final PhotoIdentities identities;

    /** Every tenant with the shared identity (tests of the prefix rule). */
    PhotoStore(PhotosConfiguration config) {
        this(new PhotoIdentities(config, java.util.Map.of()));
    }

    PhotoStore(PhotoIdentities identities) {
        this.identities = identities;
    }

    /**
     * The store refused the identity a tenant's request was signed with, or the tenant may not use the shared one:
     * configuration to fix, not a passing failure. {@link #clientMessage()} is safe to answer.
     */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final String clientMessage;

        Refused(String message, String clientMessage, Throwable cause) {
            super(message, cause);
            this.clientMessage = clientMessage;
        }

        String clientMessage() {
            return clientMessage;
        }
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
        PhotoIdentities.Target t = identities.forTenant(tenant);
        try {
            t.s3().putObject(b -> b.bucket(t.bucket()).key(key).contentType(contentType)
                    .contentLength((long) bytes.length), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure(tenant, t, "refused to store " + key + " (" + bytes.length + " bytes)", e);
        }
    }

    byte[] get(String tenant, String key) throws IOException {
        requireOwn(tenant, key);
        PhotoIdentities.Target t = identities.forTenant(tenant);
        try {
            return t.s3().getObjectAsBytes(GetObjectRequest.builder().bucket(t.bucket()).key(key).build())
                    .asByteArray();
        } catch (SdkException e) {
            throw failure(tenant, t, "could not read " + key, e);
        }
    }

    boolean exists(String tenant, String key) throws IOException {
        requireOwn(tenant, key);
        PhotoIdentities.Target t = identities.forTenant(tenant);
        try {
            t.s3().headObject(b -> b.bucket(t.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            // HEAD has no body, so a missing bucket is a bare 404 too; a later PUT names it
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure(tenant, t, "could not look up " + key, e);
        } catch (SdkException e) {
            throw failure(tenant, t, "could not look up " + key, e);
        }
    }

    void delete(String tenant, String key) throws IOException {
        requireOwn(tenant, key);
        PhotoIdentities.Target t = identities.forTenant(tenant);
        try {
            t.s3().deleteObject(b -> b.bucket(t.bucket()).key(key));
        } catch (SdkException e) {
            throw failure(tenant, t, "could not delete " + key, e);
        }
    }

    /** Checks that the tenant may be served, and builds its client if it is the first call for it. */
    boolean identity(String tenant) throws IOException {
        TenantNames.checkCode(tenant);
        identities.forTenant(tenant);
        return identities.hasOwn(tenant);
    }

    /** A presigned GET of the object, valid for {@code lifetime} from now, signed by the tenant's identity. */
    URL signedUrl(String tenant, String key, Duration lifetime) throws IOException {
        requireOwn(tenant, key);
        PhotoIdentities.Target t = identities.forTenant(tenant);
        return t.presigner().presignGetObject(b -> b.signatureDuration(lifetime)
                .getObjectRequest(g -> g.bucket(t.bucket()).key(key))).url();
    }

    /** The tenant is answered with the store's own code for a refusal of its identity, and nothing of the SDK. */
    private static IOException failure(String tenant, PhotoIdentities.Target t, String what, SdkException e) {
        String message = "the photo store " + what + " in bucket " + t.bucket() + " for tenant " + tenant
                + ", signed with " + t.signer() + ": " + e.getMessage();
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            if (s3.statusCode() == 401 || s3.statusCode() == 403 || "NoSuchBucket".equals(code)) {
                String answer = "the photo store refused the request for tenant " + tenant + " with HTTP "
                        + s3.statusCode() + (code == null || !code.matches("[A-Za-z]{1,64}") ? "" : " " + code)
                        + " (bucket " + t.bucket() + ", signed with " + t.signer() + "); fix that setting or the "
                        + "store's policy, then retry";
                return new Refused(message, answer, e);
            }
        }
        return new IOException(message, e);
    }

    @Override
    public void close() {
        identities.close();
    }
}
