package dev.floorgate.devices;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One decoded read from a scanner: the payload without framing, prefix or AIM id. GS1 element strings keep
 * their GS (0x1D) separators. Immutable.
 */
public final class Scan {

    private final String scanner;
    private final String data;
    private final String aimId;
    private final byte[] raw;
    private final Instant receivedAt;

    public Scan(String scanner, String data, String aimId, byte[] raw, Instant receivedAt) {
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.data = Objects.requireNonNull(data, "data");
        this.aimId = aimId;
        this.raw = Objects.requireNonNull(raw, "raw").clone();
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The scanner's configured name. */
    public String scanner() {
        return scanner;
    }

    /** The payload, without AIM id, prefix or framing. */
    public String data() {
        return data;
    }

    /** The AIM symbology id such as {@code "]C1"}, or null when the scanner sent none. */
    public String aimId() {
        return aimId;
    }

    /** The frame's bytes as received (prefix and AIM id included, terminator excluded); a copy. */
    public byte[] raw() {
        return raw.clone();
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Scan)) {
            return false;
        }
        Scan other = (Scan) o;
        return scanner.equals(other.scanner) && data.equals(other.data) && Objects.equals(aimId, other.aimId)
                && Arrays.equals(raw, other.raw) && receivedAt.equals(other.receivedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scanner, data, aimId, receivedAt);
    }

    @Override
    public String toString() {
        return "Scan{" + scanner + " " + (aimId == null ? "" : aimId + " ") + data.replace("\u001d", "<GS>") + "}";
    }
}
