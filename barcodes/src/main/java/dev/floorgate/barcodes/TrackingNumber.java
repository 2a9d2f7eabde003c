package dev.floorgate.barcodes;

import dev.floorgate.barcodes.internal.TrackingMatch;
import java.util.Objects;

/**
 * A recognised parcel tracking number (docs/TRACKING-NUMBERS.md): the carrier, the normalised number a carrier's
 * site accepts (upper case, no spaces or dashes, GS1 routing prefixes removed) and what its format tells.
 * {@link #number()} is the key to match a parcel by: the same parcel scanned from its label and typed by hand
 * gives the same number. Immutable; equal when every field is equal.
 */
public final class TrackingNumber {

    private final Carrier carrier;
    private final String number;
    private final String format;
    private final TrackingMatch.Check check;
    private final String service;
    private final String destinationZip;
    private final String destinationCountry;
    private final String destinationPostalCode;
    private final String issuingCountry;

    TrackingNumber(TrackingMatch match) {
        this.carrier = match.carrier;
        this.number = match.number;
        this.format = match.format;
        this.check = match.check;
        this.service = match.service();
        this.destinationZip = match.destinationZip();
        this.destinationCountry = match.destinationCountry();
        this.destinationPostalCode = match.destinationPostalCode();
        this.issuingCountry = match.issuingCountry();
    }

    /** The carrier; {@link Carrier#UNKNOWN} for plausible content of no known format. */
    public Carrier carrier() {
        return carrier;
    }

    /** The normalised tracking number, e.g. {@code 1Z5R89390357567127} or {@code 9200190132607600833457}. */
    public String number() {
        return number;
    }

    /** The format or service family that matched, e.g. {@code "FedEx Express (12)"} or {@code "USPS IMpb"}. */
    public String format() {
        return format;
    }

    /** Whether this format carries a check digit at all (false for UNKNOWN, DHL eCommerce and DHL piece ids). */
    public boolean hasCheckDigit() {
        return check != TrackingMatch.Check.NONE;
    }

    /** True only when the format has a check digit and it matches; a mistyped or misread number is false. */
    public boolean checkDigitValid() {
        return check == TrackingMatch.Check.VALID;
    }

    /**
     * The service the number names, when its format has one: the UPS service code ({@code "03"}), the S10
     * service indicator ({@code "RB"}), the USPS service type code of an IMpb ({@code "001"}), the FedEx
     * Ground 96 service code; otherwise null.
     */
    public String service() {
        return service;
    }

    /** The destination ZIP (5 or 9 digits) from GS1 AI 420 of an IMpb or from a FedEx 34-digit barcode; else null. */
    public String destinationZip() {
        return destinationZip;
    }

    /** The ISO 3166 numeric destination country from GS1 AI 421 of an IMpb ({@code "840"}); else null. */
    public String destinationCountry() {
        return destinationCountry;
    }

    /** The destination postal code from GS1 AI 421 of an IMpb; else null. */
    public String destinationPostalCode() {
        return destinationPostalCode;
    }

    /** The ISO 3166 alpha-2 country of the post that issued a UPU S10 number ({@code "CN"}); else null. */
    public String issuingCountry() {
        return issuingCountry;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TrackingNumber)) {
            return false;
        }
        TrackingNumber t = (TrackingNumber) o;
        return carrier == t.carrier && number.equals(t.number) && format.equals(t.format) && check == t.check
                && Objects.equals(service, t.service) && Objects.equals(destinationZip, t.destinationZip)
                && Objects.equals(destinationCountry, t.destinationCountry)
                && Objects.equals(destinationPostalCode, t.destinationPostalCode)
                && Objects.equals(issuingCountry, t.issuingCountry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(carrier, number, format, check);
    }

    @Override
    public String toString() {
        return carrier + " " + number + " (" + format + ", check digit "
                + (check == TrackingMatch.Check.NONE ? "none" : check == TrackingMatch.Check.VALID ? "valid" : "INVALID")
                + (destinationZip == null ? "" : ", ZIP " + destinationZip)
                + (destinationCountry == null ? "" : ", to " + destinationCountry + " " + destinationPostalCode)
                + (issuingCountry == null ? "" : ", issued in " + issuingCountry) + ")";
    }
}
