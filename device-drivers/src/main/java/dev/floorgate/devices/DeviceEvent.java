package dev.floorgate.devices;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a device: a connection change, bad input, a printer state change, a failed print.
 * Device faults are events (and states), never exceptions. Immutable.
 */
public final class DeviceEvent {

    /** What happened. */
    public enum Kind {
        /** The connection to the device is up (for tcp-listen: a device connected). */
        CONNECTED,
        /** The connection was lost or closed. */
        DISCONNECTED,
        /** A connection attempt failed or the connection was lost; the message says when the next attempt is. */
        RECONNECTING,
        /** A frame grew beyond the maximum frame length; bytes are discarded until the next terminator. */
        FRAME_TOO_LONG,
        /** A frame without its terminator was dropped after a silence. */
        FRAME_INCOMPLETE,
        /** Non-printable bytes (other than GS, RS, EOT) arrived; the message names them in hex. */
        GARBAGE,
        /** The scanner sent its no-read string. */
        NO_READ,
        /** The same code was read again within the duplicate window and dropped. */
        DUPLICATE_SUPPRESSED,
        /** A trigger could not be sent or the reader refused it. */
        TRIGGER_FAILED,
        /** The printer's state changed; {@link #printerState()} holds the new state. */
        PRINTER_STATE_CHANGED,
        /** A print job was not (fully) delivered; the message says how many bytes were sent. */
        PRINT_FAILED,
        /** A scale gave no reply (MT-SICS) or no line (continuous output) within its answer timeout. */
        NOT_ANSWERING,
        /** The listener was too slow and events or scans were dropped; the message says how many. */
        EVENTS_DROPPED,
        /** An unexpected error in the device pipeline; the driver keeps running. */
        ERROR
    }

    private final String device;
    private final Kind kind;
    private final String message;
    private final Instant at;
    private final PrinterState printerState;

    private DeviceEvent(String device, Kind kind, String message, Instant at, PrinterState printerState) {
        this.device = Objects.requireNonNull(device, "device");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.message = Objects.requireNonNull(message, "message");
        this.at = Objects.requireNonNull(at, "at");
        this.printerState = printerState;
    }

    public static DeviceEvent of(String device, Kind kind, String message) {
        return new DeviceEvent(device, kind, message, Instant.now(), null);
    }

    /** A {@link Kind#PRINTER_STATE_CHANGED} event carrying the new state. */
    public static DeviceEvent printerStateChanged(String device, PrinterState state, String message) {
        return new DeviceEvent(device, Kind.PRINTER_STATE_CHANGED, message, Instant.now(), Objects.requireNonNull(state));
    }

    /** The device's configured name. */
    public String device() {
        return device;
    }

    public Kind kind() {
        return kind;
    }

    /** A sentence for people and logs, naming the device and the numbers. */
    public String message() {
        return message;
    }

    public Instant at() {
        return at;
    }

    /** The printer's new state for {@link Kind#PRINTER_STATE_CHANGED}; null for other kinds. */
    public PrinterState printerState() {
        return printerState;
    }

    @Override
    public String toString() {
        return at + " " + device + " " + kind + ": " + message;
    }
}
