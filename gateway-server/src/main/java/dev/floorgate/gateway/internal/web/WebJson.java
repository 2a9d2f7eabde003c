package dev.floorgate.gateway.internal.web;

import dev.floorgate.gateway.internal.print.PrintJob;
import dev.floorgate.lan.PrintJobView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form (API.md) of the typed rows the site IT page and the picker app show: rejections, audit entries and
 * print jobs. The stores hand out records; only the web layer turns them into the views the pages read.
 */
final class WebJson {
    private WebJson() {
    }

    static List<PickViews.Rejection> rejections(List<RejectionLog.Rejection> rows) {
        List<PickViews.Rejection> out = new ArrayList<>(rows.size());
        for (RejectionLog.Rejection r : rows) {
            out.add(rejection(r));
        }
        return out;
    }

    static PickViews.Rejection rejection(RejectionLog.Rejection r) {
        return new PickViews.Rejection(r.opId(), r.tenant(), r.deviceId(), r.type(), r.sku(), r.qty(), r.location(),
                r.orderNo(), r.code(), r.message(), r.rejectedAt(), r.acknowledgedAt(), r.acknowledgedBy());
    }

    static AdminViews.Audit audit(List<AuditLog.Entry> entries) {
        List<AdminViews.AuditEntry> out = new ArrayList<>(entries.size());
        for (AuditLog.Entry e : entries) {
            out.add(new AdminViews.AuditEntry(e.id(), e.at(), e.actor(), e.action(), e.target(), e.detail(),
                    e.status()));
        }
        return new AdminViews.Audit(out);
    }

    static List<PrintJobView> printJobs(List<PrintJob> jobs) {
        List<PrintJobView> out = new ArrayList<>(jobs.size());
        for (PrintJob j : jobs) {
            out.add(j.toView());
        }
        return out;
    }

    static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
