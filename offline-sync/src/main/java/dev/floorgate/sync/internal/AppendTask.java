package dev.floorgate.sync.internal;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.sqlite.SqlTask;
import dev.floorgate.sync.AppendResult;
import dev.floorgate.sync.OpState;
import dev.floorgate.sync.StoredOperation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One append: inserts its operations inside the writer's group transaction and says, per operation, whether it is
 * new (ACCEPTED), a repeat of a stored operation (EXISTING: same opId, same canonical JSON) or a reuse of an opId
 * for another body (CONFLICT). Comparing the canonical JSON without {@code receivedAt} is comparing
 * {@link OperationJson#fingerprint}s. The stored row keeps its first {@code receivedAt}: the gateway stamps an
 * operation once.
 */
public final class AppendTask extends SqlTask<List<AppendResult>> {
    /** The next seq to assign. Only the writer thread touches it, so it needs no lock. */
    public static final class SeqCounter {
        private long next;

        public SeqCounter(long next) {
            this.next = next;
        }
    }

    private final List<Operation> ops;
    private final List<String> jsons;
    private final String deviceId;
    private final OutboxTables tables;
    private final SeqCounter seq;
    private final Clock clock;
    private final IntConsumer onCommit;
    private int accepted;

    /**
     * @param jsons    the canonical JSON of each operation, made by the caller's thread
     * @param deviceId the posting device, or null to take each operation's own deviceId
     * @param onCommit told how many new rows committed (writer thread, right after COMMIT)
     */
    public AppendTask(List<Operation> ops, List<String> jsons, String deviceId, OutboxTables tables, SeqCounter seq,
            Clock clock, IntConsumer onCommit) {
        this.ops = ops;
        this.jsons = jsons;
        this.deviceId = deviceId;
        this.tables = tables;
        this.seq = seq;
        this.clock = clock;
        this.onCommit = onCommit;
    }

    @Override
    protected int weight() {
        return ops.size();
    }

    @Override
    protected List<AppendResult> execute(Connection c) throws SQLException {
        accepted = 0; // this may be a second run after a rolled-back group
        long now = clock.millis();
        List<AppendResult> out = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            String json = jsons.get(i);
            String device = deviceId != null ? deviceId : op.deviceId();
            long s = seq.next;
            if (tables.insert(s, op.opId(), op.tenant(), device, json, now) == 1) {
                seq.next = s + 1; // a rolled-back group leaves a gap; the order is what counts
                accepted++;
                out.add(new AppendResult(op.opId(), AppendResult.Kind.ACCEPTED, new StoredOperation(s, op.opId(),
                        op.tenant(), device, json, OpState.PENDING, null, Instant.ofEpochMilli(now), null), null));
                continue;
            }
            StoredOperation existing = tables.findByOpId(op.opId());
            // receivedAt says when a gateway took the operation, not what it is: a resend stamped later is a repeat
            if (existing.json().equals(json) || OperationJson.sameContent(existing.operation(), op)) {
                out.add(new AppendResult(op.opId(), AppendResult.Kind.EXISTING, existing, null));
            } else {
                out.add(new AppendResult(op.opId(), AppendResult.Kind.CONFLICT, existing, "opId " + op.opId()
                        + " was acknowledged before (seq " + existing.seq() + ", device " + existing.deviceId()
                        + ") with a different body: fingerprint "
                        + OperationJson.fingerprint(existing.operation()).substring(0, 16) + "..., now "
                        + OperationJson.fingerprint(op).substring(0, 16) + "...; an opId names one operation forever"));
            }
        }
        return out;
    }

    @Override
    protected void committed(List<AppendResult> result) {
        if (accepted > 0) {
            onCommit.accept(accepted);
        }
    }
}
