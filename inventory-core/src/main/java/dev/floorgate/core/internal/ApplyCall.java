package dev.floorgate.core.internal;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.slf4j.LoggerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The wire form of {@code apply.lua}: the keys and arguments of one call for one stock record's operations, and
 * the results decoded from its reply (see the script's header for both layouts).
 */
final class ApplyCall {
    private static final int FIELDS_PER_OP = 12;
    /**
     * One call carries at most this many operations (515 keys, 3077 arguments), so a call's size and the time it
     * holds Redis stay bounded whatever the batch or the combining queue holds; the rest goes in the next call.
     */
    static final int MAX_OPS_PER_CALL = 256;
    private final RedisConnector redis;
    private final CoreMetrics metrics;
    private final KeyLayout keys;
    private final TenantRegistry tenants;
    private final LuaScript script;
    private final long ttlMillis;
    private final long marginMillis;

    ApplyCall(RedisConnector redis, KeyLayout keys, TenantRegistry tenants, LuaScript script, long ttlMillis,
            long marginMillis, CoreMetrics metrics) {
        this.redis = redis;
        this.tenants = tenants;
        this.metrics = metrics;
        this.keys = keys;
        this.script = script;
        this.ttlMillis = ttlMillis;
        this.marginMillis = marginMillis;
    }

    /** One operation on its way through a batch. */
    static final class Pending {
        final int index;
        final Operation op;
        final String rec;
        final String json;
        final String fingerprint;
        /** The operation's time for the idempotency rules (OperationTime): receive time, else id time. */
        final long time;
        final String rejectCode;
        final String rejectMessage;
        /** The opId's claim existed before this request (a repeat, or an attempt that never got its result). */
        boolean claimedBefore;
        boolean ledgerChecked;
        /** The bucket's trim watermark read just before the ledger was asked. */
        String watermark = "";

        Pending(int index, Operation op, String rejectCode, String rejectMessage) {
            this.index = index;
            this.op = op;
            this.rec = KeyLayout.recordId(op.tenant(), op.warehouse(), op.sku());
            this.json = OperationJson.write(op);
            // = OperationJson.fingerprint(op), without writing the JSON twice when there is no receivedAt
            this.fingerprint = op.receivedAt() == null ? sha256Hex(json) : OperationJson.fingerprint(op);
            this.time = OperationTime.millis(op);
            this.rejectCode = rejectCode;
            this.rejectMessage = rejectMessage;
        }
    }

    /** The operations of one stock record, handled in order from {@code next}. */
    static final class Group {
        final String rec;
        final List<Pending> ops = new ArrayList<>();
        int next;
        /** Operations in the call in flight (from {@code next}); at most {@link #MAX_OPS_PER_CALL}. */
        int sent;
        CompletableFuture<List<Object>> reply;

        Group(String rec) {
            this.rec = rec;
        }
    }

    /** One script call for the group's operations from {@code next} on (at most {@link #MAX_OPS_PER_CALL}). */
    CompletableFuture<List<Object>> send(Group g) {
        Bucket bucket = keys.bucket(g.rec);
        try {
            tenants.register(bucket.tenant()); // before the tenant's first key: the write-back must see its streams
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e); // answered RETRY like a failed call
        }
        int n = Math.min(g.ops.size() - g.next, MAX_OPS_PER_CALL);
        g.sent = n;
        metrics.applyCall(n);
        String[] keyArgs = new String[3 + 2 * n];
        keyArgs[0] = keys.stockKey(g.rec);
        keyArgs[1] = bucket.stream();
        keyArgs[2] = bucket.watermark();
        String[] args = new String[5 + FIELDS_PER_OP * n];
        args[0] = Long.toString(ttlMillis);
        args[1] = Long.toString(marginMillis);
        args[2] = g.rec;
        Operation first = g.ops.get(g.next).op;
        args[3] = first.tenant() + "/" + first.warehouse() + "/" + first.sku();
        args[4] = Integer.toString(n);
        for (int i = 0; i < n; i++) {
            Pending p = g.ops.get(g.next + i);
            Operation op = p.op;
            String opKey = keys.opKey(bucket, op.opId());
            keyArgs[3 + 2 * i] = opKey;
            keyArgs[4 + 2 * i] = op.orderNo() == null ? opKey : keys.orderKey(g.rec, op.orderNo());
            int a = 5 + FIELDS_PER_OP * i;
            args[a] = op.opId();
            args[a + 1] = p.fingerprint;
            args[a + 2] = op.typeName();
            args[a + 3] = Long.toString(op.qty());
            args[a + 4] = op.orderNo() == null ? "" : op.orderNo();
            args[a + 5] = Long.toString(p.time);
            args[a + 6] = p.ledgerChecked ? "1" : "0";
            args[a + 7] = p.rejectCode == null ? "" : p.rejectCode;
            args[a + 8] = p.rejectMessage == null ? "" : p.rejectMessage;
            args[a + 9] = p.json;
            args[a + 10] = p.watermark;
            args[a + 11] = p.claimedBefore ? "1" : "0";
        }
        return redis.eval(script, ScriptOutputType.MULTI, keyArgs, args);
    }

    /** Decodes one result item {kind, status, code, message, onHand, usable, reserved, delta}. */
    static OperationResult toResult(Pending p, List<?> f) {
        String kind = text(f.get(0));
        if ("REUSED".equals(kind)) {
            return reused(p);
        }
        ResultStatus status = ResultStatus.valueOf(text(f.get(1)));
        String code = blankToNull(text(f.get(2)));
        String message = blankToNull(text(f.get(3)));
        Long onHand = number(f.get(4));
        StockLevels stock = onHand == null ? null : new StockLevels(onHand, number(f.get(5)), number(f.get(6)));
        OperationResult first = new OperationResult(p.op.opId(), status, code, message, stock, number(f.get(7)));
        return "DUP".equals(kind) ? OperationResult.duplicateOf(first) : first;
    }

    static OperationResult reused(Pending p) {
        return OperationResult.rejected(p.op.opId(), ResultCodes.OP_ID_REUSED, "opId " + p.op.opId()
                + " was first used for a different operation; it is never applied to another body");
    }

    static OperationResult retry(Pending p, String what, Exception e) {
        // The cause stays out of the result: a driver's message is not the client's business (it is logged).
        if (e != null) {
            LoggerFactory.getLogger(ApplyCall.class).warn("op {}: {}: {}", p.op.opId(), what, e.toString());
        }
        return OperationResult.retry(p.op.opId(), what + "; not applied, send it again");
    }

    private static String sha256Hex(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte b : d) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this platform", e);
        }
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static Long number(Object o) {
        if (o instanceof Long l) {
            return l;
        }
        String s = text(o);
        return s.isEmpty() ? null : Long.valueOf(s);
    }
}
