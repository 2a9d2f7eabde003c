package dev.floorgate.devices.sim;

import dev.floorgate.templates.ZplFieldData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** One format the simulated printer printed (left its buffer), with what it says. Immutable. */
public final class PrintedLabel {

    private final int sequence;
    private final byte[] bytes;
    private final int copies;
    private final Path file;
    private final Instant printedAt;
    private final List<String> fieldData;

    PrintedLabel(int sequence, byte[] bytes, int copies, Path file, Instant printedAt) {
        this.sequence = sequence;
        this.bytes = bytes;
        this.copies = copies;
        this.file = file;
        this.printedAt = printedAt;
        this.fieldData = List.copyOf(ZplFieldData.of(bytes));
    }

    /** Arrival number, from 1: the format's order among all formats received. */
    public int sequence() {
        return sequence;
    }

    /** The format {@code ^XA ... ^XZ} as UTF-8 text. */
    public String zpl() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The format's bytes as received (STX/ETX/SI aliases written out). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@code ^PQ} quantity: labels printed from this format. */
    public int copies() {
        return copies;
    }

    /** The capture file ({@code label-000001.zpl}), or null without a capture directory. */
    public Path file() {
        return file;
    }

    public Instant printedAt() {
        return printedAt;
    }

    /** Each {@code ^FD} value, {@code ^FH} escapes decoded, UTF-8 after {@code ^CI28}. */
    public List<String> fieldData() {
        return fieldData;
    }

    @Override
    public String toString() {
        return "PrintedLabel{#" + sequence + ", " + copies + " copies, fields " + fieldData + "}";
    }
}
