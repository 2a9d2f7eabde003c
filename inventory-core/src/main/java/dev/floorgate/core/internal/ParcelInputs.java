package dev.floorgate.core.internal;

import dev.floorgate.barcodes.Carrier;
import dev.floorgate.barcodes.TrackingNumber;
import dev.floorgate.barcodes.TrackingNumbers;
import dev.floorgate.protocol.ResultCodes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks of the parcel routes' fields beyond Inputs: tracking numbers go through
 * {@link TrackingNumbers#recognise}, so a parcel is stored under the normalised key a gateway computes from a scan
 * of its label (docs/TRACKING-NUMBERS.md); each failure is a 400 naming the field. An announcement is checked here
 * whichever way it came, {@code POST /v1/parcels/announcements} (ParcelsController) or RabbitMQ
 * (ParcelCommandConsumer): the same body, the same checks, the same messages.
 */
final class ParcelInputs {
    /** How far a gateway's intake time may lie ahead of the core's clock, and how old it may be. */
    static final Duration MAX_AHEAD = Duration.ofDays(1);
    static final Duration MAX_AGE = Duration.ofDays(366);
    /** Announcements in one batch, and the largest announcement body (a batch of 500 is about 150 KB). */
    static final int MAX_BATCH = 500;
    static final int MAX_BODY = 1024 * 1024;

    private ParcelInputs() {
    }

    /** One announcement (CORE-API.md "Parcels (issue 17)"). */
    @Serdeable
    record AnnounceItem(@Nullable String tenant, @Nullable String warehouse, @Nullable String customer,
            @Nullable String customerName, @Nullable String trackingNumber, @Nullable String carrier,
            @Nullable String notes) {
    }

    /** One announcement, or a batch in {@code announcements} (the top-level tenant and warehouse are defaults). */
    @Serdeable
    record AnnounceBody(@Nullable String tenant, @Nullable String warehouse, @Nullable String customer,
            @Nullable String customerName, @Nullable String trackingNumber, @Nullable String carrier,
            @Nullable String notes, @Nullable List<AnnounceItem> announcements) {
        boolean batch() {
            return announcements != null;
        }
    }

    /**
     * Every announcement of a body, checked before any is stored: one bad item refuses the body, naming it
     * ({@code announcements[2].trackingNumber: ...} in a batch).
     */
    static List<ParcelService.Announcement> announcements(AnnounceBody b) {
        if (!b.batch()) {
            return List.of(announcement("", new AnnounceItem(b.tenant(), b.warehouse(), b.customer(),
                    b.customerName(), b.trackingNumber(), b.carrier(), b.notes()), null, null));
        }
        List<AnnounceItem> items = b.announcements();
        if (items.isEmpty() || items.size() > MAX_BATCH) {
            throw ApiException.badRequest(ResultCodes.INVALID, "announcements: " + items.size() + " entries, 1 to "
                    + MAX_BATCH + " allowed");
        }
        List<ParcelService.Announcement> checked = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw ApiException.badRequest(ResultCodes.INVALID, "announcements[" + i + "]: is null");
            }
            checked.add(announcement("announcements[" + i + "].", items.get(i), b.tenant(), b.warehouse()));
        }
        return checked;
    }

    /** The field naming item {@code index}'s warehouse in a message, as {@link #announcements} names fields. */
    static String warehouseField(AnnounceBody b, int index) {
        return b.batch() ? "announcements[" + index + "].warehouse" : "warehouse";
    }

    /**
     * An announcement names a warehouse the core knows (422 UNKNOWN_WAREHOUSE, like orders), or its parcel would
     * wait in a feed no gateway reads. Intake does not check: a gateway's scan was accepted offline already.
     */
    static void requireWarehouse(MasterDataStore master, String field, ParcelService.Announcement a)
            throws SQLException {
        if (!master.warehouseKnown(a.tenant(), a.warehouse())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ResultCodes.UNKNOWN_WAREHOUSE, field + ": '"
                    + a.warehouse() + "' is not a warehouse of tenant '" + a.tenant() + "' known to the core");
        }
    }

    private static ParcelService.Announcement announcement(String prefix, AnnounceItem a, String defaultTenant,
            String defaultWarehouse) {
        String tenant = Inputs.code(prefix + "tenant", a.tenant() == null ? defaultTenant : a.tenant());
        String warehouse = Inputs.code(prefix + "warehouse", a.warehouse() == null ? defaultWarehouse
                : a.warehouse());
        String customer = Inputs.code(prefix + "customer", a.customer());
        String name = Inputs.text(prefix + "customerName", a.customerName(), 200, false);
        String notes = Inputs.text(prefix + "notes", a.notes(), 1000, false);
        Tracking tracking = tracking(prefix + "trackingNumber", a.trackingNumber(), a.carrier());
        return new ParcelService.Announcement(tenant, warehouse, customer, name, tracking, notes);
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
