package dev.floorgate.core;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.StockLevels;
import java.util.List;
import java.util.Optional;

/**
 * Applies inventory operations on the Redis hot path, exactly once per opId (API.md, "Meaning at the core").
 * The HTTP batch endpoint is a thin, signed wrapper around {@link #apply(List)}; benchmarks and tools may call it
 * in-process. Callers must have checked that the operations' tenants are theirs to write. Thread-safe.
 */
public interface StockService {
    /**
     * Applies {@code operations} in order and returns one result per operation, in the same order. Per stock
     * record the order is kept exactly; operations on different records are independent and may run
     * concurrently. A store failure turns the affected operations into RETRY results (safe to resend).
     *
     * @throws CoreUnavailableException when the core sheds load (nothing of the batch was applied)
     */
    List<OperationResult> apply(List<Operation> operations);

    /** The stock of one record (loaded from MySQL when Redis lacks it), or empty for an unknown SKU or warehouse. */
    Optional<StockLevels> stock(String tenant, String warehouse, String sku);
}
