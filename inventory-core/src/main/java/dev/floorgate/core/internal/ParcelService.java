package dev.floorgate.core.internal;

import dev.floorgate.protocol.ResultCodes;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Parcels of a consolidation warehouse (issue 17 item 1, CORE-API.md "Parcels (issue 17)"): announced by the
 * storefront, received by a gateway at intake, unknown ones put on the no-owner shelf until central IT names the
 * owner. Each change and its event (EVENTS.md: parcel.announced, parcel.received, parcel.no_owner,
 * parcel.assigned) are written in one transaction, under the parcel writers' lock (ParcelStore), on the tenant's
 * own connection (TenantDatabases): the event goes into the tenant schema's outbox, TenantOutboxRelay moves it on.
 */
final class ParcelService {
    static final int MAX_FEED = 1000;
    private static final char[] ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final TenantDatabases db;
    private final EventOutbox outbox;
    private final JsonMapper json;
    private final ParcelWrites writes;
    private final SecureRandom random = new SecureRandom();

    ParcelService(TenantDatabases db, EventOutbox outbox, JsonMapper json, Runnable afterCommit) {
        this.db = db;
        this.outbox = outbox;
        this.json = json;
        this.writes = new ParcelWrites(db, afterCommit);
    }

    /** A checked announcement. */
    record Announcement(String tenant, String warehouse, String customer, String customerName,
            ParcelInputs.Tracking tracking, String notes) {
    }

    /** What an announcement did: CREATED, EXISTING (same customer), ASSIGNED (a no-owner parcel), CONFLICT. */
    record Announced(String outcome, ParcelView parcel, String message) {
    }

    /** A checked intake scan from a gateway. */
    record Intake(String tenant, String warehouse, ParcelInputs.Tracking tracking, String location, String opId,
            String gateway, String station, Instant at) {
        String fingerprint() {
            return tenant + "\n" + warehouse + "\n" + tracking.key() + "\n" + location;
        }
    }

    /** The answer of an intake: {@code result} RECEIVED or NO_OWNER, and the parcel. */
    @Serdeable
    record IntakeAnswer(String opId, String result, ParcelView parcel) {
    }

    /** A feed page: parcels in seq order and the cursor to send as {@code after} next time. */
    @Serdeable
    record Page(List<ParcelView> items, String next) {
    }

    Announced announce(Announcement a) throws SQLException {
        return writes.write(a.tenant(), c -> {
            ParcelStore.Parcel open = ParcelStore.findOpen(c, a.tenant(), a.tracking().key());
            if (open == null) {
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                ParcelStore.Parcel p = new ParcelStore.Parcel(a.tenant(), newId(c, a.tenant()), a.warehouse(),
                        a.tracking().key(), a.tracking().carrier(), a.tracking().format(),
                        a.tracking().checkDigitValid(), a.tracking().raw(), a.customer(), a.customerName(), a.notes(),
                        "ANNOUNCED", null, now, null, null, null, null, null, ParcelStore.nextSeq(c));
                ParcelStore.save(c, p);
                event(c, "parcel.announced", p, p.parcelId());
                return new Announced("CREATED", ParcelView.of(p), null);
            }
            if (open.customer() == null) { // on the no-owner shelf: the announcement names its owner
                ParcelStore.Parcel p = open.assigned(a.customer(), a.customerName(), Instant.now()
                        .truncatedTo(ChronoUnit.MILLIS)).withSeq(ParcelStore.nextSeq(c));
                ParcelStore.save(c, p);
                event(c, "parcel.assigned", p, p.parcelId() + "\n" + p.customer());
                return new Announced("ASSIGNED", ParcelView.of(p), null);
            }
            if (open.customer().equals(a.customer())) {
                return new Announced("EXISTING", ParcelView.of(open), null);
            }
            return new Announced("CONFLICT", ParcelView.of(open), "tracking number " + open.trackingKey()
                    + " of tenant '" + a.tenant() + "' is already announced for customer '" + open.customer()
                    + "' (parcel " + open.parcelId() + "), not for customer '" + a.customer() + "'");
        });
    }

    /**
     * Receives a scanned parcel: its announced parcel becomes RECEIVED at the location; an unknown key becomes a
     * NO_OWNER parcel. The answer is stored under the opId and a replay gets it again, byte for byte.
     *
     * @return the answer's JSON
     */
    String intake(Intake in) throws SQLException {
        return writes.write(in.tenant(), c -> {
            String[] earlier = ParcelStore.intake(c, in.tenant(), in.opId());
            if (earlier != null) {
                if (!earlier[0].equals(in.fingerprint())) {
                    throw new ApiException(HttpStatus.CONFLICT, ResultCodes.OP_ID_REUSED, "opId '" + in.opId()
                            + "' was used for another intake (another tracking number, warehouse or location)");
                }
                return earlier[1];
            }
            ParcelStore.Parcel open = ParcelStore.findOpen(c, in.tenant(), in.tracking().key());
            ParcelStore.Parcel p;
            String result;
            if (open == null) {
                p = new ParcelStore.Parcel(in.tenant(), newId(c, in.tenant()), in.warehouse(), in.tracking().key(),
                        in.tracking().carrier(), in.tracking().format(), in.tracking().checkDigitValid(),
                        in.tracking().raw(), null, null, null, "NO_OWNER", in.location(), null, in.at(), in.gateway(),
                        in.station(), in.opId(), null, ParcelStore.nextSeq(c));
                result = "NO_OWNER";
            } else if (open.state().equals("ANNOUNCED")) {
                p = open.received(in.warehouse(), in.location(), in.at(), in.gateway(), in.station(), in.opId())
                        .withSeq(ParcelStore.nextSeq(c));
                result = "RECEIVED";
            } else {
                throw alreadyReceived(open);
            }
            ParcelStore.save(c, p);
            event(c, result.equals("RECEIVED") ? "parcel.received" : "parcel.no_owner", p,
                    p.parcelId() + "\n" + in.opId());
            String answer = toJson(new IntakeAnswer(in.opId(), result, ParcelView.of(p)));
            ParcelStore.recordIntake(c, in.tenant(), in.opId(), p.parcelId(), in.fingerprint(), answer);
            return answer;
        });
    }

    /** Central IT names the owner of a NO_OWNER parcel; naming the owner it already has changes nothing. */
    ParcelView assign(String tenant, String parcelId, String customer, String customerName) throws SQLException {
        return writes.write(tenant, c -> {
            ParcelStore.Parcel open = require(c, tenant, parcelId);
            if (customer.equals(open.customer())) {
                return ParcelView.of(open);
            }
            if (open.customer() != null) {
                throw new ApiException(HttpStatus.CONFLICT, "ALREADY_OWNED", "parcel " + parcelId + " belongs to "
                        + "customer '" + open.customer() + "' (state " + open.state() + "), not to '" + customer
                        + "'; only a NO_OWNER parcel is assigned");
            }
            ParcelStore.Parcel p = open.assigned(customer, customerName, Instant.now().truncatedTo(ChronoUnit.MILLIS))
                    .withSeq(ParcelStore.nextSeq(c));
            ParcelStore.save(c, p);
            event(c, "parcel.assigned", p, p.parcelId() + "\n" + customer);
            return ParcelView.of(p);
        });
    }

    ParcelView get(String tenant, String parcelId) throws SQLException {
        try (Connection c = db.connection(tenant)) {
            return ParcelView.of(require(c, tenant, parcelId));
        }
    }

    Page changes(String tenant, String warehouse, long after, int limit) throws SQLException {
        try (Connection c = db.connection(tenant)) {
            List<ParcelView> items = new ArrayList<>();
            long next = after;
            for (ParcelStore.Parcel p : ParcelStore.changes(c, tenant, warehouse, after, limit)) {
                items.add(ParcelView.of(p));
                next = p.seq();
            }
            return new Page(items, Long.toString(next));
        }
    }

    /** The packing station's list (ParcelStore#list); {@code next} is the last parcel id, or {@code after}. */
    Page list(String tenant, String customer, String state, String warehouse, String after, int limit)
            throws SQLException {
        try (Connection c = db.connection(tenant)) {
            List<ParcelView> items = new ArrayList<>();
            String next = after;
            for (ParcelStore.Parcel p : ParcelStore.list(c, tenant, customer, state, warehouse, after, limit)) {
                items.add(ParcelView.of(p));
                next = p.parcelId();
            }
            return new Page(items, next);
        }
    }

    private static ParcelStore.Parcel require(Connection c, String tenant, String parcelId) throws SQLException {
        ParcelStore.Parcel p = ParcelStore.find(c, tenant, parcelId);
        if (p == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "PARCEL_NOT_FOUND", "tenant '" + tenant + "' has no parcel '"
                    + parcelId + "'");
        }
        return p;
    }

    private static ApiException alreadyReceived(ParcelStore.Parcel p) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("parcelId", p.parcelId());
        where.put("state", p.state());
        where.put("warehouse", p.warehouse());
        where.put("location", p.location());
        where.put("receivedAt", p.receivedAt() == null ? null : p.receivedAt().toString());
        where.put("receivedGateway", p.receivedGateway());
        where.put("receivedStation", p.receivedStation());
        return new ApiException(HttpStatus.CONFLICT, "ALREADY_RECEIVED", "parcel " + p.parcelId() + " ("
                + p.trackingKey() + ") was already received at " + p.warehouse() + "/" + p.location() + " at "
                + p.receivedAt() + (p.receivedStation() == null ? "" : " by station " + p.receivedStation())
                + " under another opId", where);
    }

    /** The event of a change, its id a name-based UUID of its type, tenant and {@code idName}. */
    private void event(Connection c, String type, ParcelStore.Parcel p, String idName) throws SQLException {
        if (!outbox.enabled()) {
            return;
        }
        String name = type + "\n" + p.tenant() + "\n" + idName;
        String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        outbox.add(c, List.of(new EventOutbox.Event(id, p.tenant(), p.warehouse(), type, toJson(ParcelView.of(p)))));
    }

    /** An id that is short enough for a label: P + 10 Crockford base32 characters (50 random bits). */
    private String newId(Connection c, String tenant) throws SQLException {
        while (true) {
            StringBuilder id = new StringBuilder("P");
            for (int i = 0; i < 10; i++) {
                id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
            }
            if (ParcelStore.find(c, tenant, id.toString()) == null) {
                return id.toString();
            }
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("writing a parcel answer as JSON failed: " + e.getMessage(), e);
        }
    }
}
