package dev.floorgate.protocol;

import java.util.Collections;
import java.util.List;

/** The body of {@code POST /v1/operations:batch}: the sending gateway and its operations, applied in order. */
public final class BatchRequest {
    /** At most this many operations in one batch (API.md). */
    public static final int MAX_OPERATIONS = 1000;
    /** At most this many body bytes in one batch (API.md): 4 MiB. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private final String gatewayId;
    private final List<Operation> operations;

    public BatchRequest(String gatewayId, List<Operation> operations) {
        this.gatewayId = gatewayId;
        this.operations = Collections.unmodifiableList(operations);
    }

    public String gatewayId() {
        return gatewayId;
    }

    public List<Operation> operations() {
        return operations;
    }
}
