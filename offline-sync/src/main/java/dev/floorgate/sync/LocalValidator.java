package dev.floorgate.sync;

import dev.floorgate.protocol.FieldProblem;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationValidator;
import dev.floorgate.protocol.ResultCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The gateway's checks before it stores an operation: {@link OperationValidator}'s field rules, then the cached
 * master data: an unknown SKU ({@code sku}, UNKNOWN_SKU) or an unknown bin ({@code location} / {@code toLocation},
 * UNKNOWN_LOCATION). Thread-safe.
 *
 * <p><b>An empty cache does not block receiving.</b> The SKU check runs only once the cache holds at least one SKU
 * of the operation's tenant, and the bin check only once it holds at least one location of the tenant's warehouse.
 * Before that (a new gateway, a tenant the feed has not delivered yet) the operation is stored and sent, and the
 * core decides (it rejects an unknown SKU with UNKNOWN_SKU all the same). A SKU created at the core after the last
 * poll is refused here until the next poll brings it (pollInterval, 30 s by default).
 */
public final class LocalValidator {
    private final MasterDataCache cache;

    public LocalValidator(MasterDataCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** Every problem with its code; empty when the operation may be stored. */
    public List<LocalProblem> check(Operation op) {
        List<LocalProblem> out = new ArrayList<>();
        List<FieldProblem> basic = OperationValidator.problems(op);
        for (FieldProblem p : basic) {
            out.add(new LocalProblem(p.field(), ResultCodes.INVALID, p.message()));
        }
        if (!validKey(basic, "tenant")) {
            return out;
        }
        String tenant = op.tenant();
        if (op.sku() != null && validKey(basic, "sku") && cache.hasSkus(tenant) && !cache.skuExists(tenant, op.sku())) {
            out.add(new LocalProblem("sku", ResultCodes.UNKNOWN_SKU, "SKU '" + op.sku()
                    + "' is not in the gateway's cache for tenant " + tenant));
        }
        if (validKey(basic, "warehouse") && (op.location() != null || op.toLocation() != null)
                && cache.hasLocations(tenant, op.warehouse())) {
            location(out, basic, "location", op.location(), tenant, op.warehouse());
            location(out, basic, "toLocation", op.toLocation(), tenant, op.warehouse());
        }
        return out;
    }

    /** The same problems as field problems (messages as in {@link #check}). */
    public List<FieldProblem> problems(Operation op) {
        List<FieldProblem> out = new ArrayList<>();
        for (LocalProblem p : check(op)) {
            out.add(p.toFieldProblem());
        }
        return out;
    }

    private void location(List<LocalProblem> out, List<FieldProblem> basic, String field, String code,
            String tenant, String warehouse) {
        if (code != null && validKey(basic, field) && !cache.locationExists(tenant, warehouse, code)) {
            out.add(new LocalProblem(field, ResultCodes.UNKNOWN_LOCATION, "location '" + code
                    + "' is not in the gateway's cache for tenant " + tenant + ", warehouse " + warehouse));
        }
    }

    private static boolean validKey(List<FieldProblem> basic, String field) {
        for (FieldProblem p : basic) {
            if (p.field().equals(field)) {
                return false;
            }
        }
        return true;
    }
}
