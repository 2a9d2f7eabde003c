package dev.floorgate.sync;

import dev.floorgate.sqlite.Durability;
import dev.floorgate.sqlite.Schema;
import dev.floorgate.sqlite.SqliteStore;
import dev.floorgate.sync.internal.ParcelTables;
import dev.floorgate.sync.internal.ShipmentTables;
import dev.floorgate.sync.internal.StoreErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The gateway's side of parcel intake (issue 17 item 1): an offline cache of the parcels the core announced
 * (tracking key -> parcel, customer), so a receiving station names a parcel's owner with the WAN down, and the
 * durable queue of intakes scanned at the stations until the core has answered each once ({@link ParcelSync}
 * polls the feed and sends the queue). Knows nothing of barcodes: the caller recognises the scan and passes the
 * normalised tracking key (the barcodes module's {@code TrackingNumbers}, as the core does). Thread-safe; writes
 * are serialised on this object (intakes come a few a second at most).
 *
 * <p><b>Contract.</b> {@link #receive} returns only once the intake is durable (its row committed, WAL fsynced); an
 * intake is never dropped before the core answered it; its {@code opId} is made at the scan and sent every time,
 * so the core applies it once. A second scan of the same tracking key at this gateway returns the first intake
 * ({@link Receipt#repeated()}) and stores nothing: a station's double scan is not a second intake.
 *
 * <p><b>On disk</b> ({@code parcels.db} in the data folder; sqlite-store kit, WAL, synchronous=FULL, schema 2):
 * <pre>
 * parcels (tenant, tracking_key) PRIMARY KEY       the cache, from GET /v1/parcels/changes; a CLOSED parcel leaves it
 * ├─ warehouse, parcel_id, carrier, state       as the core last said (ANNOUNCED, RECEIVED, NO_OWNER)
 * └─ customer, customer_name, location, seq
 * feed_cursors (tenant, warehouse) PRIMARY KEY  the feed's cursor after the last stored page, and when (epoch ms)
 * intakes                                       one row per intake scanned here
 * ├─ id INTEGER PRIMARY KEY                     scan order: the sender's order
 * ├─ op_id TEXT UNIQUE                          the idempotency key sent to the core
 * ├─ tenant, warehouse, tracking_key, tracking_number, location, station, device, scanned_at (epoch ms)
 * ├─ state                                      PENDING -> RECEIVED | NO_OWNER | REFUSED
 * ├─ expected_customer, parcel_id               what the cache said at the scan; the core's parcel id after
 * └─ failure, attempts, answered_at             the core's code and message when REFUSED
 * index intakes_pending (id) WHERE state = 'PENDING'; index intakes_key (tenant, tracking_key)
 * shipments, shipment_parcels                   schema 2: the packing queue, documented on {@link PackingBook}
 * </pre>
 *
 * <p><b>Commit points.</b> An intake: its INSERT (autocommit). A feed page: its parcels and the cursor after it in
 * one transaction, so a crash repeats the page, never skips one. An answer: the UPDATE of a PENDING row; a crash
 * before it sends the intake again with the same opId, and the core answers it as the first time.
 */
public final class ParcelBook implements AutoCloseable {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{4,80}");
    static final Schema SCHEMA = Schema.builder("parcel book")
            .step(1, "parcels, feed_cursors, intakes", ParcelTables::createVersion1)
            .step(2, "shipments, shipment_parcels (the packing queue)", ShipmentTables::createVersion2).build();

    /** What a scan at a receiving station got: the intake (new or the earlier one) and the cached parcel, if any. */
    public record Receipt(ParcelIntake intake, boolean repeated, Optional<ParcelRecord> cached) {
    }

    private final SqliteStore store;
    private final ParcelTables tables;
    private final ShipmentTables shipments;
    private final DiskGuard guard;
    private final Clock clock;
    private final List<Runnable> intakeListeners = new CopyOnWriteArrayList<>();

    private ParcelBook(SqliteStore store, DiskGuard guard, Clock clock) {
        this.store = store;
        this.tables = new ParcelTables(store.writeConnection());
        this.shipments = new ShipmentTables(store.writeConnection());
        this.guard = guard;
        this.clock = clock;
    }

    /**
     * Opens (or creates) {@code file}. {@code guard} is the operations' disk guard: an intake is refused under its
     * floor like an operation ({@link DiskFullException}, the gateway answers 507); null for none.
     */
    public static ParcelBook open(Path file, DiskGuard guard, Clock clock) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clock, "clock");
        return new ParcelBook(SqliteStore.open(file, "parcel book", SCHEMA, Durability.FULL), guard, clock);
    }

    /**
     * Records a parcel scanned in at {@code location} and returns once it is durable. {@code trackingKey} is the
     * normalised number (4-80 printable ASCII characters), {@code trackingNumber} the scan as read (kept for the
     * core, up to 200 characters; may be null). Codes are 1-64 of letters, digits, {@code .}, {@code _}, {@code -}
     * ({@code station} and {@code device} may be null). Throws IllegalArgumentException naming the bad field;
     * DiskFullException under the disk floor (nothing written).
     */
    public synchronized Receipt receive(String tenant, String warehouse, String trackingKey, String trackingNumber,
            String location, String station, String device) throws IOException {
        code("tenant", tenant, false);
        code("warehouse", warehouse, false);
        code("location", location, false);
        code("station", station, true);
        code("device", device, true);
        if (trackingKey == null || !KEY.matcher(trackingKey).matches()) {
            throw new IllegalArgumentException("trackingKey: 4-80 printable ASCII characters without spaces, got "
                    + (trackingKey == null ? "none" : trackingKey.length() + " characters"));
        }
        if (trackingNumber != null && (trackingNumber.length() > 200 || trackingNumber.isEmpty())) {
            throw new IllegalArgumentException("trackingNumber: 1-200 characters, got " + trackingNumber.length());
        }
        try {
            Optional<ParcelRecord> cached = Optional.ofNullable(tables.parcel(tenant, trackingKey));
            ParcelIntake earlier = tables.latestIntake(tenant, trackingKey);
            if (earlier != null) {
                return new Receipt(earlier, true, cached);
            }
            if (guard != null) {
                guard.check();
            }
            ParcelRecord p = cached.orElse(null);
            ParcelIntake fresh = new ParcelIntake(0, UUID.randomUUID().toString(), tenant, warehouse, trackingKey,
                    trackingNumber, location, station, device, clock.instant(), IntakeState.PENDING,
                    p != null && p.hasOwner() ? p.customer() : null, p == null ? null : p.parcelId(), null);
            long id = tables.insertIntake(fresh);
            ParcelIntake stored = tables.intake(id);
            intakeListeners.forEach(Runnable::run);
            return new Receipt(stored, false, cached);
        } catch (SQLException e) {
            throw StoreErrors.ioError("record a parcel intake", store.file(), e, guard == null ? -1 : guard.freeBytes());
        }
    }

    /** The cached parcel of a tracking key, if the feed brought one. */
    public synchronized Optional<ParcelRecord> find(String tenant, String trackingKey) throws IOException {
        try {
            return Optional.ofNullable(tables.parcel(tenant, trackingKey));
        } catch (SQLException e) {
            throw StoreErrors.ioError("read the parcel cache", store.file(), e, -1);
        }
    }

    /** The newest intakes, newest first; {@code state} null for all. */
    public synchronized List<ParcelIntake> intakes(IntakeState state, int limit) throws IOException {
        try {
            return tables.recent(state == null ? null : state.name(), limit);
        } catch (SQLException e) {
            throw StoreErrors.ioError("read parcel intakes", store.file(), e, -1);
        }
    }

    /** Counts for /health and /metrics. */
    public synchronized ParcelStats stats() throws IOException {
        try {
            long oldest = tables.oldestPoll();
            return new ParcelStats(tables.count("SELECT COUNT(*) FROM parcels"),
                    tables.count("SELECT COUNT(*) FROM intakes WHERE state = 'PENDING'"),
                    tables.count("SELECT COUNT(*) FROM intakes WHERE state = 'NO_OWNER'"),
                    tables.count("SELECT COUNT(*) FROM intakes WHERE state = 'REFUSED'"),
                    oldest == 0 ? null : Duration.ofMillis(Math.max(0, clock.millis() - oldest)));
        } catch (SQLException e) {
            throw StoreErrors.ioError("count parcels", store.file(), e, -1);
        }
    }

    /** Deletes answered intakes answered longer than {@code olderThan} ago (a key may then be taken in again). */
    public synchronized int purge(Duration olderThan) throws IOException {
        try {
            return tables.purge(clock.millis() - olderThan.toMillis());
        } catch (SQLException e) {
            throw StoreErrors.ioError("purge parcel intakes", store.file(), e, -1);
        }
    }

    /** Runs {@code r} after every new intake and every shipment packed (the sender wakes up). */
    public void addIntakeListener(Runnable r) {
        intakeListeners.add(r);
    }

    // --- for PackingBook: the packing queue lives in this file, under this object's lock ---

    SqliteStore store() {
        return store;
    }

    ShipmentTables shipmentTables() {
        return shipments;
    }

    void workAdded() {
        intakeListeners.forEach(Runnable::run);
    }

    // --- for ParcelSync ---

    synchronized String cursor(String tenant, String warehouse) throws IOException {
        try {
            return tables.cursor(tenant, warehouse);
        } catch (SQLException e) {
            throw StoreErrors.ioError("read the parcel feed cursor", store.file(), e, -1);
        }
    }

    /** Stores one feed page and the cursor after it in one transaction. */
    synchronized void applyPage(String tenant, String warehouse, List<FeedParcel> items, String next)
            throws IOException {
        var c = store.writeConnection();
        try {
            c.setAutoCommit(false);
            try {
                for (FeedParcel f : items) {
                    if ("CLOSED".equals(f.parcel().state())) {
                        tables.removeParcel(f.parcel().tenant(), f.parcel().trackingKey(), f.parcel().parcelId());
                        shipments.release(f.parcel().tenant(), f.parcel().parcelId());
                    } else {
                        tables.putParcel(f.parcel(), f.seq());
                    }
                }
                tables.setCursor(tenant, warehouse, next, clock.millis());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw StoreErrors.ioError("store a parcel feed page", store.file(), e, -1);
        }
    }

    synchronized List<ParcelIntake> pending(int limit) throws IOException {
        try {
            return tables.pending(limit);
        } catch (SQLException e) {
            throw StoreErrors.ioError("read pending parcel intakes", store.file(), e, -1);
        }
    }

    /** Stores the core's answer to an intake and, with it, the parcel as the core now has it. */
    synchronized void answered(ParcelIntake i, IntakeState state, ParcelRecord parcel, String failure)
            throws IOException {
        var c = store.writeConnection();
        try {
            c.setAutoCommit(false);
            try {
                tables.answer(i.id(), state, parcel == null ? null : parcel.parcelId(), failure, clock.millis());
                if (parcel != null) {
                    tables.putParcel(parcel, -1);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw StoreErrors.ioError("store the core's answer to intake " + i.opId(), store.file(), e, -1);
        }
    }

    /** A parcel of the feed with its place in it. */
    record FeedParcel(ParcelRecord parcel, long seq) {
    }

    public Path file() {
        return store.file();
    }

    @Override
    public synchronized void close() {
        store.close();
    }

    private static void code(String field, String value, boolean optional) {
        if (value == null && optional) {
            return;
        }
        if (value == null || !CODE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": 1-64 of letters, digits, '.', '_', '-', got "
                    + (value == null ? "none" : "'" + (value.length() > 64 ? value.substring(0, 64) + "..." : value)
                    + "'"));
        }
    }
}
