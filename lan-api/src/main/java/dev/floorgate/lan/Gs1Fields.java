package dev.floorgate.lan;

import java.util.List;
import java.util.Objects;

/**
 * The GS1 part of a scan: every element in scan order and the common ones by name.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class Gs1Fields {
    private final List<Gs1Value> elements;
    private final String gtin;
    private final String batch;
    private final String expiry;
    private final String serial;
    private final String sscc;

    public Gs1Fields(List<Gs1Value> elements, String gtin, String batch, String expiry, String serial, String sscc) {
        this.elements = Copies.list(elements);
        this.gtin = gtin;
        this.batch = batch;
        this.expiry = expiry;
        this.serial = serial;
        this.sscc = sscc;
    }

    public List<Gs1Value> elements() {
        return elements;
    }

    /** AI (01). */
    public String gtin() {
        return gtin;
    }

    /** AI (10). */
    public String batch() {
        return batch;
    }

    /** AI (17) as YYYY-MM-DD. */
    public String expiry() {
        return expiry;
    }

    /** AI (21). */
    public String serial() {
        return serial;
    }

    /** AI (00). */
    public String sscc() {
        return sscc;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Gs1Fields)) {
            return false;
        }
        Gs1Fields that = (Gs1Fields) o;
        return Objects.equals(elements, that.elements)
                && Objects.equals(gtin, that.gtin)
                && Objects.equals(batch, that.batch)
                && Objects.equals(expiry, that.expiry)
                && Objects.equals(serial, that.serial)
                && Objects.equals(sscc, that.sscc);
    }

    @Override
    public int hashCode() {
        return Objects.hash(elements, gtin, batch, expiry, serial, sscc);
    }

    @Override
    public String toString() {
        return "Gs1Fields{" + "elements=" + elements
                + ", gtin=" + gtin
                + ", batch=" + batch
                + ", expiry=" + expiry
                + ", serial=" + serial
                + ", sscc=" + sscc + "}";
    }
}
