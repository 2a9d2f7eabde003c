package dev.floorgate.protocol;

import java.util.Objects;

/**
 * The core's answer for one operation (API.md, "The result"). Immutable. A DUPLICATE carries the first result's
 * code, message and stock, so a device sees the same answer whenever it asks again.
 */
public final class OperationResult {
    private final String opId;
    private final ResultStatus status;
    private final String code;
    private final String message;
    private final StockLevels stock;
    private final Long delta;

    public OperationResult(String opId, ResultStatus status, String code, String message, StockLevels stock,
            Long delta) {
        this.opId = opId;
        this.status = Objects.requireNonNull(status, "status");
        this.code = code;
        this.message = message;
        this.stock = stock;
        this.delta = delta;
    }

    public static OperationResult applied(String opId, StockLevels stock) {
        return new OperationResult(opId, ResultStatus.APPLIED, null, null, stock, null);
    }

    public static OperationResult rejected(String opId, String code, String message) {
        return new OperationResult(opId, ResultStatus.REJECTED, code, message, null, null);
    }

    public static OperationResult retry(String opId, String message) {
        return new OperationResult(opId, ResultStatus.RETRY, ResultCodes.UNAVAILABLE, message, null, null);
    }

    /**
     * The answer to a repeat of an operation whose first result was {@code first}: status DUPLICATE; the code is
     * the first status for an applied op, or the first rejection code.
     */
    public static OperationResult duplicateOf(OperationResult first) {
        String code = first.status == ResultStatus.REJECTED ? first.code : first.status.name();
        String message = first.status == ResultStatus.REJECTED ? first.message : "already applied";
        return new OperationResult(first.opId, ResultStatus.DUPLICATE, code, message, first.stock, first.delta);
    }

    public String opId() {
        return opId;
    }

    public ResultStatus status() {
        return status;
    }

    /** The reason when not APPLIED (see {@link ResultCodes}); null for APPLIED. */
    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** Stock after applying; null when nothing was applied. */
    public StockLevels stock() {
        return stock;
    }

    /** For COUNT: the computed adjustment (counted - onHand before); null otherwise. */
    public Long delta() {
        return delta;
    }

    /** The same result with a new status (e.g. the stored first result returned as DUPLICATE keeps its detail). */
    public OperationResult withStatus(ResultStatus newStatus) {
        return new OperationResult(opId, newStatus, code, message, stock, delta);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OperationResult)) {
            return false;
        }
        OperationResult x = (OperationResult) o;
        return Objects.equals(opId, x.opId) && status == x.status && Objects.equals(code, x.code)
                && Objects.equals(message, x.message) && Objects.equals(stock, x.stock)
                && Objects.equals(delta, x.delta);
    }

    @Override
    public int hashCode() {
        return Objects.hash(opId, status, code, message, stock, delta);
    }

    @Override
    public String toString() {
        return OperationJson.writeResult(this);
    }
}
