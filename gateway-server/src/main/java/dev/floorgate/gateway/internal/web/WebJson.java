package dev.floorgate.gateway.internal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire form (API.md) of the typed rows the site IT page and the picker app show: rejections and audit entries.
 * The stores hand out records; only the web layer turns them into JSON objects.
 */
final class WebJson {
    private WebJson() {
    }

    static List<Map<String, Object>> rejections(List<RejectionLog.Rejection> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RejectionLog.Rejection r : rows) {
            out.add(rejection(r));
        }
        return out;
    }

    static Map<String, Object> rejection(RejectionLog.Rejection r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("opId", r.opId());
        m.put("tenant", r.tenant());
        m.put("deviceId", r.deviceId());
        m.put("type", r.type());
        m.put("sku", r.sku());
        m.put("qty", r.qty());
        m.put("location", r.location());
        m.put("orderNo", r.orderNo());
        m.put("code", r.code());
        m.put("message", r.message());
        m.put("rejectedAt", r.rejectedAt());
        m.put("acknowledgedAt", r.acknowledgedAt());
        m.put("acknowledgedBy", r.acknowledgedBy());
        return m;
    }

    static List<Map<String, Object>> audit(List<AuditLog.Entry> entries) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AuditLog.Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("at", e.at());
            m.put("actor", e.actor());
            m.put("action", e.action());
            m.put("target", e.target());
            m.put("detail", e.detail());
            m.put("status", e.status());
            out.add(m);
        }
        return out;
    }
}
