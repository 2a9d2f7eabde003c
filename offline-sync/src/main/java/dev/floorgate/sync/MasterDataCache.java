package dev.floorgate.sync;

import dev.floorgate.sqlite.Durability;
import dev.floorgate.sqlite.ReaderPool;
import dev.floorgate.sqlite.Schema;
import dev.floorgate.sqlite.SqliteStore;
import dev.floorgate.sync.internal.CacheTables;
import dev.floorgate.sync.internal.StoreErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's offline copy of the core's master data and orders ({@code <dataDir>/cache.db}), filled by the
 * {@link ChangesPoller} or seeded by site IT and tests through {@link #apply}. Lookups run on a small pool of read
 * connections; writes are serialised on one connection. Thread-safe.
 *
 * <p><b>On disk</b> (schema version 1 in {@code PRAGMA user_version}; files, lock and pragmas as {@link SqliteStore}
 * describes):
 * <pre>
 * skus        (tenant, sku) PK, name, unit
 * sku_codes   (tenant, sku, kind 'gtin'|'barcode', code) PK, match_key, ord   index (tenant, match_key)
 *             match_key: a GTIN-8/12/13/14 as GTIN-14, any other code as written
 * locations   (tenant, warehouse, code) PK, type
 * orders      (tenant, warehouse, order_no) PK, status
 * order_lines (tenant, warehouse, order_no, line_no) PK, sku, qty, reserved, picked, location
 *             partial index (tenant, warehouse, order_no, line_no) WHERE reserved > picked   open pick tasks
 * poll_state  (warehouse) PK, cursor, polled_at                                the changes feed's position
 * </pre>
 *
 * <p><b>Commit point and crash argument.</b> A page of changes and the cursor after it are written in one
 * transaction ({@link #applyPage}): after a crash the cache holds either the page and the new cursor or neither,
 * so the next poll asks again from the cursor it has, and items are idempotent (an item replaces the item with its
 * key). That is why this file can use {@code synchronous=NORMAL}: losing the last commits on power loss only means
 * fetching them again.
 */
public final class MasterDataCache implements AutoCloseable {
    private static final int READERS = 2;
    /** The most pick tasks returned by one call. */
    public static final int MAX_TASKS = 5_000;

    static final Schema SCHEMA = Schema.builder("cache")
            .step(1, "skus, sku_codes, locations, orders, order_lines, poll_state", CacheTables::createVersion1)
            .build();

    private final Path file;
    private final Clock clock;
    private final SqliteStore store;
    /** The write connection; writes are few (a page per poll), so they take turns on it, no group commit. */
    private final Connection writer;
    private final ReaderPool<Connection> readers;

    private MasterDataCache(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        this.store = SqliteStore.open(file, "cache", SCHEMA, Durability.NORMAL);
        this.writer = store.writeConnection();
        try {
            this.readers = ReaderPool.open(file, READERS);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public static MasterDataCache open(Path file) throws IOException {
        return open(file, Clock.systemUTC());
    }

    /** Opens (or creates) the cache; {@code clock} dates polls and measures the cache's age. */
    public static MasterDataCache open(Path file, Clock clock) throws IOException {
        return new MasterDataCache(Objects.requireNonNull(file, "file"), Objects.requireNonNull(clock, "clock"));
    }

    /** Stores items (each replaces the item with its key) in one transaction; the poll cursor is untouched. */
    public void apply(List<? extends ChangeItem> items) throws IOException {
        write("store " + items.size() + " items", c -> {
            for (ChangeItem item : items) {
                CacheTables.put(c, item);
            }
        });
    }

    /**
     * Stores a page of the changes feed of {@code warehouse} and the cursor to continue from, in one transaction,
     * and dates the poll. A null cursor keeps the current one.
     */
    public void applyPage(String warehouse, List<? extends ChangeItem> items, String nextCursor) throws IOException {
        long now = clock.millis();
        write("store a changes page of " + items.size() + " items for warehouse " + warehouse, c -> {
            for (ChangeItem item : items) {
                CacheTables.put(c, item);
            }
            CacheTables.polled(c, warehouse, nextCursor, now); // same transaction: no cursor without its items
        });
    }

    /** The cursor to poll {@code warehouse} from; empty before the first page. */
    public Optional<String> cursor(String warehouse) {
        return Optional.ofNullable(read("read the cursor of " + warehouse, c -> CacheTables.cursor(c, warehouse)));
    }

    public boolean skuExists(String tenant, String sku) {
        return read("look up SKU " + sku, c -> CacheTables.exists(c,
                "SELECT 1 FROM skus WHERE tenant = ? AND sku = ?", tenant, sku));
    }

    public Optional<SkuItem> findSku(String tenant, String sku) {
        return Optional.ofNullable(read("read SKU " + sku, c -> CacheTables.sku(c, tenant, sku)));
    }

    /**
     * The SKU a scanned code identifies: one of its GTINs (GTIN-8/12/13/14 all match their GTIN-14 form) or one of
     * its other barcodes (as written). If several SKUs of the tenant list the code, the first by SKU name.
     */
    public Optional<SkuItem> findSkuByCode(String tenant, String code) {
        return Optional.ofNullable(read("look up code " + code, c -> {
            String sku = CacheTables.skuByCode(c, tenant, code);
            return sku == null ? null : CacheTables.sku(c, tenant, sku);
        }));
    }

    public boolean locationExists(String tenant, String warehouse, String code) {
        return read("look up location " + code, c -> CacheTables.exists(c,
                "SELECT 1 FROM locations WHERE tenant = ? AND warehouse = ? AND code = ?", tenant, warehouse, code));
    }

    public Optional<LocationItem> findLocation(String tenant, String warehouse, String code) {
        return Optional.ofNullable(read("read location " + code,
                c -> CacheTables.location(c, tenant, warehouse, code)));
    }

    public Optional<OrderItem> findOrder(String tenant, String warehouse, String orderNo) {
        return Optional.ofNullable(read("read order " + orderNo, c -> CacheTables.order(c, tenant, warehouse,
                orderNo)));
    }

    /**
     * Open pick tasks of a tenant's warehouse: order lines with reserved - picked > 0 of orders not RELEASED,
     * PICKED or SHIPPED, by order number and line, at most {@link #MAX_TASKS}.
     */
    public List<PickTask> openPickTasks(String tenant, String warehouse) {
        return read("read pick tasks", c -> CacheTables.openTasks(c, tenant, warehouse, MAX_TASKS));
    }

    /** Whether any SKU of the tenant is cached (else the cache knows nothing of its SKUs yet). */
    public boolean hasSkus(String tenant) {
        return read("look up SKUs of " + tenant, c -> CacheTables.exists(c,
                "SELECT 1 FROM skus WHERE tenant = ? LIMIT 1", tenant));
    }

    /** Whether any location of the tenant's warehouse is cached. */
    public boolean hasLocations(String tenant, String warehouse) {
        return read("look up locations of " + tenant, c -> CacheTables.exists(c,
                "SELECT 1 FROM locations WHERE tenant = ? AND warehouse = ? LIMIT 1", tenant, warehouse));
    }

    /**
     * Time since the least recent successful poll among the warehouses polled so far; empty when never polled
     * (a cache only seeded through {@link #apply} has no age).
     */
    public Optional<Duration> cacheAge() {
        long at = read("read the poll times", CacheTables::oldestPoll);
        return at < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(0, clock.millis() - at)));
    }

    public Path file() {
        return file;
    }

    private interface Write {
        void apply(Connection c) throws SQLException;
    }

    private void write(String what, Write work) throws IOException {
        synchronized (writer) {
            try (Statement s = writer.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                try {
                    work.apply(writer);
                    s.execute("COMMIT"); // Commit point: items and cursor together
                } catch (SQLException | RuntimeException e) {
                    try {
                        s.execute("ROLLBACK");
                    } catch (SQLException ignored) {
                        // already rolled back by SQLite
                    }
                    throw e;
                }
            } catch (SQLException e) {
                throw StoreErrors.ioError(what, file, e, -1);
            }
        }
    }

    private <T> T read(String what, ReaderPool.Read<Connection, T> read) {
        try {
            return readers.read(what, read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        readers.close();
        synchronized (writer) {
            store.close();
        }
    }
}
