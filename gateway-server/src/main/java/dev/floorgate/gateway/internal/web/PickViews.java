package dev.floorgate.gateway.internal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The bodies of the picker app's own endpoints ({@link PickController}, API.md "Pages' endpoints"), requests and
 * answers, fields in the order the app's JavaScript reads them. Nulls are written ({@code Include.ALWAYS}): the app tells a
 * known "nobody" from a field it was never sent. {@code GET /api/v1/pick/tasks} is not {@code GET /api/v1/tasks}:
 * it carries each SKU's codes so the app can check an item scan offline, hence its own record.
 */
final class PickViews {
    private PickViews() {
    }

    /** Who the device is and the scanner settings site IT chose. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record Context(String deviceId, String tenant, String warehouse, String operator, String gateway,
            ScannerSettings scanner, String siteTimeZone) {
    }

    /** fg.web.scan-*: how the app tells a scanner's keystrokes from a person's typing. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record ScannerSettings(long maxGapMs, int minLength, String suffix, String gsSubstitute,
            long duplicateWindowMs) {
    }

    /** The open tasks; {@code cacheAgeSeconds} only once the cache was pulled from the core. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record Tasks(List<Task> tasks, String at, @JsonInclude(Include.NON_NULL) Long cacheAgeSeconds) {
    }

    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record Task(String taskId, String orderNo, int lineNo, String sku, String skuName, String unit, List<String> gtins,
            List<String> barcodes, String location, long qty, long picked, long remaining) {
    }

    /** A rejected operation as the app and site IT's page show it (a {@code RejectionLog.Rejection}). */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record Rejection(String opId, String tenant, String deviceId, String type, String sku, Long qty, String location,
            String orderNo, String code, String message, String rejectedAt, String acknowledgedAt,
            String acknowledgedBy) {
    }

    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record Rejections(List<Rejection> rejections) {
    }

    /** The rejection after an acknowledgement, and whether this request was the one that acknowledged it. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record Acknowledged(@JsonUnwrapped Rejection rejection, boolean changed) {
    }

    /** {@code POST /api/v1/pick/rejections/{opId}/ack}: who acknowledges (optional). */
    @Serdeable
    record Acknowledge(@Nullable String operator) {
    }

    /** {@code POST /api/v1/pick/status}: the app's report of its offline queue; all fields optional. */
    @Serdeable
    record StatusReport(@Nullable Long queued, @Nullable Long openRejections, @Nullable String operator,
            @Nullable String app) {
    }

    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record StatusReceipt(String deviceId, String serverTime) {
    }
}
