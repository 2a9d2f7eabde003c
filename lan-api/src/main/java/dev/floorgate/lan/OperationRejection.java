package dev.floorgate.lan;

import dev.floorgate.protocol.FieldProblem;
import dev.floorgate.protocol.InvalidOperationException;
import java.util.List;
import java.util.Objects;

/**
 * One operation the gateway refused at its door (in a 422 of POST /api/v1/operations): final, never resent.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class OperationRejection {
    private final String opId;
    private final String code;
    private final String message;
    private final List<FieldProblem> problems;

    public OperationRejection(String opId, String code, String message, List<FieldProblem> problems) {
        this.opId = opId;
        this.code = code;
        this.message = message;
        this.problems = Copies.list(problems);
    }

    public String opId() {
        return opId;
    }

    /** INVALID, UNKNOWN_SKU, OP_ID_REUSED, ... */
    public String code() {
        return code;
    }

    /** The gateway's own message; absent from its answers today, {@link #message()} then joins the problems. */
    public String reportedMessage() {
        return message;
    }

    /** The gateway's message, or the problems joined ("sku: unknown SKU-9; qty: ..."), or the code. */
    public String message() {
        if (message != null) {
            return message;
        }
        return problems.isEmpty() ? code : InvalidOperationException.join(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OperationRejection)) {
            return false;
        }
        OperationRejection that = (OperationRejection) o;
        return Objects.equals(opId, that.opId)
                && Objects.equals(code, that.code)
                && Objects.equals(message, that.message)
                && Objects.equals(problems, that.problems);
    }

    @Override
    public int hashCode() {
        return Objects.hash(opId, code, message, problems);
    }

    @Override
    public String toString() {
        return "OperationRejection{" + "opId=" + opId
                + ", code=" + code
                + ", message=" + message
                + ", problems=" + problems + "}";
    }
}
