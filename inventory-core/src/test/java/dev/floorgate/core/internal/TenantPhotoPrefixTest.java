package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.core.PhotosConfiguration;
import dev.floorgate.testing.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The photo store keeps each tenant under its own prefix (issue 17 item 4, docs/TENANTS.md), against a real S3-API
 * server (S3Proxy): a call for one tenant naming another tenant's key is refused before any request, for every
 * operation, and so is a key that would climb out of the prefix. Per-tenant S3 credentials, which make the store
 * refuse too, are TenantPhotoCredentialsTest's.
 */
class TenantPhotoPrefixTest {
    private static final String BUCKET = "fg-tenant-prefix";

    @Test
    void aKeyOfAnotherTenantsPrefixIsRefusedForEveryOperation() throws Exception {
        try (S3TestServer s3 = S3TestServer.start(BUCKET)) {
            PhotosConfiguration config = new PhotosConfiguration();
            config.setEndpoint((String) s3.settings(BUCKET).get("fg.photos.endpoint"));
            config.setBucket(BUCKET);
            config.setAccessKey(S3TestServer.ACCESS_KEY);
            config.setSecretKey(S3TestServer.SECRET_KEY);
            config.setPathStyle(true);
            try (PhotoStore store = new PhotoStore(config)) {
                String sha = PhotoService.sha256("acme's photo".getBytes(StandardCharsets.UTF_8));
                String acmeKey = PhotoStore.photoKey("acme", sha);
                byte[] bytes = "acme's photo".getBytes(StandardCharsets.UTF_8);
                store.put("acme", acmeKey, bytes, "image/jpeg");
                assertThat(store.get("acme", acmeKey)).isEqualTo(bytes);
                assertThat(acmeKey).startsWith("tenants/acme/");

                assertRefused(() -> store.get("beta", acmeKey), acmeKey);
                assertRefused(() -> store.exists("beta", acmeKey), acmeKey);
                assertRefused(() -> store.delete("beta", acmeKey), acmeKey);
                assertRefused(() -> store.put("beta", acmeKey, new byte[] {1}, "image/jpeg"), acmeKey);
                assertRefused(() -> store.signedUrl("beta", acmeKey, Duration.ofMinutes(5)), acmeKey);
                // a prefix of a longer tenant code, and a climb out of the own prefix
                assertRefused(() -> store.get("acm", acmeKey), acmeKey);
                String climbing = "tenants/beta/../acme/photos/" + sha + ".jpg";
                assertRefused(() -> store.get("beta", climbing), climbing);
                assertRefused(() -> store.get("..", "tenants/../x"), "tenants/../x");

                // nothing was changed by the refused calls
                assertThat(store.get("acme", acmeKey)).isEqualTo(bytes);
                assertThat(s3.objects(BUCKET)).containsExactly(acmeKey);
            }
        }
    }

    private static void assertRefused(ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOf(RuntimeException.class).hasMessageContaining(key);
    }
}
