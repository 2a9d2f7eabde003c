package dev.floorgate.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Names of every Redis key the core writes (layout 2, issue 17 item 4: the tenant in the hash tag). A stock record
 * (tenant + warehouse + sku) lives in bucket {@code crc32("tenant/warehouse/sku") mod buckets} of its tenant; all
 * its keys and the write-back stream of its (tenant, bucket) carry the hash tag {@code {fg:<tenant>:<bucket>}}, so
 * one Lua script only ever touches one Redis Cluster slot:
 * <pre>
 *   fg:{fg:T:B}:s:&lt;rec&gt;           hash   oh, us, rs (onHand, usable, reserved), v (per-record sequence of
 *                                  applied operations), la (epoch ms of a reload from MySQL with history; 0 = fresh)
 *   fg:{fg:T:B}:op:&lt;opId&gt;          hash   an operation's first result: fp (body fingerprint), st, c, m, oh,
 *                                  us, rs, d; expires after fg.core.idempotency-ttl
 *   fg:{fg:T:B}:o:&lt;rec&gt;/&lt;order&gt;   hash   one order's reservation on the record: s (R active, X released,
 *                                  P picked), r (still reserved), p (picked), op (the RESERVE opId); no expiry while R
 *   fg:{fg:T:B}:wb                  stream the (tenant, bucket)'s write-back events, consumer group "wb"
 *   fg:{fg:T:B}:wm                  counter bumped whenever committed events are trimmed from the stream
 *   fg:{fg:T:B}:recs                set    the record ids held in Redis (for reconciliation)
 *   fg:tenants                      set    every tenant with keys above (own slot; TenantRegistry)
 *   fg:c:{&lt;opId&gt;}               string the fingerprint that first claimed an opId (own slot; see OperationEngine)
 *   fg:n:&lt;key&gt;:&lt;nonce&gt;          string a seen request nonce, expires with the signature window
 * </pre>
 * A record id {@code rec} is {@code tenant/warehouse/sku}; tenant and warehouse are codes without '/', and the
 * sku (and an order number) is escaped ('%' as %25, '/' as %2F) so the id is unambiguous. A tenant code is
 * {@code [A-Za-z0-9._-]} (TenantNames); {@link #checkTenant} refuses '{', '}', ':' and the glob characters anyway,
 * because with them a tag could end early or a pattern <code>fg:&#123;fg:acme:*</code> could match another
 * tenant's keys.
 *
 * <p>Why the tenant is in the tag: all of a tenant's stock, results, reservations and events match
 * <code>fg:&#123;fg:&lt;tenant&gt;:*</code>, so a Redis ACL user can be limited to one tenant
 * (<code>ACL SETUSER ... ~fg:&#123;fg:acme:*</code>) and one tenant's data can be counted, moved or deleted on its
 * own (docs/TENANTS.md, "Redis").
 *
 * <p>What stays without the tenant, and why: the claim key {@code fg:c:{opId}} makes an opId unique across
 * <em>all</em> records and tenants before any script runs, as the ledger's unique {@code op_id} requires: with the
 * tenant in it, beta could apply an opId acme used, and its write-back would then find the ledger row taken and
 * drop the change (Redis and MySQL would differ for good). So it keeps its own slot and the global scope; it holds
 * only a fingerprint. Nonce keys belong to a signing key, which may serve several tenants, not to a tenant.
 *
 * <p>Layout 1 (before this change) tagged by bucket alone, {@code {fg:<bucket>}}; {@link Bucket#layout1} names
 * those keys for the upgrade ({@link RedisLayoutUpgrade}), which drains and deletes them at the first start.
 */
final class KeyLayout {
    static final String GROUP = "wb";
    /** The set of tenants that have keys in Redis; the write-back and reconciliation loop over it. */
    static final String TENANTS = "fg:tenants";
    /** The layout this code writes, recorded as core_meta 'redis-layout'. */
    static final int CURRENT = 2;
    private final int buckets;
    private final int version;

    KeyLayout(int buckets) {
        this(buckets, CURRENT);
    }

    /** @param version 2, or 1 for the old names (the upgrade and its test only) */
    KeyLayout(int buckets, int version) {
        if (buckets < 1) {
            throw new IllegalArgumentException("bucket count must be at least 1, was " + buckets);
        }
        if (version != 1 && version != CURRENT) {
            throw new IllegalArgumentException("Redis key layout must be 1 or " + CURRENT + ", was " + version);
        }
        this.buckets = buckets;
        this.version = version;
    }

    int buckets() {
        return buckets;
    }

    int version() {
        return version;
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

    /** The bucket of a record: its tenant's (layout 2) or the shared one (layout 1). */
    Bucket bucket(String rec) {
        int number = bucketOf(rec);
        return version == 1 ? Bucket.layout1(number) : new Bucket(tenantOf(rec), number);
    }

    /** Every bucket of these tenants (layout 2), or every bucket of layout 1 (tenants ignored). */
    List<Bucket> bucketsOf(Collection<String> tenants) {
        List<Bucket> all = new ArrayList<>();
        if (version == 1) {
            for (int b = 0; b < buckets; b++) {
                all.add(Bucket.layout1(b));
            }
            return all;
        }
        for (String tenant : tenants) {
            for (int b = 0; b < buckets; b++) {
                all.add(new Bucket(tenant, b));
            }
        }
        return all;
    }

    static String tenantOf(String rec) {
        int slash = rec.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("record id '" + rec + "' is not tenant/warehouse/sku");
        }
        return rec.substring(0, slash);
    }

    /** The tenant code, if it is safe inside a hash tag and an ACL key pattern; else IllegalArgumentException. */
    static String checkTenant(String tenant) {
        if (tenant == null || tenant.isEmpty()) {
            throw new IllegalArgumentException("a tenant code for a Redis key must not be empty");
        }
        for (int i = 0; i < tenant.length(); i++) {
            char c = tenant.charAt(i);
            if ("{}:/*?[]\\".indexOf(c) >= 0 || c <= ' ' || c > '~') {
                throw new IllegalArgumentException("tenant code '" + tenant + "' cannot be in a Redis key: character "
                        + "'" + c + "' at offset " + i + " (a hash tag and an ACL key pattern need [A-Za-z0-9._-])");
            }
        }
        return tenant;
    }

    String stockKey(String rec) {
        return bucket(rec).prefix() + "s:" + rec;
    }

    String opKey(Bucket bucket, String opId) {
        return bucket.prefix() + "op:" + opId;
    }

    String orderKey(String rec, String orderNo) {
        return bucket(rec).prefix() + "o:" + rec + "/" + escape(orderNo);
    }

    /** The write-back stream of a tenant's bucket (tests and tools; the core goes through {@link Bucket}). */
    static String stream(String tenant, int bucket) {
        return new Bucket(tenant, bucket).stream();
    }

    static String watermark(String tenant, int bucket) {
        return new Bucket(tenant, bucket).watermark();
    }

    static String records(String tenant, int bucket) {
        return new Bucket(tenant, bucket).records();
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
