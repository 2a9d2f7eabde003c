package dev.floorgate.core.internal;

import dev.floorgate.protocol.ResultCodes;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Consolidated shipments (issue 17 item 3, CORE-API.md "Shipments (issue 17)"): the packing station merges a
 * customer's RECEIVED parcels into one shipment with the carrier service it chose; the core checks the parcels,
 * closes them, and records the choice. A cancel reopens them. Every change, the parcels' feed positions and the
 * events (EVENTS.md: shipment.created/labelled/cancelled, parcel.closed/reopened) are written in one transaction
 * under the parcel writers' lock (ParcelStore), so two stations shipping one parcel are serialised: one wins, the
 * other is told which shipment has it, and the feed never skips a parcel leaving or coming back.
 */
final class ShipmentService {
    private static final char[] ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final TenantDatabases db;
    private final EventOutbox outbox;
    private final JsonMapper json;
    private final ParcelWrites writes;
    private final SecureRandom random = new SecureRandom();

    ShipmentService(TenantDatabases db, EventOutbox outbox, JsonMapper json, Runnable afterCommit) {
        this.db = db;
        this.outbox = outbox;
        this.json = json;
        this.writes = new ParcelWrites(db, afterCommit);
    }

    /** The answer of a create as JSON; {@code replay} when it is the stored answer of an earlier request. */
    record Created(String answer, boolean replay) {
    }

    /** Creates a shipment of the parcels, all or none; a replay of the opId answers the stored answer. */
    Created create(ShipmentInputs.Request r) throws SQLException {
        String fingerprint = sha256(r.content());
        return writes.write(r.tenant(), c -> {
            String[] earlier = ShipmentStore.byOpId(c, r.tenant(), r.opId());
            if (earlier != null) {
                if (!earlier[0].equals(fingerprint)) {
                    throw new ApiException(HttpStatus.CONFLICT, ResultCodes.OP_ID_REUSED, "opId '" + r.opId()
                            + "' was used for another shipment (other parcels, customer, service, cost, weight, "
                            + "dimensions or destination)");
                }
                return new Created(earlier[1], true);
            }
            List<ParcelStore.Parcel> parcels = new ArrayList<>();
            for (String id : r.parcels()) { // every parcel checked before any is changed
                parcels.add(shippable(c, r, id));
            }
            String shipmentId = newId(c, r.tenant());
            for (ParcelStore.Parcel p : parcels) {
                ParcelStore.Parcel closed = p.withState("CLOSED").withSeq(ParcelStore.nextSeq(c));
                ParcelStore.save(c, closed);
                event(c, "parcel.closed", closed.tenant(), closed.warehouse(), closed.parcelId() + "\n" + shipmentId,
                        ParcelView.of(closed));
            }
            ShipmentStore.Shipment s = new ShipmentStore.Shipment(r.tenant(), shipmentId, r.warehouse(),
                    r.customer(), r.parcels(), r.carrier(), r.service(), r.rateCardVersion(), r.cost(), r.currency(),
                    r.weightGrams(), r.lengthMm(), r.widthMm(), r.heightMm(), r.country(), r.postcode(), "CREATED",
                    null, null, null, null, r.at(), null, null, r.gateway(), r.station(), r.opId());
            ShipmentView view = ShipmentView.of(s);
            String answer = toJson(view);
            ShipmentStore.insert(c, s, fingerprint, answer);
            event(c, "shipment.created", s.tenant(), s.warehouse(), shipmentId, view);
            return new Created(answer, false);
        });
    }

    /** The carrier's tracking number is on the box: LABELLED; the same number again changes nothing. */
    ShipmentView label(String tenant, String shipmentId, ParcelInputs.Tracking tracking) throws SQLException {
        return writes.write(tenant, c -> {
            ShipmentStore.Shipment s = require(c, tenant, shipmentId);
            switch (s.state()) {
                case "LABELLED" -> {
                    if (s.labelKey().equals(tracking.key())) {
                        return ShipmentView.of(s);
                    }
                    throw new ApiException(HttpStatus.CONFLICT, "LABEL_CONFLICT", "shipment " + shipmentId
                            + " is labelled with tracking number " + s.labelKey() + " since " + s.labelledAt()
                            + ", not " + tracking.key(), Map.of("shipmentId", shipmentId, "trackingKey",
                            s.labelKey()));
                }
                case "CANCELLED" -> throw cancelled(s);
                default -> {
                    ShipmentStore.Shipment labelled = s.labelled(tracking, now());
                    ShipmentStore.update(c, labelled);
                    ShipmentView view = ShipmentView.of(labelled);
                    event(c, "shipment.labelled", tenant, s.warehouse(), shipmentId + "\n" + tracking.key(), view);
                    return view;
                }
            }
        });
    }

    /** CANCELLED, its parcels RECEIVED again on their shelves; refused once labelled; a second cancel is a no-op. */
    ShipmentView cancel(String tenant, String shipmentId) throws SQLException {
        return writes.write(tenant, c -> {
            ShipmentStore.Shipment s = require(c, tenant, shipmentId);
            if (s.state().equals("CANCELLED")) {
                return ShipmentView.of(s);
            }
            if (s.state().equals("LABELLED")) {
                throw new ApiException(HttpStatus.CONFLICT, "SHIPMENT_LABELLED", "shipment " + shipmentId
                        + " cannot be cancelled: it is labelled with the carrier's tracking number " + s.labelKey()
                        + " since " + s.labelledAt() + ", so the carrier has it; void the label with the carrier",
                        Map.of("shipmentId", shipmentId, "trackingKey", s.labelKey()));
            }
            for (String id : s.parcels()) {
                ParcelStore.Parcel p = ParcelStore.find(c, tenant, id);
                ParcelStore.Parcel other = ParcelStore.findOpen(c, tenant, p.trackingKey());
                if (other != null) { // the number was announced again after the parcel closed: two would be open
                    throw new ApiException(HttpStatus.CONFLICT, "TRACKING_NUMBER_TAKEN", "shipment " + shipmentId
                            + " cannot be cancelled: its parcel " + id + " would reopen with tracking number "
                            + p.trackingKey() + ", which parcel " + other.parcelId() + " holds now",
                            Map.of("parcelId", id, "otherParcelId", other.parcelId()));
                }
                ParcelStore.Parcel reopened = p.withState("RECEIVED").withSeq(ParcelStore.nextSeq(c));
                ParcelStore.save(c, reopened);
                event(c, "parcel.reopened", tenant, reopened.warehouse(), id + "\n" + shipmentId,
                        ParcelView.of(reopened));
            }
            ShipmentStore.Shipment done = s.cancelled(now());
            ShipmentStore.update(c, done);
            ShipmentView view = ShipmentView.of(done);
            event(c, "shipment.cancelled", tenant, s.warehouse(), shipmentId, view);
            return view;
        });
    }

    ShipmentView get(String tenant, String shipmentId) throws SQLException {
        try (Connection c = db.connection(tenant)) {
            return ShipmentView.of(require(c, tenant, shipmentId));
        }
    }

    /** The parcel, if it may join the shipment: in the tenant and warehouse, RECEIVED, of the customer. */
    private static ParcelStore.Parcel shippable(Connection c, ShipmentInputs.Request r, String id)
            throws SQLException {
        ParcelStore.Parcel p = ParcelStore.find(c, r.tenant(), id);
        if (p == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "PARCEL_NOT_FOUND", "tenant '" + r.tenant()
                    + "' has no parcel '" + id + "'", Map.of("parcelId", id));
        }
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("parcelId", id);
        about.put("state", p.state());
        if (p.state().equals("CLOSED")) {
            String holder = ShipmentStore.liveShipmentOf(c, r.tenant(), id);
            about.put("shipmentId", holder);
            throw new ApiException(HttpStatus.CONFLICT, "PARCEL_ALREADY_SHIPPED", "parcel " + id + " is already "
                    + (holder == null ? "CLOSED" : "in shipment " + holder), about);
        }
        if (!p.state().equals("RECEIVED")) {
            throw new ApiException(HttpStatus.CONFLICT, "PARCEL_NOT_RECEIVED", "parcel " + id + " is " + p.state()
                    + (p.state().equals("NO_OWNER") ? " (nobody owns it yet)" : " (not on a shelf yet)")
                    + "; only a RECEIVED parcel ships", about);
        }
        if (!p.customer().equals(r.customer())) {
            about.put("customer", p.customer());
            throw new ApiException(HttpStatus.CONFLICT, "PARCEL_OF_ANOTHER_CUSTOMER", "parcel " + id + " belongs to "
                    + "customer '" + p.customer() + "', not to '" + r.customer() + "'", about);
        }
        if (!p.warehouse().equals(r.warehouse())) {
            about.put("warehouse", p.warehouse());
            throw new ApiException(HttpStatus.CONFLICT, "PARCEL_IN_ANOTHER_WAREHOUSE", "parcel " + id + " is in "
                    + "warehouse " + p.warehouse() + ", not in " + r.warehouse(), about);
        }
        return p;
    }

    private static ShipmentStore.Shipment require(Connection c, String tenant, String shipmentId)
            throws SQLException {
        ShipmentStore.Shipment s = ShipmentStore.find(c, tenant, shipmentId);
        if (s == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "SHIPMENT_NOT_FOUND", "tenant '" + tenant
                    + "' has no shipment '" + shipmentId + "'");
        }
        return s;
    }

    private static ApiException cancelled(ShipmentStore.Shipment s) {
        return new ApiException(HttpStatus.CONFLICT, "SHIPMENT_CANCELLED", "shipment " + s.shipmentId() + " was "
                + "cancelled at " + s.cancelledAt() + "; its parcels are back on their shelves",
                Map.of("shipmentId", s.shipmentId()));
    }

    /** The event of a change, its id a name-based UUID of its type, tenant and {@code idName}, as parcel events. */
    private void event(Connection c, String type, String tenant, String warehouse, String idName, Object data)
            throws SQLException {
        if (!outbox.enabled()) {
            return;
        }
        String name = type + "\n" + tenant + "\n" + idName;
        String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        outbox.add(c, List.of(new EventOutbox.Event(id, tenant, warehouse, type, toJson(data))));
    }

    /** S + 10 Crockford base32 characters (50 random bits), like parcel ids: short enough for a label. */
    private String newId(Connection c, String tenant) throws SQLException {
        while (true) {
            StringBuilder id = new StringBuilder("S");
            for (int i = 0; i < 10; i++) {
                id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
            }
            if (ShipmentStore.find(c, tenant, id.toString()) == null) {
                return id.toString();
            }
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("writing a shipment answer as JSON failed: " + e.getMessage(), e);
        }
    }
}
