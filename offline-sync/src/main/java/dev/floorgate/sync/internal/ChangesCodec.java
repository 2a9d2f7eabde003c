package dev.floorgate.sync.internal;

import dev.floorgate.sync.ChangeItem;
import dev.floorgate.sync.ChangesPage;
import dev.floorgate.sync.LocationItem;
import dev.floorgate.sync.OrderItem;
import dev.floorgate.sync.OrderLine;
import dev.floorgate.sync.SkuItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a changes page, {@code {"items":[...],"next":"<cursor>"}} (API.md, "Data down"). A page that is not
 * JSON fails as a whole (the cursor stays); inside a page, items of unknown kinds are ignored and an item missing
 * a key field is skipped and logged, so one odd item never stops the feed. Unknown fields are ignored.
 */
public final class ChangesCodec {
    private static final Logger log = LoggerFactory.getLogger(ChangesCodec.class);

    private ChangesCodec() {
    }

    public static ChangesPage read(byte[] json, String what) throws IOException {
        Object doc = JsonTree.parse(json, what);
        if (!(doc instanceof Map)) {
            throw new IOException(what + " must be a JSON object with \"items\" and \"next\"");
        }
        Map<?, ?> page = (Map<?, ?>) doc;
        Object items = page.get("items");
        if (items != null && !(items instanceof List)) {
            throw new IOException(what + ": \"items\" must be an array");
        }
        List<ChangeItem> out = new ArrayList<>();
        int skipped = 0;
        int index = 0;
        for (Object o : items == null ? List.of() : (List<?>) items) {
            ChangeItem item = o instanceof Map ? item((Map<?, ?>) o, what, index) : null;
            if (item == null) {
                skipped++;
            } else {
                out.add(item);
            }
            index++;
        }
        return new ChangesPage(out, JsonTree.string(page, "next"), skipped);
    }

    private static ChangeItem item(Map<?, ?> m, String what, int index) {
        String kind = JsonTree.string(m, "kind");
        String missing;
        if ("sku".equals(kind)) {
            missing = missing(m, "tenant", "sku");
            if (missing == null) {
                return new SkuItem(JsonTree.string(m, "tenant"), JsonTree.string(m, "sku"),
                        JsonTree.string(m, "name"), JsonTree.string(m, "unit"), JsonTree.strings(m, "gtins"),
                        JsonTree.strings(m, "barcodes"));
            }
        } else if ("location".equals(kind)) {
            missing = missing(m, "tenant", "warehouse", "code");
            if (missing == null) {
                return new LocationItem(JsonTree.string(m, "tenant"), JsonTree.string(m, "warehouse"),
                        JsonTree.string(m, "code"), JsonTree.string(m, "type"));
            }
        } else if ("order".equals(kind)) {
            missing = missing(m, "tenant", "warehouse", "orderNo");
            List<OrderLine> lines = new ArrayList<>();
            Object ls = m.get("lines");
            int n = 1;
            for (Object l : ls instanceof List ? (List<?>) ls : List.of()) {
                String lineMissing = l instanceof Map ? missing((Map<?, ?>) l, "sku") : "an object";
                if (lineMissing != null) {
                    missing = missing != null ? missing : "lines[" + (n - 1) + "]." + lineMissing;
                    break;
                }
                Map<?, ?> line = (Map<?, ?>) l;
                lines.add(new OrderLine((int) JsonTree.integer(line, "lineNo", n), JsonTree.string(line, "sku"),
                        JsonTree.integer(line, "qty", 0), JsonTree.integer(line, "reserved", 0),
                        JsonTree.integer(line, "picked", 0), JsonTree.string(line, "location")));
                n++;
            }
            if (missing == null) {
                return new OrderItem(JsonTree.string(m, "tenant"), JsonTree.string(m, "warehouse"),
                        JsonTree.string(m, "orderNo"), JsonTree.string(m, "status"), lines);
            }
        } else {
            log.debug("{}: item {} of unknown kind '{}' ignored", what, index, kind);
            return null;
        }
        log.warn("{}: item {} of kind '{}' skipped: {} is missing or not a string", what, index, kind, missing);
        return null;
    }

    /** The first of {@code keys} that is not a string in {@code m}, or null when all are there. */
    private static String missing(Map<?, ?> m, String... keys) {
        for (String k : keys) {
            if (JsonTree.string(m, k) == null) {
                return k;
            }
        }
        return null;
    }
}
