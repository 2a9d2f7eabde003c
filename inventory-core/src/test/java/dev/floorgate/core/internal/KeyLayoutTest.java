package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

/** Key names: one hash tag per tenant and bucket, every key of a record in it, record ids that cannot collide. */
class KeyLayoutTest {
    private final KeyLayout keys = new KeyLayout(16);

    @Test
    void everyKeyOfARecordCarriesItsTenantAndBucketTag() {
        String rec = KeyLayout.recordId("acme", "SH01", "SKU-123");
        int bucket = keys.bucketOf(rec);
        String tag = "{fg:acme:" + bucket + "}";
        assertThat(bucket).isBetween(0, 15);
        assertThat(keys.bucket(rec)).isEqualTo(new Bucket("acme", bucket));
        assertThat(keys.stockKey(rec)).isEqualTo("fg:" + tag + ":s:acme/SH01/SKU-123");
        assertThat(keys.opKey(keys.bucket(rec), "0190f5c2-0000-7000-8000-000000000001"))
                .isEqualTo("fg:" + tag + ":op:0190f5c2-0000-7000-8000-000000000001");
        assertThat(keys.orderKey(rec, "SO-991")).isEqualTo("fg:" + tag + ":o:acme/SH01/SKU-123/SO-991");
        assertThat(KeyLayout.stream("acme", bucket)).isEqualTo("fg:" + tag + ":wb");
        assertThat(KeyLayout.watermark("acme", bucket)).isEqualTo("fg:" + tag + ":wm");
        assertThat(KeyLayout.records("acme", bucket)).isEqualTo("fg:" + tag + ":recs");
        assertThat(KeyLayout.claimKey("op-1")).as("claims stay global: an opId is unique across tenants")
                .isEqualTo("fg:c:{op-1}");
    }

    @Test
    void twoTenantsRecordsOfTheSameBucketLandInDifferentTagsAndSlots() {
        // beta's sku chosen so that both records fall in the same bucket number: only the tenant tells them apart
        String acme = KeyLayout.recordId("acme", "SH01", "SKU-1");
        for (int i = 0; i < 1000; i++) {
            String beta = KeyLayout.recordId("beta", "SH01", "SKU-" + i);
            if (keys.bucketOf(acme) != keys.bucketOf(beta)) {
                continue;
            }
            assertThat(keys.bucket(acme).tag()).isEqualTo("{fg:acme:" + keys.bucketOf(acme) + "}");
            assertThat(keys.bucket(beta).tag()).isEqualTo("{fg:beta:" + keys.bucketOf(acme) + "}");
            assertThat(SlotHash.getSlot(keys.stockKey(acme))).as("acme's and beta's stock key")
                    .isNotEqualTo(SlotHash.getSlot(keys.stockKey(beta)));
            assertThat(SlotHash.getSlot(keys.bucket(acme).stream())).as("acme's stream")
                    .isEqualTo(SlotHash.getSlot(keys.stockKey(acme)))
                    .isNotEqualTo(SlotHash.getSlot(keys.bucket(beta).stream()));
            assertThat(keys.stockKey(acme)).startsWith("fg:{fg:acme:");
            assertThat(keys.stockKey(beta)).doesNotStartWith("fg:{fg:acme:");
            return;
        }
        throw new AssertionError("no sku in 1000 put acme and beta in the same bucket");
    }

    @Test
    void aTenantCodeThatCouldEndTheTagOrWidenAPatternIsRefused() {
        assertThat(KeyLayout.checkTenant("acme-2.eu_1")).isEqualTo("acme-2.eu_1");
        assertThatThrownBy(() -> KeyLayout.checkTenant("")).hasMessageContaining("must not be empty");
        for (String bad : new String[] {"ac}me", "ac{me", "ac:me", "ac*", "a?", "a[b]", "a b", "a/b"}) {
            assertThatThrownBy(() -> KeyLayout.checkTenant(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void layoutOneNamesTheOldKeysForTheUpgrade() {
        KeyLayout old = new KeyLayout(16, 1);
        String rec = KeyLayout.recordId("acme", "SH01", "SKU-123");
        int bucket = old.bucketOf(rec);
        assertThat(old.stockKey(rec)).isEqualTo("fg:{fg:" + bucket + "}:s:acme/SH01/SKU-123");
        assertThat(old.bucket(rec).stream()).isEqualTo("fg:{fg:" + bucket + "}:wb");
        assertThat(old.bucketsOf(java.util.List.of("acme", "beta"))).hasSize(16).contains(Bucket.layout1(bucket));
        assertThat(keys.bucketsOf(java.util.List.of("acme", "beta"))).hasSize(32)
                .contains(new Bucket("beta", 15));
        assertThatThrownBy(() -> new KeyLayout(16, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 3");
    }

    @Test
    void bucketsAreStableCrc32ModN() {
        // crc32("acme/SH01/SKU-123") = 0x5e01c1b5; the layout must never change under existing data.
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("acme/SH01/SKU-123".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(keys.bucketOf("acme/SH01/SKU-123")).isEqualTo((int) (crc.getValue() % 16));
        assertThat(new KeyLayout(1).bucketOf("anything")).isZero();
        assertThatThrownBy(() -> new KeyLayout(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void skusWithSlashesOrPercentSignsMakeUnambiguousRecordIds() {
        String[][] cases = {{"a/b", "a%2Fb"}, {"100%", "100%25"}, {"%2F", "%252F"}, {"%/", "%25%2F"}, {"x", "x"}};
        for (String[] c : cases) {
            assertThat(KeyLayout.escape(c[0])).isEqualTo(c[1]);
            assertThat(KeyLayout.unescape(c[1])).isEqualTo(c[0]);
            assertThat(KeyLayout.parseRecordId(KeyLayout.recordId("t", "w", c[0]))).containsExactly("t", "w", c[0]);
        }
        assertThat(KeyLayout.recordId("t", "w", "a/b")).isNotEqualTo(KeyLayout.recordId("t", "w/a", "b"));
    }
}
