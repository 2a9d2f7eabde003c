package dev.floorgate.core.internal;

import dev.floorgate.protocol.ResultCodes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /v1/shipments} and its checks (CORE-API.md "Shipments (issue 17)"); each failure is a 400
 * naming the field. Carrier and service follow the rate cards' rule (docs/RATE-CARDS.md): the core records the
 * service the gateway chose, by the names of the card it priced it with.
 */
final class ShipmentInputs {
    static final int MAX_PARCELS = 200;
    static final long MAX_WEIGHT_GRAMS = 1_000_000; // a tonne: far above any carrier's parcel limit
    static final long MAX_SIDE_MM = 10_000;
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}(\\.\\d{1,3})?");
    private static final Pattern POSTCODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{0,15}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private ShipmentInputs() {
    }

    @Serdeable
    record CostBody(@Nullable Object amount, @Nullable String currency) {
    }

    @Serdeable
    record DimensionsBody(@Nullable Long l, @Nullable Long w, @Nullable Long h) {
    }

    @Serdeable
    record DestinationBody(@Nullable String country, @Nullable String postcode) {
    }

    @Serdeable
    record CreateBody(@Nullable String tenant, @Nullable String warehouse, @Nullable String customer,
            @Nullable List<String> parcels, @Nullable String carrier, @Nullable String service,
            @Nullable Long rateCardVersion, @Nullable CostBody cost, @Nullable Long weightGrams,
            @Nullable DimensionsBody dimensionsMm, @Nullable DestinationBody destination, @Nullable String opId,
            @Nullable String gateway, @Nullable String station, @Nullable String at) {
    }

    /** A checked request; {@code cost} has the currency's own number of decimals. */
    record Request(String tenant, String warehouse, String customer, List<String> parcels, String carrier,
            String service, int rateCardVersion, BigDecimal cost, String currency, int weightGrams, int lengthMm,
            int widthMm, int heightMm, String country, String postcode, String opId, String gateway, String station,
            Instant at) {

        /** What the request said, for OP_ID_REUSED: everything but the time, gateway and station (as intakes). */
        String content() {
            return String.join("\n", tenant, warehouse, customer, String.join(",", parcels), carrier, service,
                    Integer.toString(rateCardVersion), cost.toPlainString(), currency, Integer.toString(weightGrams),
                    lengthMm + "x" + widthMm + "x" + heightMm, country, String.valueOf(postcode));
        }
    }

    static Request check(CreateBody b, Instant now) {
        String tenant = Inputs.code("tenant", b.tenant());
        String warehouse = Inputs.code("warehouse", b.warehouse());
        String customer = Inputs.code("customer", b.customer());
        List<String> parcels = parcels(b.parcels());
        String carrier = serviceName("carrier", b.carrier());
        String service = serviceName("service", b.service());
        int version = (int) range("rateCardVersion", b.rateCardVersion(), 1, Integer.MAX_VALUE);
        if (b.cost() == null) {
            throw ApiException.badRequest(ResultCodes.INVALID, "cost: is required, {\"amount\":\"12.34\","
                    + "\"currency\":\"EUR\"}");
        }
        String currency = currency(b.cost().currency());
        BigDecimal cost = amount(b.cost().amount(), currency);
        int weight = (int) range("weightGrams", b.weightGrams(), 1, MAX_WEIGHT_GRAMS);
        if (b.dimensionsMm() == null) {
            throw ApiException.badRequest(ResultCodes.INVALID, "dimensionsMm: is required, {\"l\":400,\"w\":300,"
                    + "\"h\":200}");
        }
        int l = (int) range("dimensionsMm.l", b.dimensionsMm().l(), 1, MAX_SIDE_MM);
        int w = (int) range("dimensionsMm.w", b.dimensionsMm().w(), 1, MAX_SIDE_MM);
        int h = (int) range("dimensionsMm.h", b.dimensionsMm().h(), 1, MAX_SIDE_MM);
        if (b.destination() == null) {
            throw ApiException.badRequest(ResultCodes.INVALID, "destination: is required, {\"country\":\"DE\","
                    + "\"postcode\":\"10115\"}");
        }
        String country = country(b.destination().country());
        String postcode = postcode(b.destination().postcode());
        String opId = Inputs.code("opId", b.opId());
        String gateway = b.gateway() == null ? null : Inputs.code("gateway", b.gateway());
        String station = b.station() == null ? null : Inputs.code("station", b.station());
        Instant at = ParcelInputs.at(b.at(), now);
        return new Request(tenant, warehouse, customer, parcels, carrier, service, version, cost, currency, weight,
                l, w, h, country, postcode, opId, gateway, station, at);
    }

    private static List<String> parcels(List<String> values) {
        if (values == null || values.isEmpty() || values.size() > MAX_PARCELS) {
            throw ApiException.badRequest(ResultCodes.INVALID, "parcels: " + (values == null ? 0 : values.size())
                    + " entries, 1 to " + MAX_PARCELS + " allowed");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String id = Inputs.code("parcels[" + i + "]", values.get(i));
            if (!seen.add(id)) {
                throw ApiException.badRequest(ResultCodes.INVALID, "parcels[" + i + "]: " + id + " is listed twice");
            }
        }
        return List.copyOf(values);
    }

    private static String serviceName(String field, String value) {
        if (value == null || !SERVICE_NAME.matcher(value).matches()) {
            throw ApiException.badRequest(ResultCodes.INVALID, field + ": must be 1 to 32 lower-case letters, digits "
                    + "or '-' as in the rate card, was '" + Inputs.clip(value) + "'");
        }
        return value;
    }

    private static long range(String field, Long value, long min, long max) {
        if (value == null) {
            throw ApiException.badRequest(ResultCodes.INVALID, field + ": is required");
        }
        if (value < min || value > max) {
            throw ApiException.badRequest(ResultCodes.INVALID, field + ": must be " + min + ".." + max + ", was "
                    + value);
        }
        return value;
    }

    /** An ISO 4217 code with a minor unit (not XAU and the like): upper case as the rate cards write it. */
    private static String currency(String value) {
        if (value != null && value.matches("[A-Z]{3}")) {
            try {
                if (Currency.getInstance(value).getDefaultFractionDigits() >= 0) {
                    return value;
                }
            } catch (IllegalArgumentException e) {
                // not a code Java knows: the same answer as a malformed one below
            }
        }
        throw ApiException.badRequest(ResultCodes.INVALID, "cost.currency: must be an ISO 4217 code such as EUR, "
                + "was '" + Inputs.clip(value) + "'");
    }

    /**
     * A price in major units, as text so it stays exact. More decimals than the currency has are refused, not
     * rounded: the rate cards round every charge to the minor unit (RATE-CARDS.md), so a third decimal on EUR means
     * the gateway's arithmetic and the core's record would disagree.
     */
    private static BigDecimal amount(Object sent, String currency) {
        if (sent != null && !(sent instanceof String)) { // a JSON number may already have lost digits to a double
            throw ApiException.badRequest(ResultCodes.INVALID, "cost.amount: must be a decimal as JSON text, such as "
                    + "\"12.34\", not a JSON number");
        }
        String value = (String) sent;
        if (value == null || !AMOUNT.matcher(value).matches()) {
            throw ApiException.badRequest(ResultCodes.INVALID, "cost.amount: must be a decimal in major units as "
                    + "text, such as \"12.34\", was '" + Inputs.clip(value) + "'");
        }
        BigDecimal amount = new BigDecimal(value);
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        if (amount.scale() > digits) {
            throw ApiException.badRequest(ResultCodes.INVALID, "cost.amount: " + value + " has " + amount.scale()
                    + " decimals, " + currency + " has " + digits);
        }
        return amount.setScale(digits);
    }

    private static String country(String value) {
        String upper = value == null ? null : value.toUpperCase(Locale.ROOT);
        if (upper == null || !COUNTRIES.contains(upper)) {
            throw ApiException.badRequest(ResultCodes.INVALID, "destination.country: must be an ISO 3166 alpha-2 "
                    + "code such as DE, was '" + Inputs.clip(value) + "'");
        }
        return upper;
    }

    private static String postcode(String value) {
        if (value == null || value.isEmpty()) {
            return null; // Hong Kong, most of Ireland's rural addresses and others have none
        }
        if (!POSTCODE.matcher(value).matches()) {
            throw ApiException.badRequest(ResultCodes.INVALID, "destination.postcode: must be 1 to 16 letters, "
                    + "digits, spaces or '-', was '" + Inputs.clip(value) + "'");
        }
        return value.toUpperCase(Locale.ROOT);
    }
}
