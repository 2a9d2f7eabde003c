package dev.floorgate.lan;

import java.util.Objects;

/**
 * One order line to pick, from GET /api/v1/tasks?type=PICK (the gateway's cache of the core's orders).
 * Immutable; made with {@link #builder()}. Written and read by {@link LanJson}.
 */
public final class PickTask {
    private final String taskId;
    private final String orderNo;
    private final int lineNo;
    private final String sku;
    private final String skuName;
    private final String location;
    private final long qty;
    private final long picked;
    private final long remaining;
    private final String warehouse;

    private PickTask(Builder b) {
        this.taskId = b.taskId;
        this.orderNo = b.orderNo;
        this.lineNo = b.lineNo;
        this.sku = b.sku;
        this.skuName = b.skuName;
        this.location = b.location;
        this.qty = b.qty;
        this.picked = b.picked;
        this.remaining = b.remaining;
        this.warehouse = b.warehouse;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this instance's values, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.taskId = taskId;
        b.orderNo = orderNo;
        b.lineNo = lineNo;
        b.sku = sku;
        b.skuName = skuName;
        b.location = location;
        b.qty = qty;
        b.picked = picked;
        b.remaining = remaining;
        b.warehouse = warehouse;
        return b;
    }

    /** {@code orderNo/lineNo}, e.g. SO-991/1. */
    public String taskId() {
        return taskId;
    }

    public String orderNo() {
        return orderNo;
    }

    public int lineNo() {
        return lineNo;
    }

    public String sku() {
        return sku;
    }

    public String skuName() {
        return skuName;
    }

    public String location() {
        return location;
    }

    public long qty() {
        return qty;
    }

    public long picked() {
        return picked;
    }

    public long remaining() {
        return remaining;
    }

    public String warehouse() {
        return warehouse;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PickTask)) {
            return false;
        }
        PickTask that = (PickTask) o;
        return Objects.equals(taskId, that.taskId)
                && Objects.equals(orderNo, that.orderNo)
                && lineNo == that.lineNo
                && Objects.equals(sku, that.sku)
                && Objects.equals(skuName, that.skuName)
                && Objects.equals(location, that.location)
                && qty == that.qty
                && picked == that.picked
                && remaining == that.remaining
                && Objects.equals(warehouse, that.warehouse);
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskId, orderNo, lineNo, sku, skuName, location, qty, picked, remaining, warehouse);
    }

    @Override
    public String toString() {
        return "PickTask{" + "taskId=" + taskId
                + ", orderNo=" + orderNo
                + ", lineNo=" + lineNo
                + ", sku=" + sku
                + ", skuName=" + skuName
                + ", location=" + location
                + ", qty=" + qty
                + ", picked=" + picked
                + ", remaining=" + remaining
                + ", warehouse=" + warehouse + "}";
    }

    /** Collects the fields of a {@link PickTask}. */
    public static final class Builder {
        private String taskId;
        private String orderNo;
        private int lineNo;
        private String sku;
        private String skuName;
        private String location;
        private long qty;
        private long picked;
        private long remaining;
        private String warehouse;

        private Builder() {
        }

        public Builder taskId(String taskId) {
            this.taskId = taskId;
            return this;
        }

        public Builder orderNo(String orderNo) {
            this.orderNo = orderNo;
            return this;
        }

        public Builder lineNo(int lineNo) {
            this.lineNo = lineNo;
            return this;
        }

        public Builder sku(String sku) {
            this.sku = sku;
            return this;
        }

        public Builder skuName(String skuName) {
            this.skuName = skuName;
            return this;
        }

        public Builder location(String location) {
            this.location = location;
            return this;
        }

        public Builder qty(long qty) {
            this.qty = qty;
            return this;
        }

        public Builder picked(long picked) {
            this.picked = picked;
            return this;
        }

        public Builder remaining(long remaining) {
            this.remaining = remaining;
            return this;
        }

        public Builder warehouse(String warehouse) {
            this.warehouse = warehouse;
            return this;
        }

        public PickTask build() {
            return new PickTask(this);
        }
    }
}
