package dev.floorgate.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One inventory operation as it travels from a PDA or station through the gateway to the core (API.md).
 * Immutable; build with {@link #builder()}. The object may hold invalid values (it is what arrived on the wire):
 * {@link OperationValidator} says what is wrong with it, field by field.
 *
 * <p>{@code occurredAt} and {@code expiry} are kept as the strings that arrived so that the JSON written back is
 * byte-identical to what was received ({@link OperationJson} writes a canonical field order).
 */
public final class Operation {
    private final String opId;
    private final String tenant;
    private final String warehouse;
    private final String typeName;
    private final String sku;
    private final Long qty;
    private final String location;
    private final String toLocation;
    private final String orderNo;
    private final String lot;
    private final String serial;
    private final String expiry;
    private final String deviceId;
    private final String operator;
    private final String occurredAt;
    private final String receivedAt;
    private final String entryMethod;
    private final List<FieldProblem> readProblems;

    private Operation(Builder b) {
        this.opId = b.opId;
        this.tenant = b.tenant;
        this.warehouse = b.warehouse;
        this.typeName = b.typeName;
        this.sku = b.sku;
        this.qty = b.qty;
        this.location = b.location;
        this.toLocation = b.toLocation;
        this.orderNo = b.orderNo;
        this.lot = b.lot;
        this.serial = b.serial;
        this.expiry = b.expiry;
        this.deviceId = b.deviceId;
        this.operator = b.operator;
        this.occurredAt = b.occurredAt;
        this.receivedAt = b.receivedAt;
        this.entryMethod = b.entryMethod;
        this.readProblems = Collections.unmodifiableList(new ArrayList<>(b.readProblems));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this operation's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder().opId(opId).tenant(tenant).warehouse(warehouse).typeName(typeName).sku(sku)
                .qty(qty).location(location).toLocation(toLocation).orderNo(orderNo).lot(lot).serial(serial)
                .expiry(expiry).deviceId(deviceId).operator(operator).occurredAt(occurredAt)
                .receivedAt(receivedAt).entryMethod(entryMethod);
        b.readProblems.addAll(readProblems);
        return b;
    }

    public String opId() {
        return opId;
    }

    public String tenant() {
        return tenant;
    }

    public String warehouse() {
        return warehouse;
    }

    /** The type as sent; may name no known type. */
    public String typeName() {
        return typeName;
    }

    /** The type, or null when {@link #typeName()} is missing or unknown. */
    public OperationType type() {
        return OperationType.fromName(typeName);
    }

    public String sku() {
        return sku;
    }

    /** The quantity, or null when missing (or not an integer on the wire; see {@link #readProblems()}). */
    public Long qty() {
        return qty;
    }

    public String location() {
        return location;
    }

    public String toLocation() {
        return toLocation;
    }

    public String orderNo() {
        return orderNo;
    }

    public String lot() {
        return lot;
    }

    public String serial() {
        return serial;
    }

    public String expiry() {
        return expiry;
    }

    public String deviceId() {
        return deviceId;
    }

    public String operator() {
        return operator;
    }

    public String occurredAt() {
        return occurredAt;
    }

    /**
     * The gateway's receive time in core time (its clock corrected by its measured offset to the core), stamped
     * once when the gateway first accepts the operation; null from devices. Not part of the
     * {@link OperationJson#fingerprint}: a device resending the same opId is the same operation (DESIGN.md,
     * "Wrong clocks").
     */
    public String receivedAt() {
        return receivedAt;
    }

    /**
     * How the picker identified the bin or item: {@code scanned}, or {@code typed} when a label that would not scan
     * was keyed in by hand (issue 21); null when the sender did not say. Recorded with the operation, never acted on.
     */
    public String entryMethod() {
        return entryMethod;
    }

    /** Problems found while reading the JSON (a field of the wrong JSON type); the validator reports them. */
    public List<FieldProblem> readProblems() {
        return readProblems;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Operation)) {
            return false;
        }
        Operation x = (Operation) o;
        return Objects.equals(opId, x.opId) && Objects.equals(tenant, x.tenant)
                && Objects.equals(warehouse, x.warehouse) && Objects.equals(typeName, x.typeName)
                && Objects.equals(sku, x.sku) && Objects.equals(qty, x.qty)
                && Objects.equals(location, x.location) && Objects.equals(toLocation, x.toLocation)
                && Objects.equals(orderNo, x.orderNo) && Objects.equals(lot, x.lot)
                && Objects.equals(serial, x.serial) && Objects.equals(expiry, x.expiry)
                && Objects.equals(deviceId, x.deviceId) && Objects.equals(operator, x.operator)
                && Objects.equals(occurredAt, x.occurredAt) && Objects.equals(receivedAt, x.receivedAt)
                && Objects.equals(entryMethod, x.entryMethod)
                && readProblems.equals(x.readProblems);
    }

    @Override
    public int hashCode() {
        return Objects.hash(opId, tenant, warehouse, typeName, sku, qty, location, toLocation, orderNo, lot,
                serial, expiry, deviceId, operator, occurredAt, receivedAt, entryMethod);
    }

    @Override
    public String toString() {
        return OperationJson.write(this);
    }

    /** Collects an operation's fields; every setter accepts null for "absent". */
    public static final class Builder {
        private String opId;
        private String tenant;
        private String warehouse;
        private String typeName;
        private String sku;
        private Long qty;
        private String location;
        private String toLocation;
        private String orderNo;
        private String lot;
        private String serial;
        private String expiry;
        private String deviceId;
        private String operator;
        private String occurredAt;
        private String receivedAt;
        private String entryMethod;
        private final List<FieldProblem> readProblems = new ArrayList<>();

        private Builder() {
        }

        public Builder opId(String v) {
            opId = v;
            return this;
        }

        public Builder tenant(String v) {
            tenant = v;
            return this;
        }

        public Builder warehouse(String v) {
            warehouse = v;
            return this;
        }

        public Builder type(OperationType v) {
            typeName = v == null ? null : v.name();
            return this;
        }

        public Builder typeName(String v) {
            typeName = v;
            return this;
        }

        public Builder sku(String v) {
            sku = v;
            return this;
        }

        public Builder qty(Long v) {
            qty = v;
            return this;
        }

        public Builder qty(long v) {
            qty = v;
            return this;
        }

        public Builder location(String v) {
            location = v;
            return this;
        }

        public Builder toLocation(String v) {
            toLocation = v;
            return this;
        }

        public Builder orderNo(String v) {
            orderNo = v;
            return this;
        }

        public Builder lot(String v) {
            lot = v;
            return this;
        }

        public Builder serial(String v) {
            serial = v;
            return this;
        }

        public Builder expiry(String v) {
            expiry = v;
            return this;
        }

        public Builder deviceId(String v) {
            deviceId = v;
            return this;
        }

        public Builder operator(String v) {
            operator = v;
            return this;
        }

        public Builder occurredAt(String v) {
            occurredAt = v;
            return this;
        }

        public Builder receivedAt(String v) {
            receivedAt = v;
            return this;
        }

        public Builder entryMethod(String v) {
            entryMethod = v;
            return this;
        }

        Builder readProblem(FieldProblem problem) {
            readProblems.add(problem);
            return this;
        }

        public Operation build() {
            return new Operation(this);
        }
    }
}
