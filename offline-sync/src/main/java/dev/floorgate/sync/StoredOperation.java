package dev.floorgate.sync;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the outbox: an acknowledged operation, its canonical JSON exactly as stored, where it is on its way
 * to the core and the core's answer. Immutable snapshot; read the outbox again for a newer state.
 */
public final class StoredOperation {
    private final long seq;
    private final String opId;
    private final String tenant;
    private final String deviceId;
    private final String json;
    private final OpState state;
    private final OperationResult result;
    private final Instant acceptedAt;
    private final Instant syncedAt;
    private volatile Operation operation; // parsed from json on first use

    public StoredOperation(long seq, String opId, String tenant, String deviceId, String json, OpState state,
            OperationResult result, Instant acceptedAt, Instant syncedAt) {
        this.seq = seq;
        this.opId = Objects.requireNonNull(opId, "opId");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.deviceId = deviceId;
        this.json = Objects.requireNonNull(json, "json");
        this.state = Objects.requireNonNull(state, "state");
        this.result = result;
        this.acceptedAt = Objects.requireNonNull(acceptedAt, "acceptedAt");
        this.syncedAt = syncedAt;
    }

    /** The acknowledgement sequence: ack order, never reused. */
    public long seq() {
        return seq;
    }

    public String opId() {
        return opId;
    }

    public String tenant() {
        return tenant;
    }

    /** The device that posted the operation to the gateway (its authenticated id), or the op's own deviceId. */
    public String deviceId() {
        return deviceId;
    }

    /** The operation, read back from its stored canonical JSON. */
    public Operation operation() {
        Operation op = operation;
        if (op == null) {
            op = OperationJson.readOperation(json);
            operation = op;
        }
        return op;
    }

    /** The canonical JSON exactly as stored and as sent to the core ({@link OperationJson#write}). */
    public String json() {
        return json;
    }

    /** {@link #json()} as UTF-8 bytes. */
    public byte[] jsonBytes() {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    public OpState state() {
        return state;
    }

    /** The core's answer once final; null while PENDING or SYNCING. */
    public OperationResult result() {
        return result;
    }

    public Instant acceptedAt() {
        return acceptedAt;
    }

    /** When the final answer was stored; null until then. */
    public Instant syncedAt() {
        return syncedAt;
    }

    /** This operation with a final answer stored at {@code when}. */
    StoredOperation withResult(OpState newState, OperationResult newResult, Instant when) {
        StoredOperation s = new StoredOperation(seq, opId, tenant, deviceId, json, newState, newResult, acceptedAt,
                when);
        s.operation = operation;
        return s;
    }

    @Override
    public String toString() {
        return "StoredOperation{seq=" + seq + ", opId=" + opId + ", tenant=" + tenant + ", state=" + state
                + (result == null ? "" : ", result=" + result) + "}";
    }
}
