package dev.floorgate.pda;

import dev.floorgate.pda.internal.JsonCodec;
import dev.floorgate.pda.internal.WireResults;
import dev.floorgate.protocol.OperationResult;
import java.util.Map;

/** Where one operation stands at the gateway ({@code GET /api/v1/operations/{opId}}). Immutable. */
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
    private final String stateName;
    private final OperationResult result;
    private final String acceptedAt;

    public OperationStatus(String opId, String stateName, OperationResult result, String acceptedAt) {
        this.opId = opId;
        this.stateName = stateName;
        this.result = result;
        this.acceptedAt = acceptedAt;
    }

    static OperationStatus from(Map<String, Object> m, String requestedOpId) {
        String opId = JsonCodec.str(m, "opId");
        opId = opId == null ? requestedOpId : opId;
        return new OperationStatus(opId, JsonCodec.str(m, "state"),
                WireResults.fromMap(JsonCodec.obj(m, "result"), opId), JsonCodec.str(m, "acceptedAt"));
    }

    public String opId() {
        return opId;
    }

    /** The state, or null when the gateway named one this client does not know (see {@link #stateName()}). */
    public State state() {
        for (State s : State.values()) {
            if (s.name().equals(stateName)) {
                return s;
            }
        }
        return null;
    }

    /** The state as the gateway wrote it. */
    public String stateName() {
        return stateName;
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

    /** When the gateway made it durable, ISO-8601 UTC. */
    public String acceptedAt() {
        return acceptedAt;
    }

    @Override
    public String toString() {
        return "OperationStatus{" + opId + " " + stateName + (result == null ? "" : " " + result) + "}";
    }
}
