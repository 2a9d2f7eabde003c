package dev.floorgate.pda;

import dev.floorgate.pda.internal.JsonCodec;
import java.util.Map;

/** One line to pick, from {@code GET /api/v1/tasks?type=PICK} (the gateway's cache of the core's orders). */
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

    public PickTask(String taskId, String orderNo, int lineNo, String sku, String skuName, String location, long qty,
            long picked, long remaining, String warehouse) {
        this.taskId = taskId;
        this.orderNo = orderNo;
        this.lineNo = lineNo;
        this.sku = sku;
        this.skuName = skuName;
        this.location = location;
        this.qty = qty;
        this.picked = picked;
        this.remaining = remaining;
        this.warehouse = warehouse;
    }

    static PickTask from(Map<String, Object> m) {
        long qty = JsonCodec.lng(m, "qty", 0);
        long picked = JsonCodec.lng(m, "picked", 0);
        return new PickTask(JsonCodec.str(m, "taskId"), JsonCodec.str(m, "orderNo"),
                (int) JsonCodec.lng(m, "lineNo", 0), JsonCodec.str(m, "sku"), JsonCodec.str(m, "skuName"),
                JsonCodec.str(m, "location"), qty, picked, JsonCodec.lng(m, "remaining", qty - picked),
                JsonCodec.str(m, "warehouse"));
    }

    /** e.g. {@code SO-991/1}. */
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

    /** The bin to pick from. */
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
    public String toString() {
        return "PickTask{" + taskId + " " + sku + " x" + remaining + " at " + location + "}";
    }
}
