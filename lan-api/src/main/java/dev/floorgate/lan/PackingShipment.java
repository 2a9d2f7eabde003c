package dev.floorgate.lan;

import java.util.List;
import java.util.Objects;

/**
 * A shipment packed at this gateway: the answer of POST /api/v1/packing/shipments. Written and read by {@link LanJson}.
 */
public final class PackingShipment {
    private final String opId;
    private final String reference;
    private final String state;
    private final String shipmentId;
    private final String customer;
    private final List<String> parcels;
    private final String carrier;
    private final String service;
    private final int version;
    private final String cost;
    private final String currency;
    private final long weightGrams;
    private final String printJobId;
    private final String failure;
    private final String packedAt;
    private final boolean repeated;

    public PackingShipment(String opId, String reference, String state, String shipmentId, String customer, List<String> parcels, String carrier, String service, int version, String cost, String currency, long weightGrams, String printJobId, String failure, String packedAt, boolean repeated) {
        this.opId = opId;
        this.reference = reference;
        this.state = state;
        this.shipmentId = shipmentId;
        this.customer = customer;
        this.parcels = Copies.listOrNull(parcels);
        this.carrier = carrier;
        this.service = service;
        this.version = version;
        this.cost = cost;
        this.currency = currency;
        this.weightGrams = weightGrams;
        this.printJobId = printJobId;
        this.failure = failure;
        this.packedAt = packedAt;
        this.repeated = repeated;
    }

    /** The idempotency key the core creates it under, once. */
    public String opId() {
        return opId;
    }

    /** The gateway's shipment reference, printed as the label's tracking barcode until the carrier's number exists. */
    public String reference() {
        return reference;
    }

    /** PENDING (queued for the core), CREATED or REFUSED. */
    public String state() {
        return state;
    }

    /** The core's id once CREATED; may be null. */
    public String shipmentId() {
        return shipmentId;
    }

    public String customer() {
        return customer;
    }

    public List<String> parcels() {
        return parcels;
    }

    public String carrier() {
        return carrier;
    }

    public String service() {
        return service;
    }

    public int version() {
        return version;
    }

    /** Decimal text, priced at the gateway. */
    public String cost() {
        return cost;
    }

    public String currency() {
        return currency;
    }

    public long weightGrams() {
        return weightGrams;
    }

    /** The label's print job, when a printer was named; may be null. */
    public String printJobId() {
        return printJobId;
    }

    /** The core's code and message when REFUSED; may be null. */
    public String failure() {
        return failure;
    }

    public String packedAt() {
        return packedAt;
    }

    /** True when this answers a retry of an opId packed before (200): nothing new was stored or printed. */
    public boolean repeated() {
        return repeated;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PackingShipment)) {
            return false;
        }
        PackingShipment that = (PackingShipment) o;
        return Objects.equals(opId, that.opId)
                && Objects.equals(reference, that.reference)
                && Objects.equals(state, that.state)
                && Objects.equals(shipmentId, that.shipmentId)
                && Objects.equals(customer, that.customer)
                && Objects.equals(parcels, that.parcels)
                && Objects.equals(carrier, that.carrier)
                && Objects.equals(service, that.service)
                && version == that.version
                && Objects.equals(cost, that.cost)
                && Objects.equals(currency, that.currency)
                && weightGrams == that.weightGrams
                && Objects.equals(printJobId, that.printJobId)
                && Objects.equals(failure, that.failure)
                && Objects.equals(packedAt, that.packedAt)
                && repeated == that.repeated;
    }

    @Override
    public int hashCode() {
        return Objects.hash(opId, reference, state, shipmentId, customer, parcels, carrier, service, version, cost, currency, weightGrams, printJobId, failure, packedAt, repeated);
    }

    @Override
    public String toString() {
        return "PackingShipment{"
                + "opId=" + opId
                + ", reference=" + reference
                + ", state=" + state
                + ", shipmentId=" + shipmentId
                + ", customer=" + customer
                + ", parcels=" + parcels
                + ", carrier=" + carrier
                + ", service=" + service
                + ", version=" + version
                + ", cost=" + cost
                + ", currency=" + currency
                + ", weightGrams=" + weightGrams
                + ", printJobId=" + printJobId
                + ", failure=" + failure
                + ", packedAt=" + packedAt
                + ", repeated=" + repeated + "}";
    }
}
