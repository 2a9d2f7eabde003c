package dev.floorgate.core.internal;

import dev.floorgate.protocol.Operation;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The time the idempotency rules reason with (OperationEngine, apply.lua): the gateway's corrected receive time
 * ({@code receivedAt}) when the operation carries one, else the time inside its id (OperationIdTime), else none.
 *
 * <p>Why the receive time first: a gateway signs its requests in core time (it measures its offset from every
 * answer), so the receive time it stamps is the core's clock give or take a round trip, whatever the device's
 * clock says. An id made on a PDA that woke up in 1970, or one running days fast, carries that PDA's time. The
 * rules stay safe for any value (DESIGN.md, "Wrong clocks"): a time too old or too far ahead sends the operation
 * to the ledger; only a time within the margin of now lets Redis alone answer.
 */
final class OperationTime {
    private OperationTime() {
    }

    static long millis(Operation op) {
        String received = op.receivedAt();
        if (received != null) {
            try {
                return Instant.parse(received).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                // validated before it gets here; an unreadable one falls back to the id, never to "recent"
            }
        }
        return OperationIdTime.millis(op.opId());
    }
}
