package dev.floorgate.sync;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A consolidated shipment as the packer chose it at a station, what {@link PackingBook#pack} stores and the core's
 * {@code POST /v1/shipments} receives (docs/CORE-API.md "Shipments (issue 17)"). The price was computed at the
 * gateway from the tenant's rate card; the core records it with the card's version and does not price again.
 * Every field is checked here with the core's own limits, so a shipment the core would refuse as INVALID is
 * refused at the station, while the packer is still there: IllegalArgumentException, the message starting with
 * the field's name.
 *
 * @param parcelIds  the core's parcel ids (1-200, none twice), in the order the packer added them
 * @param costAmount the price in major units as exact decimal text ({@code "12.30"}), never a float
 * @param postcode   may be null (some countries have none)
 * @param station    the packing station's code; may be null. {@code device} likewise
 */
public record ShipmentDraft(String tenant, String warehouse, String customer, List<String> parcelIds,
        String carrier, String service, int rateCardVersion, String costAmount, String currency, long weightGrams,
        int lengthMm, int widthMm, int heightMm, String country, String postcode, String station, String device) {
    public static final int MAX_PARCELS = 200;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern POSTCODE = Pattern.compile("[A-Za-z0-9 -]{1,16}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

    public ShipmentDraft {
        code("tenant", tenant, false);
        code("warehouse", warehouse, false);
        code("customer", customer, false);
        code("station", station, true);
        code("device", device, true);
        Objects.requireNonNull(parcelIds, "parcelIds");
        parcelIds = List.copyOf(parcelIds);
        if (parcelIds.isEmpty() || parcelIds.size() > MAX_PARCELS) {
            throw new IllegalArgumentException("parcels: 1-" + MAX_PARCELS + " parcel ids, got " + parcelIds.size());
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < parcelIds.size(); i++) {
            code("parcels[" + i + "]", parcelIds.get(i), false);
            if (!seen.add(parcelIds.get(i))) {
                throw new IllegalArgumentException("parcels[" + i + "]: " + parcelIds.get(i) + " is listed twice");
            }
        }
        if (carrier == null || !SERVICE.matcher(carrier).matches()) {
            throw new IllegalArgumentException("carrier: 1-32 lower-case letters, digits, '-', got " + shown(carrier));
        }
        if (service == null || !SERVICE.matcher(service).matches()) {
            throw new IllegalArgumentException("service: 1-32 lower-case letters, digits, '-', got " + shown(service));
        }
        if (rateCardVersion < 1) {
            throw new IllegalArgumentException("rateCardVersion: 1 or more, got " + rateCardVersion);
        }
        Currency cur;
        try {
            cur = Currency.getInstance(currency == null ? "" : currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency: an ISO 4217 code, got " + shown(currency), e);
        }
        if (cur.getDefaultFractionDigits() < 0 || !currency.equals(currency.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("currency: an upper-case ISO 4217 code with a minor unit, got "
                    + currency);
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(costAmount == null ? "" : costAmount);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cost.amount: a decimal, got " + shown(costAmount), e);
        }
        if (amount.signum() < 0 || amount.scale() > cur.getDefaultFractionDigits()
                || costAmount.contains("e") || costAmount.contains("E")) {
            throw new IllegalArgumentException("cost.amount: 0 or more with at most " + cur.getDefaultFractionDigits()
                    + " decimals for " + currency + ", got " + costAmount);
        }
        if (weightGrams < 1 || weightGrams > 1_000_000) {
            throw new IllegalArgumentException("weightGrams: 1..1000000, got " + weightGrams);
        }
        side("dimensionsMm.l", lengthMm);
        side("dimensionsMm.w", widthMm);
        side("dimensionsMm.h", heightMm);
        if (country == null || !COUNTRY.matcher(country).matches()) {
            throw new IllegalArgumentException("destination.country: ISO 3166 alpha-2, got " + shown(country));
        }
        country = country.toUpperCase(Locale.ROOT);
        if (postcode != null && !POSTCODE.matcher(postcode).matches()) {
            throw new IllegalArgumentException("destination.postcode: 1-16 letters, digits, spaces, '-', got "
                    + shown(postcode));
        }
    }

    private static void side(String field, int mm) {
        if (mm < 1 || mm > 10_000) {
            throw new IllegalArgumentException(field + ": 1..10000 mm, got " + mm);
        }
    }

    static void code(String field, String value, boolean optional) {
        if (value == null && optional) {
            return;
        }
        if (value == null || !CODE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": 1-64 of letters, digits, '.', '_', '-', got " + shown(value));
        }
    }

    private static String shown(String v) {
        return v == null ? "none" : "'" + (v.length() > 64 ? v.substring(0, 64) + "..." : v) + "'";
    }
}
