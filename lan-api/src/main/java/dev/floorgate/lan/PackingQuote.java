package dev.floorgate.lan;

import java.util.List;
import java.util.Objects;

/**
 * One carrier service's price for the consolidated shipment, from the tenant's rate card. Written and read by {@link LanJson}.
 */
public final class PackingQuote {
    private final String carrier;
    private final String service;
    private final int version;
    private final String zone;
    private final String total;
    private final String base;
    private final String fuel;
    private final String fees;
    private final String currency;
    private final List<String> feeLines;
    private final long billableGrams;
    private final int transitDays;
    private final boolean cheapest;
    private final boolean fastest;

    public PackingQuote(String carrier, String service, int version, String zone, String total, String base, String fuel, String fees, String currency, List<String> feeLines, long billableGrams, int transitDays, boolean cheapest, boolean fastest) {
        this.carrier = carrier;
        this.service = service;
        this.version = version;
        this.zone = zone;
        this.total = total;
        this.base = base;
        this.fuel = fuel;
        this.fees = fees;
        this.currency = currency;
        this.feeLines = Copies.listOrNull(feeLines);
        this.billableGrams = billableGrams;
        this.transitDays = transitDays;
        this.cheapest = cheapest;
        this.fastest = fastest;
    }

    public String carrier() {
        return carrier;
    }

    public String service() {
        return service;
    }

    /** The rate card version the price comes from. */
    public int version() {
        return version;
    }

    public String zone() {
        return zone;
    }

    /** Decimal text in major units. */
    public String total() {
        return total;
    }

    public String base() {
        return base;
    }

    public String fuel() {
        return fuel;
    }

    public String fees() {
        return fees;
    }

    public String currency() {
        return currency;
    }

    /** "handling x2: 1.00" per fee. */
    public List<String> feeLines() {
        return feeLines;
    }

    public long billableGrams() {
        return billableGrams;
    }

    public int transitDays() {
        return transitDays;
    }

    public boolean cheapest() {
        return cheapest;
    }

    public boolean fastest() {
        return fastest;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PackingQuote)) {
            return false;
        }
        PackingQuote that = (PackingQuote) o;
        return Objects.equals(carrier, that.carrier)
                && Objects.equals(service, that.service)
                && version == that.version
                && Objects.equals(zone, that.zone)
                && Objects.equals(total, that.total)
                && Objects.equals(base, that.base)
                && Objects.equals(fuel, that.fuel)
                && Objects.equals(fees, that.fees)
                && Objects.equals(currency, that.currency)
                && Objects.equals(feeLines, that.feeLines)
                && billableGrams == that.billableGrams
                && transitDays == that.transitDays
                && cheapest == that.cheapest
                && fastest == that.fastest;
    }

    @Override
    public int hashCode() {
        return Objects.hash(carrier, service, version, zone, total, base, fuel, fees, currency, feeLines, billableGrams, transitDays, cheapest, fastest);
    }

    @Override
    public String toString() {
        return "PackingQuote{"
                + "carrier=" + carrier
                + ", service=" + service
                + ", version=" + version
                + ", zone=" + zone
                + ", total=" + total
                + ", base=" + base
                + ", fuel=" + fuel
                + ", fees=" + fees
                + ", currency=" + currency
                + ", feeLines=" + feeLines
                + ", billableGrams=" + billableGrams
                + ", transitDays=" + transitDays
                + ", cheapest=" + cheapest
                + ", fastest=" + fastest + "}";
    }
}
