package dev.floorgate.core.internal;

import dev.floorgate.barcodes.Carrier;
import dev.floorgate.barcodes.TrackingNumber;
import dev.floorgate.barcodes.TrackingNumbers;
import dev.floorgate.protocol.ResultCodes;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Checks of the parcel routes' fields beyond Inputs: tracking numbers go through
 * {@link TrackingNumbers#recognise}, so a parcel is stored under the normalised key a gateway computes from a scan
 * of its label (docs/TRACKING-NUMBERS.md); each failure is a 400 naming the field.
 */
final class ParcelInputs {
    /** How far a gateway's intake time may lie ahead of the core's clock, and how old it may be. */
    static final Duration MAX_AHEAD = Duration.ofDays(1);
    static final Duration MAX_AGE = Duration.ofDays(366);

    private ParcelInputs() {
    }

    /** A recognised tracking number and the text it came from. */
    record Tracking(String key, String carrier, String format, Boolean checkDigitValid, String raw) {
    }

    /**
     * Recognises {@code value}; content of no known carrier format is taken as plain Code 128 text (carrier
     * UNKNOWN) when it is 6-40 printable ASCII characters. {@code claimedCarrier}, when given, is kept only for a
     * number of no known format: a recognised format names its carrier itself.
     */
    static Tracking tracking(String field, String value, String claimedCarrier) {
        Carrier claimed = carrier(claimedCarrier);
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest(ResultCodes.INVALID, field + ": is required");
        }
        TrackingNumber t;
        try {
            t = TrackingNumbers.recognise(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ResultCodes.INVALID, field + ": not a tracking number: " + e.getMessage());
        }
        String carrier = t.carrier() == Carrier.UNKNOWN && claimed != null ? claimed.name() : t.carrier().name();
        Boolean valid = t.hasCheckDigit() ? t.checkDigitValid() : null;
        return new Tracking(t.number(), carrier, t.format(), valid, value.strip());
    }

    /** The carrier named by a client (an enum name of {@link Carrier}, any case), or null when not given. */
    static Carrier carrier(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Carrier.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ResultCodes.INVALID, "carrier: must be one of UPS, FEDEX, USPS, "
                    + "DHL_EXPRESS, DHL_ECOMMERCE, UPU_S10 or UNKNOWN, was '" + Inputs.clip(value) + "'");
        }
    }

    /** The intake time a gateway sent (ISO-8601 UTC), or {@code now} when not sent; in milliseconds. */
    static Instant at(String value, Instant now) {
        if (value == null || value.isEmpty()) {
            return now.truncatedTo(ChronoUnit.MILLIS);
        }
        Instant at;
        try {
            at = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(ResultCodes.INVALID, "at: must be an ISO-8601 UTC time such as "
                    + "2026-12-07T10:15:30.000Z, was '" + Inputs.clip(value) + "'");
        }
        if (at.isAfter(now.plus(MAX_AHEAD)) || at.isBefore(now.minus(MAX_AGE))) {
            throw ApiException.badRequest(ResultCodes.INVALID, "at: " + value + " is more than " + MAX_AHEAD.toDays()
                    + " day ahead of or " + MAX_AGE.toDays() + " days behind the core's clock (" + now + ")");
        }
        return at.truncatedTo(ChronoUnit.MILLIS);
    }
}
