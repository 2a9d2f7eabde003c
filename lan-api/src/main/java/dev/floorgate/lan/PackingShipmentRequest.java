package dev.floorgate.lan;

import java.util.List;
import java.util.Objects;

/**
 * Body of POST /api/v1/packing/shipments: the packer's choice. Written and read by {@link LanJson}.
 */
public final class PackingShipmentRequest {
    private final String customer;
    private final List<String> parcels;
    private final String carrier;
    private final String service;
    private final Integer version;
    private final Long weightGrams;
    private final String scale;
    private final Integer lengthMm;
    private final Integer widthMm;
    private final Integer heightMm;
    private final String country;
    private final String postcode;
    private final Boolean residential;
    private final String station;
    private final String printer;
    private final String shipToName;
    private final String shipToStreet;
    private final String shipToCity;
    private final String opId;

    public PackingShipmentRequest(String customer, List<String> parcels, String carrier, String service, Integer version, Long weightGrams, String scale, Integer lengthMm, Integer widthMm, Integer heightMm, String country, String postcode, Boolean residential, String station, String printer, String shipToName, String shipToStreet, String shipToCity, String opId) {
        this.customer = customer;
        this.parcels = Copies.listOrNull(parcels);
        this.carrier = carrier;
        this.service = service;
        this.version = version;
        this.weightGrams = weightGrams;
        this.scale = scale;
        this.lengthMm = lengthMm;
        this.widthMm = widthMm;
        this.heightMm = heightMm;
        this.country = country;
        this.postcode = postcode;
        this.residential = residential;
        this.station = station;
        this.printer = printer;
        this.shipToName = shipToName;
        this.shipToStreet = shipToStreet;
        this.shipToCity = shipToCity;
        this.opId = opId;
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

    /** The rate card version of the chosen quote. */
    public Integer version() {
        return version;
    }

    /** Absent: read from scale; may be null. */
    public Long weightGrams() {
        return weightGrams;
    }

    public String scale() {
        return scale;
    }

    public Integer lengthMm() {
        return lengthMm;
    }

    public Integer widthMm() {
        return widthMm;
    }

    public Integer heightMm() {
        return heightMm;
    }

    public String country() {
        return country;
    }

    public String postcode() {
        return postcode;
    }

    public Boolean residential() {
        return residential;
    }

    /** The packing station code; may be null. */
    public String station() {
        return station;
    }

    /** The printer for the shipping label; none printed when absent; may be null. */
    public String printer() {
        return printer;
    }

    /** The label's address lines; may be null. */
    public String shipToName() {
        return shipToName;
    }

    public String shipToStreet() {
        return shipToStreet;
    }

    public String shipToCity() {
        return shipToCity;
    }

    /**
     * The station's own id for this confirmation (1-64 of letters, digits, '.', '_', '-'; a UUID is fine): made once
     * when the packer confirms and sent again with every retry, so a retry after a lost answer gets the shipment
     * packed the first time (200, {@code repeated}) instead of a conflict. Absent: the gateway makes one.
     */
    public String opId() {
        return opId;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PackingShipmentRequest)) {
            return false;
        }
        PackingShipmentRequest that = (PackingShipmentRequest) o;
        return Objects.equals(customer, that.customer)
                && Objects.equals(parcels, that.parcels)
                && Objects.equals(carrier, that.carrier)
                && Objects.equals(service, that.service)
                && Objects.equals(version, that.version)
                && Objects.equals(weightGrams, that.weightGrams)
                && Objects.equals(scale, that.scale)
                && Objects.equals(lengthMm, that.lengthMm)
                && Objects.equals(widthMm, that.widthMm)
                && Objects.equals(heightMm, that.heightMm)
                && Objects.equals(country, that.country)
                && Objects.equals(postcode, that.postcode)
                && Objects.equals(residential, that.residential)
                && Objects.equals(station, that.station)
                && Objects.equals(printer, that.printer)
                && Objects.equals(shipToName, that.shipToName)
                && Objects.equals(shipToStreet, that.shipToStreet)
                && Objects.equals(shipToCity, that.shipToCity)
                && Objects.equals(opId, that.opId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customer, parcels, carrier, service, version, weightGrams, scale, lengthMm, widthMm, heightMm, country, postcode, residential, station, printer, shipToName, shipToStreet, shipToCity, opId);
    }

    @Override
    public String toString() {
        return "PackingShipmentRequest{"
                + "customer=" + customer
                + ", parcels=" + parcels
                + ", carrier=" + carrier
                + ", service=" + service
                + ", version=" + version
                + ", weightGrams=" + weightGrams
                + ", scale=" + scale
                + ", lengthMm=" + lengthMm
                + ", widthMm=" + widthMm
                + ", heightMm=" + heightMm
                + ", country=" + country
                + ", postcode=" + postcode
                + ", residential=" + residential
                + ", station=" + station
                + ", printer=" + printer
                + ", shipToName=" + shipToName
                + ", shipToStreet=" + shipToStreet
                + ", shipToCity=" + shipToCity
                + ", opId=" + opId + "}";
    }
}
