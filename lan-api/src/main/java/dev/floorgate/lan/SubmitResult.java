package dev.floorgate.lan;

import java.util.List;
import java.util.Objects;

/**
 * Answer of POST /api/v1/operations: 202 {"accepted": [...]} when every operation is durable at the gateway; 422
 * with error INVALID_OPERATIONS, a message, the accepted ones (durable too) and the rejected ones with their
 * problems.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class SubmitResult {
    private final String error;
    private final String message;
    private final List<String> accepted;
    private final List<OperationRejection> rejected;

    public SubmitResult(String error, String message, List<String> accepted, List<OperationRejection> rejected) {
        this.error = error;
        this.message = message;
        this.accepted = Copies.list(accepted);
        this.rejected = Copies.list(rejected);
    }

    public String error() {
        return error;
    }

    public String message() {
        return message;
    }

    public List<String> accepted() {
        return accepted;
    }

    public List<OperationRejection> rejected() {
        return rejected;
    }

    /** Whether every operation of the request was accepted (the gateway answered 202). */
    public boolean allAccepted() {
        return error == null && rejected.isEmpty();
    }

    /** The HTTP status the gateway answers this body with: 202 when all were accepted, else 422. */
    public int status() {
        return allAccepted() ? 202 : 422;
    }

    /** The rejection of {@code opId}, or null. */
    public OperationRejection rejectionOf(String opId) {
        for (OperationRejection r : rejected) {
            if (r.opId() != null && r.opId().equals(opId)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SubmitResult)) {
            return false;
        }
        SubmitResult that = (SubmitResult) o;
        return Objects.equals(error, that.error)
                && Objects.equals(message, that.message)
                && Objects.equals(accepted, that.accepted)
                && Objects.equals(rejected, that.rejected);
    }

    @Override
    public int hashCode() {
        return Objects.hash(error, message, accepted, rejected);
    }

    @Override
    public String toString() {
        return "SubmitResult{" + "error=" + error
                + ", message=" + message
                + ", accepted=" + accepted
                + ", rejected=" + rejected + "}";
    }
}
