package dev.floorgate.gateway.internal.web;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each picker app last said about itself (its offline queue, its open rejections, who is signed in), for the
 * PDA list of site IT's page. In memory: it is a report of the moment, resent every half minute, and one entry per
 * enrolled device bounds it.
 */
final class PickerReports {
    /** One report. */
    record Report(int queued, int openRejections, String operator, String app, Instant at) {
    }

    private final Map<String, Report> reports = new ConcurrentHashMap<>();

    void put(String deviceId, Report report) {
        reports.put(deviceId, report);
    }

    Optional<Report> get(String deviceId) {
        return Optional.ofNullable(reports.get(deviceId));
    }
}
