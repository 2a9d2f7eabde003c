package dev.floorgate.gateway.internal.print;

/** Where a print job is (API.md, guarantee 6). */
public enum PrintJobState {
    /** Durable and waiting for its printer. */
    QUEUED,
    /** Being sent: bytes may be on the wire. Committed before the first byte is written. */
    PRINTING,
    /**
     * The printer received every byte and holds the job in its buffer; its label counter has not yet proved the
     * labels came out (closed-loop printers only, PROTOCOLS.md 2.4).
     */
    SENT,
    /**
     * The printer's label counter proved every label came out; on a printer without counters (not closed-loop),
     * the printer received every byte and answered a status query after.
     */
    PRINTED,
    /** The printer reports a fault or does not answer; nothing was sent. Retried when the printer clears. */
    HELD,
    /**
     * The gateway stopped, or the connection failed, while the job was being sent to a printer that cannot confirm,
     * or the label counter cannot tell (it went backwards, the printer was replaced): a person decides.
     */
    MAYBE_PRINTED,
    /** Discarded by a person (with a reason); never printed by the gateway after that. */
    FAILED
}
