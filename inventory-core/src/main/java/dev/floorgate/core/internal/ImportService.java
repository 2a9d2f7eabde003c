package dev.floorgate.core.internal;

import dev.floorgate.protocol.ApiKey;
import dev.floorgate.protocol.ResultCodes;
import io.micronaut.http.HttpStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of {@code POST /v1/import/{kind}} (IMPORT.md): every row is checked first (ImportRows, the rules the
 * import command already applied to the file), and a batch with any bad row is refused whole, 422
 * {@code INVALID_ROWS} with each row's index, field and problem, before anything is written. Warehouses, SKUs and
 * locations are then written in one transaction (ImportStore). Orders take the order path of {@code POST
 * /v1/orders} (OrderService: each order reserves all its lines or none, and becomes pick work as any order does);
 * reservations live in Redis, so a batch of orders cannot be one MariaDB transaction: instead the whole batch is
 * checked against the master data and the orders already stored before the first order is placed, and what can
 * only fail at reservation time (stock, a cancelled order number) is answered per order in {@code rejected}.
 */
final class ImportService {
    static final String INVALID_ROWS = "INVALID_ROWS";
    private final ImportStore store;
    private final MasterDataStore master;
    private final OrderService orders;
    private final TenantDatabases db;
    private final LoadShedder shedder;

    ImportService(ImportStore store, MasterDataStore master, OrderService orders, TenantDatabases db,
            LoadShedder shedder) {
        this.store = store;
        this.master = master;
        this.orders = orders;
        this.db = db;
        this.shedder = shedder;
    }

    Map<String, Object> importRows(ApiKey key, ImportRows.Kind kind, List<Map<String, Object>> rows)
            throws SQLException {
        if (rows.isEmpty() || rows.size() > ImportRows.MAX_ROWS) {
            throw new ApiException(rows.isEmpty() ? HttpStatus.BAD_REQUEST : HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    rows.isEmpty() ? ResultCodes.INVALID : ResultCodes.BATCH_TOO_LARGE, "a batch holds 1 to "
                    + ImportRows.MAX_ROWS + " rows, had " + rows.size());
        }
        List<Map<String, Object>> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            List<ImportRows.Problem> p = ImportRows.check(kind, rows.get(i));
            int index = i;
            p.forEach(x -> problems.add(problem(index, x)));
            if (p.isEmpty()) {
                RequestGuard.requireTenant(key, (String) rows.get(i).get("tenant"));
                Integer first = seen.putIfAbsent(ImportRows.key(kind, rows.get(i)), i);
                if (first != null) {
                    problems.add(problem(i, new ImportRows.Problem("", "the same key as row " + first)));
                }
            }
        }
        refuseIf(problems, rows.size());
        shedder.check();
        ImportStore.Counts counts;
        switch (kind) {
            case WAREHOUSES: {
                List<String[]> tw = new ArrayList<>();
                rows.forEach(r -> tw.add(new String[] {(String) r.get("tenant"), (String) r.get("warehouse")}));
                counts = store.warehouses(tw);
                break;
            }
            case SKUS:
                counts = store.skus(rows.stream().map(ImportRows::sku).toList());
                break;
            case LOCATIONS:
                counts = store.locations(rows.stream().map(ImportRows::location).toList());
                break;
            default:
                return orders(rows);
        }
        return answer(kind, rows.size(), counts, List.of());
    }

    private Map<String, Object> orders(List<Map<String, Object>> rows) throws SQLException {
        List<Map<String, Object>> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            OrderStore.Ref ref = ImportRows.orderRef(rows.get(i));
            List<OrderStore.Line> lines = ImportRows.orderLines(rows.get(i));
            if (!master.warehouseKnown(ref.tenant(), ref.warehouse())) {
                problems.add(problem(i, new ImportRows.Problem("warehouse", "warehouse '" + ref.warehouse()
                        + "' of tenant '" + ref.tenant() + "' is not known to the core (import it first)")));
                continue;
            }
            for (OrderStore.Line l : lines) {
                String f = "lines[" + (l.lineNo() - 1) + "].";
                if (!master.skuKnown(ref.tenant(), l.sku())) {
                    problems.add(problem(i, new ImportRows.Problem(f + "sku", "SKU '" + l.sku() + "' of tenant '"
                            + ref.tenant() + "' is not known to the core (import it first)")));
                } else if (l.location() != null && !master.locationKnown(ref.tenant(), ref.warehouse(),
                        l.location())) {
                    problems.add(problem(i, new ImportRows.Problem(f + "location", "location '" + l.location()
                            + "' is not known in warehouse " + ref.tenant() + "/" + ref.warehouse())));
                }
            }
            OrderStore.View existing;
            try (Connection c = db.connection(ref.tenant())) { // the row's tenant's own orders only
                existing = OrderStore.read(c, ref);
            }
            if (existing != null && !OrderStore.RELEASED.equals(existing.status())
                    && !sameLines(existing.lines(), lines)) {
                problems.add(problem(i, new ImportRows.Problem("orderNo", "order " + ref.orderNo()
                        + " exists with other lines (status " + existing.status()
                        + "); an order is created once")));
            }
        }
        refuseIf(problems, rows.size());
        int created = 0;
        int unchanged = 0;
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            OrderStore.Ref ref = ImportRows.orderRef(rows.get(i));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("index", i);
            r.put("orderNo", ref.orderNo());
            try {
                OrderService.Outcome o = orders.place(ref, ImportRows.orderLines(rows.get(i)));
                if (o.error() == null) {
                    created += o.created() ? 1 : 0;
                    unchanged += o.created() ? 0 : 1;
                    continue;
                }
                r.put("code", o.error());
                r.put("message", o.message());
                r.put("line", o.failedLine());
            } catch (OrderService.OrderConflictException e) {
                r.put("code", e.code());
                r.put("message", e.getMessage());
            }
            rejected.add(r);
        }
        return answer(ImportRows.Kind.ORDERS, rows.size(), new ImportStore.Counts(created, 0, unchanged), rejected);
    }

    private static boolean sameLines(List<OrderStore.Line> a, List<OrderStore.Line> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).lineNo() != b.get(i).lineNo() || !a.get(i).sku().equals(b.get(i).sku())
                    || a.get(i).qty() != b.get(i).qty()) {
                return false;
            }
        }
        return true;
    }

    private static void refuseIf(List<Map<String, Object>> problems, int rows) {
        if (!problems.isEmpty()) {
            long bad = problems.stream().map(m -> m.get("index")).distinct().count();
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, INVALID_ROWS, bad + " of " + rows
                    + " rows are invalid; nothing of this batch was imported", Map.of("rows", problems));
        }
    }

    private static Map<String, Object> problem(int index, ImportRows.Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("field", p.field());
        m.put("problem", p.problem());
        return m;
    }

    private static Map<String, Object> answer(ImportRows.Kind kind, int rows, ImportStore.Counts counts,
            List<Map<String, Object>> rejected) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.path);
        m.put("rows", rows);
        m.put("created", counts.created());
        m.put("updated", counts.updated());
        m.put("unchanged", counts.unchanged());
        m.put("rejected", rejected);
        return m;
    }
}
