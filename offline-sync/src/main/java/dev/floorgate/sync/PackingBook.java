package dev.floorgate.sync;

import dev.floorgate.sync.internal.ShipmentTables;
import dev.floorgate.sync.internal.StoreErrors;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The gateway's side of the packing station (issue 17 item 3): the customer's parcels waiting on shelves, from the
 * {@link ParcelBook}'s offline cache, and the durable queue of consolidated shipments packed here until the core
 * has answered each once ({@link ParcelSync} sends them to {@code POST /v1/shipments}, docs/CORE-API.md
 * "Shipments (issue 17)"). Thread-safe: every call holds the parcel book's lock.
 *
 * <p><b>Why in {@code parcels.db}</b> and not a file of its own: whether a parcel may be packed depends on the cache
 * (RECEIVED, the customer's, in this warehouse) and on the queue (not in a shipment packed here): one file makes
 * the check and the insert one transaction under one lock, so two stations cannot pack the same parcel, and the
 * feed's CLOSED parcel releases its hold in the transaction that removes it from the cache. The backup already
 * copies the file.
 *
 * <p><b>Contract.</b> {@link #pack} returns only once the shipment is durable (one transaction, WAL fsynced); its
 * {@code opId} is made then and sent every time, so the core creates it once. From then on its parcels are
 * <em>held</em>: not listed by {@link #waiting}, refused by another {@code pack}, until the core refuses the
 * shipment (they are offered again) or the feed shows them CLOSED (they leave the cache).
 *
 * <p><b>On disk</b> (schema step 2 of the parcel book):
 * <pre>
 * shipments                                     one row per shipment packed here
 * ├─ id INTEGER PRIMARY KEY                     packing order: the sender's order
 * ├─ op_id TEXT UNIQUE, reference TEXT UNIQUE   the idempotency key; the gateway's reference printed on the label
 * ├─ tenant, warehouse, customer, carrier, service, rate_card_version, cost_amount (decimal text), currency
 * ├─ weight_grams, length_mm, width_mm, height_mm, country, postcode, station, device, packed_at (epoch ms)
 * ├─ state                                      PENDING -> CREATED | REFUSED
 * └─ shipment_id, failure, attempts, answered_at the core's id, or its code and message when REFUSED
 * shipment_parcels (shipment, position) PK      the parcels in the packer's order, with their tracking keys
 * └─ released                                   1 once the feed showed the parcel CLOSED (the hold is over)
 * index parcels_id (tenant, parcel_id) on the cache, for lookups by the core's parcel id
 * </pre>
 */
public final class PackingBook {
    private static final char[] REFERENCE = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final ParcelBook book;
    private final ShipmentTables tables;
    private final DiskGuard guard;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private PackingBook(ParcelBook book, DiskGuard guard, Clock clock) {
        this.book = book;
        this.tables = book.shipmentTables();
        this.guard = guard;
        this.clock = clock;
    }

    /** The packing queue in {@code book}'s file. {@code guard} refuses a shipment under the disk floor; null for none. */
    public static PackingBook of(ParcelBook book, DiskGuard guard, Clock clock) {
        return new PackingBook(Objects.requireNonNull(book, "book"), guard, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * The customer's RECEIVED parcels in the offline cache, minus those held by a shipment packed here, ordered by
     * location (the packer's walk) then parcel id. {@code warehouse} null for all of the tenant's.
     */
    public List<ParcelRecord> waiting(String tenant, String warehouse, String customer) throws IOException {
        ShipmentDraft.code("tenant", tenant, false);
        ShipmentDraft.code("customer", customer, false);
        synchronized (book) {
            try {
                return tables.waiting(tenant, warehouse, customer);
            } catch (SQLException e) {
                throw StoreErrors.ioError("list waiting parcels", book.file(), e, -1);
            }
        }
    }

    /**
     * The cached parcels of {@code parcelIds} as a shipment would take them, in that order; throws
     * ParcelConflictException naming the first that cannot go (as {@link #pack} would).
     */
    public List<ParcelRecord> check(String tenant, String warehouse, String customer, List<String> parcelIds)
            throws IOException, ParcelConflictException {
        synchronized (book) {
            try {
                return checked(tenant, warehouse, customer, parcelIds);
            } catch (SQLException e) {
                throw StoreErrors.ioError("check parcels for a shipment", book.file(), e, -1);
            }
        }
    }

    /** What {@link #pack(ShipmentDraft, String)} did: stored a new shipment, or found the one packed before. */
    public record Packed(QueuedShipment shipment, boolean repeated) {
    }

    /** {@link #pack(ShipmentDraft, String)} with an opId made here. */
    public QueuedShipment pack(ShipmentDraft draft) throws IOException, ParcelConflictException {
        return pack(draft, null).shipment();
    }

    /**
     * Stores a shipment the packer confirmed and returns once it is durable, its parcels held from then on. Every
     * parcel is checked against the cache and the queue first, in the draft's order: the first that cannot go is
     * a ParcelConflictException naming it, and nothing is stored. DiskFullException under the disk floor.
     *
     * <p>{@code opId} is the station's id for this confirmation (null: one is made here). A station that lost the
     * answer sends the same opId again: when a shipment is stored under it for the same tenant, customer, parcels
     * and choice (carrier, service, card version), that shipment is answered ({@code repeated}) and nothing is
     * stored; the weight and price are not compared, because a retry may read the scale again. Under any other
     * shipment it is a ParcelConflictException with reason OP_ID_REUSED. Checked under the book's lock, so two
     * copies of one request arriving together store one shipment.
     */
    public Packed pack(ShipmentDraft draft, String opId) throws IOException, ParcelConflictException {
        Objects.requireNonNull(draft, "draft");
        if (opId != null) {
            ShipmentDraft.code("opId", opId, false);
        }
        QueuedShipment stored;
        synchronized (book) {
            Connection c = book.store().writeConnection();
            try {
                if (opId != null) {
                    QueuedShipment before = storedUnder(opId);
                    if (before != null) {
                        return new Packed(sameShipment(before, draft.tenant(), draft.customer(), draft.parcelIds(),
                                draft.carrier(), draft.service(), draft.rateCardVersion()), true);
                    }
                }
                List<ParcelRecord> parcels = checked(draft.tenant(), draft.warehouse(), draft.customer(),
                        draft.parcelIds());
                if (guard != null) {
                    guard.check();
                }
                List<String> keys = parcels.stream().map(ParcelRecord::trackingKey).toList();
                c.setAutoCommit(false);
                try {
                    long id = tables.insert(opId != null ? opId : UUID.randomUUID().toString(), reference(), draft,
                            keys, clock.millis());
                    c.commit();
                    stored = tables.select("WHERE id = ?", id).get(0);
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw StoreErrors.ioError("store a shipment", book.file(), e, guard == null ? -1 : guard.freeBytes());
            }
        }
        book.workAdded();
        return new Packed(stored, false);
    }

    /**
     * The shipment of {@code tenant} stored under {@code opId}, or null (none, another tenant's, or purged after
     * {@code fg.sync.retention}). For a retry, before its weight is read and its price worked out again.
     * IllegalArgumentException (starting "opId:") for an opId that is not 1-64 letters, digits, '.', '_', '-'.
     */
    public QueuedShipment byOpId(String tenant, String opId) throws IOException {
        ShipmentDraft.code("opId", opId, false);
        synchronized (book) {
            try {
                QueuedShipment s = storedUnder(opId);
                return s != null && s.draft().tenant().equals(tenant) ? s : null;
            } catch (SQLException e) {
                throw StoreErrors.ioError("read shipment " + opId, book.file(), e, -1);
            }
        }
    }

    /**
     * {@code before} when the request asks for the same shipment (tenant, customer, parcels in order, carrier,
     * service, card version), else the OP_ID_REUSED conflict. Another tenant's shipment under the opId is refused
     * the same way and shows nothing of it.
     */
    public static QueuedShipment sameShipment(QueuedShipment before, String tenant, String customer,
            List<String> parcelIds, String carrier, String service, Integer cardVersion)
            throws ParcelConflictException {
        ShipmentDraft d = before.draft();
        boolean same = d.tenant().equals(tenant) && d.customer().equals(customer) && d.parcelIds().equals(parcelIds)
                && d.carrier().equals(carrier) && d.service().equals(service) && cardVersion != null
                && d.rateCardVersion() == cardVersion;
        if (!same) {
            throw new ParcelConflictException(null, ParcelConflictException.Reason.OP_ID_REUSED, "opId "
                    + before.opId() + " was used before for another shipment; an opId names one confirmation: "
                    + "make a new one for a new shipment");
        }
        return before;
    }

    private QueuedShipment storedUnder(String opId) throws SQLException {
        List<QueuedShipment> found = tables.select("WHERE op_id = ?", opId);
        return found.isEmpty() ? null : found.get(0);
    }

    private List<ParcelRecord> checked(String tenant, String warehouse, String customer, List<String> parcelIds)
            throws SQLException, ParcelConflictException {
        List<ParcelRecord> out = new ArrayList<>();
        for (String id : parcelIds) {
            ParcelRecord p = tables.parcelById(tenant, id);
            if (p == null) {
                throw new ParcelConflictException(id, ParcelConflictException.Reason.PARCEL_NOT_IN_CACHE, "parcel "
                        + id + " is not in this gateway's cache of " + tenant + "'s parcels (unknown, or closed)");
            }
            if (!"RECEIVED".equals(p.state())) {
                throw new ParcelConflictException(id, ParcelConflictException.Reason.PARCEL_NOT_RECEIVED, "parcel "
                        + id + " is " + p.state() + ", not RECEIVED");
            }
            if (!customer.equals(p.customer())) {
                throw new ParcelConflictException(id, ParcelConflictException.Reason.PARCEL_OF_ANOTHER_CUSTOMER,
                        "parcel " + id + " belongs to customer " + p.customer() + ", not " + customer);
            }
            if (warehouse != null && p.warehouse() != null && !warehouse.equals(p.warehouse())) {
                throw new ParcelConflictException(id, ParcelConflictException.Reason.PARCEL_IN_ANOTHER_WAREHOUSE,
                        "parcel " + id + " lies in warehouse " + p.warehouse() + ", not " + warehouse);
            }
            if (tables.held(tenant, id)) {
                throw new ParcelConflictException(id, ParcelConflictException.Reason.PARCEL_ALREADY_QUEUED, "parcel "
                        + id + " is already in a shipment packed at this gateway");
            }
            out.add(p);
        }
        return out;
    }

    /** The newest shipments, newest first; {@code state} null for all. */
    public List<QueuedShipment> shipments(ShipmentState state, int limit) throws IOException {
        synchronized (book) {
            try {
                return state == null ? tables.select("ORDER BY id DESC LIMIT ?", limit)
                        : tables.select("WHERE state = ? ORDER BY id DESC LIMIT ?", state.name(), limit);
            } catch (SQLException e) {
                throw StoreErrors.ioError("read shipments", book.file(), e, -1);
            }
        }
    }

    /** How many shipments are in {@code state}, for /health and /metrics. */
    public long count(ShipmentState state) throws IOException {
        synchronized (book) {
            try {
                return tables.count(state);
            } catch (SQLException e) {
                throw StoreErrors.ioError("count shipments", book.file(), e, -1);
            }
        }
    }

    /** Deletes answered shipments answered longer than {@code olderThan} ago; pending ones never. */
    public int purge(Duration olderThan) throws IOException {
        synchronized (book) {
            try {
                return tables.purge(clock.millis() - olderThan.toMillis());
            } catch (SQLException e) {
                throw StoreErrors.ioError("purge shipments", book.file(), e, -1);
            }
        }
    }

    // --- for ParcelSync ---

    List<QueuedShipment> pending(int limit) throws IOException {
        synchronized (book) {
            try {
                return tables.select("WHERE state = 'PENDING' ORDER BY id LIMIT ?", limit);
            } catch (SQLException e) {
                throw StoreErrors.ioError("read pending shipments", book.file(), e, -1);
            }
        }
    }

    /** Stores the core's answer to a shipment; a second answer changes nothing. */
    boolean answered(QueuedShipment s, ShipmentState state, String shipmentId, String failure) throws IOException {
        synchronized (book) {
            try {
                return tables.answer(s.id(), state, shipmentId, failure, clock.millis());
            } catch (SQLException e) {
                throw StoreErrors.ioError("store the core's answer to shipment " + s.opId(), book.file(), e, -1);
            }
        }
    }

    /** "FG" and 12 of Crockford's base 32: 60 random bits, unique in the table (the UNIQUE index checks). */
    private String reference() {
        StringBuilder b = new StringBuilder("FG");
        for (int i = 0; i < 12; i++) {
            b.append(REFERENCE[random.nextInt(REFERENCE.length)]);
        }
        return b.toString();
    }
}
