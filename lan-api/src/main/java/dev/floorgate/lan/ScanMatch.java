package dev.floorgate.lan;

import java.util.Objects;

/**
 * What a scan matched in the gateway's cache: kind SKU (sku, name, unit), LOCATION (location, type), ORDER
 * (orderNo, status), SSCC (sscc) or NONE. The fields of the kind are written, others left out.
 * Immutable; made with {@link #builder()}. Written and read by {@link LanJson}.
 */
public final class ScanMatch {
    public static final String SKU = "SKU";
    public static final String LOCATION = "LOCATION";
    public static final String ORDER = "ORDER";
    public static final String SSCC = "SSCC";
    public static final String NONE = "NONE";

    private final String kind;
    private final String sku;
    private final String name;
    private final String unit;
    private final String location;
    private final String type;
    private final String orderNo;
    private final String status;
    private final String sscc;

    private ScanMatch(Builder b) {
        this.kind = b.kind;
        this.sku = b.sku;
        this.name = b.name;
        this.unit = b.unit;
        this.location = b.location;
        this.type = b.type;
        this.orderNo = b.orderNo;
        this.status = b.status;
        this.sscc = b.sscc;
    }

    /** A SKU found by GTIN, barcode or SKU code. */
    public static ScanMatch sku(String sku, String name, String unit) {
        return builder().kind(SKU).sku(sku).name(name).unit(unit).build();
    }

    /** A bin. */
    public static ScanMatch location(String location, String type) {
        return builder().kind(LOCATION).location(location).type(type).build();
    }

    /** An order. */
    public static ScanMatch order(String orderNo, String status) {
        return builder().kind(ORDER).orderNo(orderNo).status(status).build();
    }

    /** A pallet's SSCC (AI 00). */
    public static ScanMatch sscc(String sscc) {
        return builder().kind(SSCC).sscc(sscc).build();
    }

    /** Nothing in the cache. */
    public static ScanMatch none() {
        return builder().kind(NONE).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this instance's values, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.kind = kind;
        b.sku = sku;
        b.name = name;
        b.unit = unit;
        b.location = location;
        b.type = type;
        b.orderNo = orderNo;
        b.status = status;
        b.sscc = sscc;
        return b;
    }

    public String kind() {
        return kind;
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }

    public String location() {
        return location;
    }

    public String type() {
        return type;
    }

    public String orderNo() {
        return orderNo;
    }

    public String status() {
        return status;
    }

    public String sscc() {
        return sscc;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScanMatch)) {
            return false;
        }
        ScanMatch that = (ScanMatch) o;
        return Objects.equals(kind, that.kind)
                && Objects.equals(sku, that.sku)
                && Objects.equals(name, that.name)
                && Objects.equals(unit, that.unit)
                && Objects.equals(location, that.location)
                && Objects.equals(type, that.type)
                && Objects.equals(orderNo, that.orderNo)
                && Objects.equals(status, that.status)
                && Objects.equals(sscc, that.sscc);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, sku, name, unit, location, type, orderNo, status, sscc);
    }

    @Override
    public String toString() {
        return "ScanMatch{" + "kind=" + kind
                + ", sku=" + sku
                + ", name=" + name
                + ", unit=" + unit
                + ", location=" + location
                + ", type=" + type
                + ", orderNo=" + orderNo
                + ", status=" + status
                + ", sscc=" + sscc + "}";
    }

    /** Collects the fields of a {@link ScanMatch}. */
    public static final class Builder {
        private String kind;
        private String sku;
        private String name;
        private String unit;
        private String location;
        private String type;
        private String orderNo;
        private String status;
        private String sscc;

        private Builder() {
        }

        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        public Builder sku(String sku) {
            this.sku = sku;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder unit(String unit) {
            this.unit = unit;
            return this;
        }

        public Builder location(String location) {
            this.location = location;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder orderNo(String orderNo) {
            this.orderNo = orderNo;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder sscc(String sscc) {
            this.sscc = sscc;
            return this;
        }

        public ScanMatch build() {
            return new ScanMatch(this);
        }
    }
}
