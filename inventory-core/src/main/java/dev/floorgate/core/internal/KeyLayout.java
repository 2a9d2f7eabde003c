package dev.floorgate.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Names of every Redis key the core writes. A stock record (tenant + warehouse + sku) lives in bucket
 * {@code crc32("tenant/warehouse/sku") mod buckets}; all its keys and its bucket's write-back stream carry the hash
 * tag {@code {fg:<bucket>}}, so one Lua script only ever touches one Redis Cluster slot:
 * <pre>
 *   fg:{fg:B}:s:&lt;rec&gt;           hash   oh, us, rs (onHand, usable, reserved), v (per-record sequence of
 *                                  applied operations), la (epoch ms of a reload from MySQL with history; 0 = fresh)
 *   fg:{fg:B}:op:&lt;opId&gt;          hash   an operation's first result: fp (body fingerprint), st, c, m, oh, us, rs,
 *                                  d; expires after fg.core.idempotency-ttl
 *   fg:{fg:B}:o:&lt;rec&gt;/&lt;order&gt;   hash   one order's reservation on the record: s (R active, X released,
 *                                  P picked), r (still reserved), p (picked), op (the RESERVE opId); no expiry while R
 *   fg:{fg:B}:wb                  stream the bucket's write-back events, consumer group "wb"
 *   fg:{fg:B}:wm                  counter bumped whenever committed events are trimmed from the stream
 *   fg:{fg:B}:recs                set    the record ids held in Redis (for reconciliation)
 *   fg:c:{&lt;opId&gt;}               string the fingerprint that first claimed an opId (own slot; see OperationEngine)
 *   fg:n:&lt;key&gt;:&lt;nonce&gt;          string a seen request nonce, expires with the signature window
 * </pre>
 * A record id {@code rec} is {@code tenant/warehouse/sku}; tenant and warehouse are codes without '/', and the
 * sku (and an order number) is escaped ('%' as %25, '/' as %2F) so the id is unambiguous.
 */
final class KeyLayout {
    static final String GROUP = "wb";
    private final int buckets;

    KeyLayout(int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("bucket count must be at least 1, was " + buckets);
        }
        this.buckets = buckets;
    }

    int buckets() {
        return buckets;
    }

    static String recordId(String tenant, String warehouse, String sku) {
        return tenant + "/" + warehouse + "/" + escape(sku);
    }

    /** The three parts of a record id: tenant, warehouse, sku (unescaped). */
    static String[] parseRecordId(String rec) {
        int a = rec.indexOf('/');
        int b = rec.indexOf('/', a + 1);
        if (a < 0 || b < 0) {
            throw new IllegalArgumentException("record id '" + rec + "' is not tenant/warehouse/sku");
        }
        return new String[] {rec.substring(0, a), rec.substring(a + 1, b), unescape(rec.substring(b + 1))};
    }

    int bucketOf(String rec) {
        CRC32 crc = new CRC32();
        crc.update(rec.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % buckets);
    }

    static String tag(int bucket) {
        return "{fg:" + bucket + "}";
    }

    /** The prefix every key of a bucket starts with, e.g. {@code fg:{fg:3}:}. */
    static String prefix(int bucket) {
        return "fg:" + tag(bucket) + ":";
    }

    String stockKey(String rec) {
        return prefix(bucketOf(rec)) + "s:" + rec;
    }

    String opKey(int bucket, String opId) {
        return prefix(bucket) + "op:" + opId;
    }

    String orderKey(String rec, String orderNo) {
        return prefix(bucketOf(rec)) + "o:" + rec + "/" + escape(orderNo);
    }

    static String stream(int bucket) {
        return prefix(bucket) + "wb";
    }

    static String watermark(int bucket) {
        return prefix(bucket) + "wm";
    }

    static String records(int bucket) {
        return prefix(bucket) + "recs";
    }

    static String claimKey(String opId) {
        return "fg:c:{" + opId + "}";
    }

    static String nonceKey(String keyId, String nonce) {
        return "fg:n:" + keyId + ":" + nonce;
    }

    static String escape(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('/') < 0) {
            return s;
        }
        return s.replace("%", "%25").replace("/", "%2F");
    }

    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("%2F", i)) {
                out.append('/');
                i += 2;
            } else if (s.startsWith("%25", i)) {
                out.append('%');
                i += 2;
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }
}
