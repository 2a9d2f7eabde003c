package dev.floorgate.core.internal;

import dev.floorgate.core.PhotosConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Which S3 identity signs a tenant's photo requests (issue 17 item 4; docs/TENANTS.md, "S3"): the tenant's own
 * (TenantPhotoSettings) when it has one, with its own bucket and endpoint when set; otherwise the shared
 * {@code fg.photos.access-key}, unless {@code fg.photos.require-tenant-credentials} refuses that. One S3 client and
 * one presigner per identity, built at its first use (a core serving hundreds of tenants opens only what it uses)
 * and closed with the store. Presigned URLs come from the same identity as the writes, so a storefront link opens
 * only what the tenant's own keys may read.
 */
final class PhotoIdentities implements AutoCloseable {
    /** Tenant codes never hold '*' (TenantNames), so this cannot collide with one. */
    private static final String SHARED = "*";

    /** Where a tenant's requests go and who signs them ({@code signer} is for messages: a setting, never a secret). */
    record Target(S3Client s3, S3Presigner presigner, String bucket, String signer) {
    }

    private final PhotosConfiguration config;
    private final Map<String, TenantPhotoSettings.Identity> own;
    private final ConcurrentHashMap<String, Target> built = new ConcurrentHashMap<>();
    private volatile boolean closed;

    PhotoIdentities(PhotosConfiguration config, Map<String, TenantPhotoSettings.Identity> own) {
        this.config = config;
        this.own = Map.copyOf(own);
    }

    /** True when the tenant's requests are signed with its own credentials. */
    boolean hasOwn(String tenant) {
        return own.containsKey(tenant);
    }

    /**
     * The client, presigner and bucket of the tenant's requests.
     *
     * @throws PhotoStore.Refused when the tenant has no credentials of its own and the shared identity may not serve
     */
    Target forTenant(String tenant) throws PhotoStore.Refused {
        if (closed) {
            throw new IllegalStateException("the photo store is closed; tenant " + tenant + "'s request came after");
        }
        TenantPhotoSettings.Identity identity = own.get(tenant);
        if (identity == null && config.isRequireTenantCredentials()) {
            String message = "tenant " + tenant + " has no S3 credentials of its own ("
                    + TenantPhotoSettings.key(tenant, "access-key") + ") and fg.photos.require-tenant-credentials "
                    + "is true, so its photos are not served with the shared identity";
            throw new PhotoStore.Refused(message, message, null);
        }
        Target target = built.computeIfAbsent(identity == null ? SHARED : tenant, k -> build(identity));
        if (closed) { // closed while this one was built: close() may have missed it
            closeAll();
            throw new IllegalStateException("the photo store is closed; tenant " + tenant + "'s request came after");
        }
        return target;
    }

    private Target build(TenantPhotoSettings.Identity identity) {
        String endpoint = identity != null && identity.endpoint() != null ? identity.endpoint() : config.getEndpoint();
        String bucket = identity != null && identity.bucket() != null ? identity.bucket() : config.getBucket();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(identity != null
                ? AwsBasicCredentials.create(identity.accessKey(), identity.secretKey())
                : AwsBasicCredentials.create(config.getAccessKey(), config.getSecretKey()));
        String signer = identity != null ? "tenant " + identity.tenant() + "'s own S3 credentials ("
                + TenantPhotoSettings.key(identity.tenant(), "access-key") + ")"
                : "the shared S3 identity (fg.photos.access-key)";
        URI uri = URI.create(endpoint);
        Region region = Region.of(config.getRegion());
        S3Configuration s3config = S3Configuration.builder().pathStyleAccessEnabled(config.isPathStyle()).build();
        // the SDK's default CRC checksums (aws-chunked bodies) only where S3 requires them: several S3-API servers
        // do not take aws-chunked bodies, and the photo's own SHA-256 is checked by PhotoService
        S3Client s3 = S3Client.builder().endpointOverride(uri).region(region).credentialsProvider(credentials)
                .serviceConfiguration(s3config)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)).build())
                .build();
        S3Presigner presigner = S3Presigner.builder().endpointOverride(uri).region(region)
                .credentialsProvider(credentials).serviceConfiguration(s3config).build();
        return new Target(s3, presigner, bucket, signer);
    }

    @Override
    public void close() {
        closed = true;
        closeAll();
    }

    private void closeAll() {
        List<Target> all = new ArrayList<>(built.values());
        built.clear();
        for (Target t : all) {
            t.presigner().close();
            t.s3().close();
        }
    }
}
