package dev.floorgate.devices;

import java.util.Objects;

/**
 * What became of one print job. Only {@link Result#SEND_FAILED} leaves doubt about whether a label came out:
 * the other results either delivered every byte or sent nothing, so a job that was not PRINTED may be resent
 * safely unless it is SEND_FAILED. Immutable.
 */
public final class PrintOutcome {

    /** The result of {@link ZebraPrinterDriver#print(String)}. */
    public enum Result {
        /** Every byte was handed to the printer's connection, and the printer answered a status query after. */
        PRINTED,
        /** The printer reports a fault ({@link #state()}): nothing was sent. Send again when it is fixed. */
        HELD,
        /** No connection or no status reply: nothing was sent. */
        NOT_ANSWERING,
        /**
         * The connection failed after some bytes were sent (usually not all of them, see {@link #bytesSent()}), or
         * after all were sent but before the printer confirmed them: the label may have printed.
         */
        SEND_FAILED
    }

    private final Result result;
    private final PrinterState state;
    private final long bytesSent;
    private final long bytesTotal;
    private final String message;

    public PrintOutcome(Result result, PrinterState state, long bytesSent, long bytesTotal, String message) {
        this.result = Objects.requireNonNull(result, "result");
        this.state = Objects.requireNonNull(state, "state");
        this.bytesSent = bytesSent;
        this.bytesTotal = bytesTotal;
        this.message = Objects.requireNonNull(message, "message");
    }

    public Result result() {
        return result;
    }

    /** The printer's state: before the job for HELD and NOT_ANSWERING, after it for PRINTED and SEND_FAILED. */
    public PrinterState state() {
        return state;
    }

    /** Bytes accepted by the connection (handed to the operating system, or written to the serial port). */
    public long bytesSent() {
        return bytesSent;
    }

    public long bytesTotal() {
        return bytesTotal;
    }

    /** A sentence naming the printer, the result and the numbers. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return "PrintOutcome{" + result + ", " + state.label() + ", " + bytesSent + "/" + bytesTotal + " bytes: " + message + "}";
    }
}
