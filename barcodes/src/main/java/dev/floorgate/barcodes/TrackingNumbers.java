package dev.floorgate.barcodes;

import dev.floorgate.barcodes.internal.TrackingFormats;
import dev.floorgate.barcodes.internal.TrackingInput;
import dev.floorgate.barcodes.internal.TrackingMatch;
import dev.floorgate.barcodes.internal.TrackingRouting;

/**
 * Recognises a carrier's parcel tracking number in a scan or in what a person typed (docs/TRACKING-NUMBERS.md):
 * UPS 1Z, FedEx Express/Ground/SmartPost and the 34-digit FedEx barcodes, USPS IMpb with or without its GS1
 * routing (AI 420 ZIP or 421 country + postal code), UPU S10 (China Post, EMS and the other posts), DHL Express
 * waybills and piece ids, DHL eCommerce {@code GM}/{@code LX}/{@code RX}. The result's {@link TrackingNumber#number()} is normalised
 * so the label barcode and the number typed from its human-readable line give the same key. Offline, stateless,
 * thread-safe.
 */
public final class TrackingNumbers {

    /** Shortest and longest content taken as an {@link Carrier#UNKNOWN} tracking number. */
    public static final int UNKNOWN_MIN = 6;
    public static final int UNKNOWN_MAX = 40;

    private TrackingNumbers() {
    }

    /** Recognises {@code scanned}, which may start with an AIM id such as {@code ]C1}. */
    public static TrackingNumber recognise(String scanned) {
        return recognise(scanned, null);
    }

    /**
     * Recognises {@code scanned}; {@code aimId} is the AIM id the scanner reported beside the data (e.g. the
     * {@code aimId} intent extra), or null. An id announcing GS1 ({@code ]C1}) makes the data be read as GS1 first.
     *
     * @throws IllegalArgumentException for garbage: null, empty, more than 80 characters, control characters other
     *     than GS, non-ASCII, a malformed AIM id, or content of no known format outside 6-40 characters
     */
    public static TrackingNumber recognise(String scanned, String aimId) {
        TrackingInput input = TrackingInput.clean(scanned, aimId);
        TrackingMatch match = TrackingRouting.route(input);
        if (match == null) {
            String flat = TrackingRouting.flatten(input.text);
            match = TrackingFormats.classify(flat);
            if (match == null) {
                match = TrackingFormats.unknown(flat);
            }
        }
        return new TrackingNumber(match);
    }
}
