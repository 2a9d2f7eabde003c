package dev.floorgate.barcodes.internal;

import dev.floorgate.barcodes.Carrier;

/**
 * What {@link TrackingFormats} found in one scan, filled in by the format that matched and then copied into an
 * immutable {@link dev.floorgate.barcodes.TrackingNumber}. Mutable only while it is being built.
 */
public final class TrackingMatch {

    /** Whether the format has a check digit and, if so, whether it matched. */
    public enum Check { NONE, VALID, INVALID }

    public final Carrier carrier;
    public final String number;
    public final String format;
    public final Check check;
    String service;
    String destinationZip;
    String destinationCountry;
    String destinationPostalCode;
    String issuingCountry;

    TrackingMatch(Carrier carrier, String number, String format, Check check) {
        this.carrier = carrier;
        this.number = number;
        this.format = format;
        this.check = check;
    }

    static TrackingMatch checked(Carrier carrier, String number, String format, boolean valid) {
        return new TrackingMatch(carrier, number, format, valid ? Check.VALID : Check.INVALID);
    }

    TrackingMatch service(String value) {
        this.service = value;
        return this;
    }

    public String service() {
        return service;
    }

    public String destinationZip() {
        return destinationZip;
    }

    public String destinationCountry() {
        return destinationCountry;
    }

    public String destinationPostalCode() {
        return destinationPostalCode;
    }

    public String issuingCountry() {
        return issuingCountry;
    }
}
