package dev.floorgate.lan;

import dev.floorgate.protocol.OperationResult;
import java.util.Objects;

/**
 * Answer of GET /api/v1/operations/{opId}: the local state, then the core's result.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class OperationStatus {
    /** The gateway's states of an accepted operation. */
    public enum State {
        /** Durable at the gateway, waiting for the uplink. */
        PENDING,
        /** Being sent to the core. */
        SYNCING,
        APPLIED,
        DUPLICATE,
        REJECTED;

        /** Whether the core has answered (APPLIED, DUPLICATE or REJECTED). */
        public boolean isFinal() {
            return this == APPLIED || this == DUPLICATE || this == REJECTED;
        }
    }

    private final String opId;
    private final String state;
    private final OperationResult result;
    private final String acceptedAt;
    private final String syncedAt;
    private final String deviceId;

    public OperationStatus(String opId, String state, OperationResult result, String acceptedAt, String syncedAt,
            String deviceId) {
        this.opId = opId;
        this.state = state;
        this.result = result;
        this.acceptedAt = acceptedAt;
        this.syncedAt = syncedAt;
        this.deviceId = deviceId;
    }

    public String opId() {
        return opId;
    }

    /** PENDING, SYNCING, APPLIED, DUPLICATE, REJECTED. */
    public String stateName() {
        return state;
    }

    /** The state, or null when the gateway named one this version does not know (see {@link #stateName()}). */
    public State state() {
        for (State s : State.values()) {
            if (s.name().equals(state)) {
                return s;
            }
        }
        return null;
    }

    /** Whether the core has answered; then {@link #result()} holds the answer. */
    public boolean isFinal() {
        State s = state();
        return s != null && s.isFinal();
    }

    /** The core's result once final, else null. */
    public OperationResult result() {
        return result;
    }

    public String acceptedAt() {
        return acceptedAt;
    }

    public String syncedAt() {
        return syncedAt;
    }

    public String deviceId() {
        return deviceId;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OperationStatus)) {
            return false;
        }
        OperationStatus that = (OperationStatus) o;
        return Objects.equals(opId, that.opId)
                && Objects.equals(state, that.state)
                && Objects.equals(result, that.result)
                && Objects.equals(acceptedAt, that.acceptedAt)
                && Objects.equals(syncedAt, that.syncedAt)
                && Objects.equals(deviceId, that.deviceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(opId, state, result, acceptedAt, syncedAt, deviceId);
    }

    @Override
    public String toString() {
        return "OperationStatus{" + "opId=" + opId
                + ", state=" + state
                + ", result=" + result
                + ", acceptedAt=" + acceptedAt
                + ", syncedAt=" + syncedAt
                + ", deviceId=" + deviceId + "}";
    }
}
