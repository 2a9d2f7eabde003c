package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Key names: one hash tag per record, every key of the record in it, record ids that cannot collide. */
class KeyLayoutTest {
    private final KeyLayout keys = new KeyLayout(16);

    @Test
    void everyKeyOfARecordCarriesTheRecordsBucketTag() {
        String rec = KeyLayout.recordId("acme", "SH01", "SKU-123");
        int bucket = keys.bucketOf(rec);
        String tag = "{fg:" + bucket + "}";
        assertThat(bucket).isBetween(0, 15);
        assertThat(keys.stockKey(rec)).isEqualTo("fg:" + tag + ":s:acme/SH01/SKU-123");
        assertThat(keys.opKey(bucket, "0190f5c2-0000-7000-8000-000000000001")).contains(tag);
        assertThat(keys.orderKey(rec, "SO-991")).isEqualTo("fg:" + tag + ":o:acme/SH01/SKU-123/SO-991");
        assertThat(KeyLayout.stream(bucket)).isEqualTo("fg:" + tag + ":wb");
        assertThat(KeyLayout.watermark(bucket)).contains(tag);
        assertThat(KeyLayout.records(bucket)).contains(tag);
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
