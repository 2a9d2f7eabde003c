package dev.floorgate.sync;

import dev.floorgate.protocol.ResultCodes;
import java.util.Objects;

/** What the outbox did with one appended operation; one per operation, in the order they were appended. */
public final class AppendResult {
    /** The three outcomes of an append. */
    public enum Kind {
        /** A new row, durable: answer 202. */
        ACCEPTED,
        /** The same opId with the same body was acknowledged before: answer as before; {@link #stored()} has its state. */
        EXISTING,
        /** The same opId with a different body: refused with {@code OP_ID_REUSED}; nothing stored. */
        CONFLICT
    }

    private final String opId;
    private final Kind kind;
    private final StoredOperation stored;
    private final String message;

    public AppendResult(String opId, Kind kind, StoredOperation stored, String message) {
        this.opId = Objects.requireNonNull(opId, "opId");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.stored = stored;
        this.message = message;
    }

    public String opId() {
        return opId;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the operation is durable in the outbox (ACCEPTED or EXISTING). */
    public boolean isDurable() {
        return kind != Kind.CONFLICT;
    }

    /** The stored row: the new one (ACCEPTED), or the earlier one (EXISTING, CONFLICT). */
    public StoredOperation stored() {
        return stored;
    }

    /** {@code OP_ID_REUSED} for a CONFLICT, else null. */
    public String code() {
        return kind == Kind.CONFLICT ? ResultCodes.OP_ID_REUSED : null;
    }

    /** Why a CONFLICT was refused; null otherwise. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return "AppendResult{" + opId + " " + kind + (message == null ? "" : ": " + message) + "}";
    }
}
