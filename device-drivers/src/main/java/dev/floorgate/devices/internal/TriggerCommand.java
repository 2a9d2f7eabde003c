package dev.floorgate.devices.internal;

/** A command for a triggered reader, encoded by {@link TriggerCommandEncoder} in the reader's dialect. */
public enum TriggerCommand {
    /** Start a read. */
    ON
}
