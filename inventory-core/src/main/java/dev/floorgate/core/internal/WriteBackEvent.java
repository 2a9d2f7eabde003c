package dev.floorgate.core.internal;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import java.util.Map;

/**
 * One entry of a bucket's write-back stream, as {@code apply.lua} and {@code correct.lua} write it. Field names
 * are short because every applied operation writes one entry:
 * <pre>
 *   k    A applied, R rejected (a result that depends on state), C admin correction
 *   op   opId          fp  body fingerprint        rec  record id (tenant/warehouse/escaped sku)
 *   v    the record's sequence after it (A, C)      oh, us, rs  onHand, usable, reserved after it (A, C)
 *   st   APPLIED | REJECTED   c code   m message   d  COUNT delta
 *   ord  orderNo ('' none)    ok  the order hash  or, op_, os  the order's reserved, picked, state after it
 *   j    the operation's canonical JSON (for C: the correction's reason and actor)
 * </pre>
 * Figures are absolute, not deltas: applying an entry twice, or an older one after a newer one (guarded by v),
 * changes nothing.
 */
final class WriteBackEvent {
    private final String id;
    private final Bucket bucket;
    private final Map<String, String> f;
    private final String kind;
    private final String rec;
    private final long seq;
    private String[] recordParts;
    private Operation operation;

    WriteBackEvent(String id, Bucket bucket, Map<String, String> fields) {
        this.id = id;
        this.bucket = bucket;
        this.f = fields;
        this.kind = fields.get("k");
        this.rec = fields.get("rec");
        this.seq = num("v");
    }

    String id() {
        return id;
    }

    Bucket bucket() {
        return bucket;
    }

    Map<String, String> f() {
        return f;
    }

    String kind() {
        return kind;
    }

    /** tenant, warehouse, sku of the record (parsed once). */
    String[] record() {
        if (recordParts == null) {
            recordParts = KeyLayout.parseRecordId(rec);
        }
        return recordParts;
    }

    boolean changesStock() {
        return "A".equals(kind) || "C".equals(kind);
    }

    String opId() {
        return f.get("op");
    }

    String rec() {
        return rec;
    }

    long seq() {
        return seq;
    }

    long num(String name) {
        String v = f.get(name);
        return v == null || v.isEmpty() ? 0 : Long.parseLong(v);
    }

    Long optionalNum(String name) {
        String v = f.get(name);
        return v == null || v.isEmpty() ? null : Long.valueOf(v);
    }

    String text(String name) {
        String v = f.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The operation the event records (parsed once); null for corrections. */
    Operation operation() {
        if (operation == null && !"C".equals(kind)) {
            operation = OperationJson.readOperation(f.get("j"));
        }
        return operation;
    }
}
