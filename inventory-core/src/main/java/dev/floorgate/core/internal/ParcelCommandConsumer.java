package dev.floorgate.core.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import dev.floorgate.protocol.ResultCodes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads parcel announcements (EVENTS.md "Parcels in") from the durable queue {@code fg.bus.parcels-queue}, bound to
 * the topic exchange {@code fg.bus.parcels-exchange} with {@code #}, and hands each to {@link ParcelService#announce}
 * exactly as {@code POST /v1/parcels/announcements} does: the same body (one announcement or a batch of up to 500),
 * checked by the same {@link ParcelInputs}. Routing key {@code tenant.warehouse.announce}; every announcement's
 * tenant and warehouse must be the key's (RabbitMQ topic permissions check the key, so a tenant's account can only
 * announce its own parcels).
 *
 * <p>Acknowledged after the parcels committed (BusCommandQueue): a redelivered message announces again, which is
 * idempotent (EXISTING: no second parcel, no second event). A message refused for good (not JSON, a bad field,
 * another tenant's key, an unknown warehouse, a tracking number another customer holds) is acknowledged, logged
 * with its message id, and told to the publisher's tenant as a {@value #REJECTED} event: the storefront cannot read
 * a reply from a queue it has no rights to. A tenant not added yet ({@code TENANT_NOT_ADDED}) or a failing
 * database requeues the message after {@code fg.bus.retry-delay}.
 */
final class ParcelCommandConsumer implements AutoCloseable {
    static final String REJECTED = "parcel.announcement_rejected";
    private static final Logger LOG = LoggerFactory.getLogger(ParcelCommandConsumer.class);
    private final ParcelService parcels;
    private final MasterDataStore master;
    private final Database db;
    private final EventOutbox outbox;
    private final JsonMapper json;
    private final Runnable afterCommit;
    private final BusCommandQueue queue;

    /** {@code data} of a {@value #REJECTED} event (EVENTS.md section 3). */
    @Serdeable
    record Rejection(@Nullable String messageId, String routingKey, @Nullable Integer index, String code,
            String message, @Nullable String trackingNumber, @Nullable String parcelId, @Nullable String customer) {
    }

    /** @param afterCommit wakes the publisher after rejection events were committed */
    ParcelCommandConsumer(BusConnector bus, ParcelService parcels, MasterDataStore master, Database db,
            EventOutbox outbox, JsonMapper json, CoreMetrics metrics, Runnable afterCommit) {
        this.parcels = parcels;
        this.master = master;
        this.db = db;
        this.outbox = outbox;
        this.json = json;
        this.afterCommit = afterCommit;
        this.queue = new BusCommandQueue(bus, "parcel announcements", bus.config().getParcelsExchange(),
                bus.config().getParcelsQueue(), this::handle, metrics::parcelCommand);
    }

    ParcelCommandConsumer start() {
        queue.start();
        return this;
    }

    private String handle(Envelope envelope, AMQP.BasicProperties props, byte[] body) throws SQLException {
        return handle(envelope.getRoutingKey(), props.getMessageId(), body);
    }

    /** Runs one message; returns "done", "refused" or "invalid", or throws for a requeue. */
    String handle(String routingKey, String messageId, byte[] body) throws SQLException {
        String[] words = routingKey.split("\\.", 3);
        String keyTenant;
        String keyWarehouse;
        try {
            keyTenant = Inputs.code("routing key tenant", words[0].replace("%2E", "."));
            keyWarehouse = Inputs.code("routing key warehouse", words.length < 2 ? null : words[1].replace("%2E", "."));
        } catch (ApiException e) { // nobody to tell: a tenant account's keys always start with its tenant
            LOG.warn("parcel announcement {} dropped: routing key '{}' is not tenant.warehouse.announce: {}",
                    messageId, Inputs.clip(routingKey), e.getMessage());
            return "invalid";
        }
        Rejections rejections = new Rejections(keyTenant, keyWarehouse, routingKey, messageId, body);
        if (words.length < 3 || !words[2].equals("announce")) {
            return rejections.refuse(null, ResultCodes.INVALID, "routing key '" + Inputs.clip(routingKey)
                    + "': the command must be 'announce' (tenant.warehouse.announce)", null, "invalid");
        }
        ParcelInputs.AnnounceBody b;
        List<ParcelService.Announcement> checked;
        try {
            b = Inputs.read(json, body, ParcelInputs.AnnounceBody.class, ParcelInputs.MAX_BODY);
            checked = ParcelInputs.announcements(b);
        } catch (ApiException e) {
            return rejections.refuse(null, e.code(), e.getMessage(), null, "invalid");
        }
        for (int i = 0; i < checked.size(); i++) {
            ParcelService.Announcement a = checked.get(i);
            if (!a.tenant().equals(keyTenant)) {
                return rejections.refuse(b.batch() ? i : null, ResultCodes.TENANT_FORBIDDEN, "tenant '" + a.tenant()
                        + "' of the announcement is not '" + keyTenant + "' of the routing key '" + routingKey
                        + "'; nothing of the message was stored", a, "invalid");
            }
            if (!a.warehouse().equals(keyWarehouse)) {
                return rejections.refuse(b.batch() ? i : null, ResultCodes.INVALID, ParcelInputs.warehouseField(b, i)
                        + ": '" + a.warehouse() + "' is not '" + keyWarehouse + "' of the routing key '" + routingKey
                        + "'; nothing of the message was stored", a, "invalid");
            }
        }
        for (int i = 0; i < checked.size(); i++) {
            try {
                ParcelInputs.requireWarehouse(master, ParcelInputs.warehouseField(b, i), checked.get(i));
            } catch (ApiException e) {
                if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                    // TENANT_NOT_ADDED: master data is read on the tenant's own connection, so a tenant not added
                    // yet cannot be checked; requeued like the announcement itself below, it goes once added
                    throw new IllegalStateException(e.getMessage(), e);
                }
                return rejections.refuse(b.batch() ? i : null, e.code(), e.getMessage()
                        + "; nothing of the message was stored", checked.get(i), "refused");
            }
        }
        for (int i = 0; i < checked.size(); i++) { // each in its own transaction, as over HTTP
            ParcelService.Announced done;
            try {
                done = parcels.announce(checked.get(i));
            } catch (ApiException e) {
                if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) { // TENANT_NOT_ADDED: central IT adds it, then it goes
                    throw new IllegalStateException(e.getMessage(), e);
                }
                throw e;
            }
            if (done.outcome().equals("CONFLICT")) {
                rejections.add(b.batch() ? i : null, "CUSTOMER_CONFLICT", done.message(), checked.get(i), done.parcel());
            }
        }
        return rejections.commit("refused", "done");
    }

    /** The {@value #REJECTED} events of one message, to the tenant and warehouse of its routing key. */
    private final class Rejections {
        private final String tenant;
        private final String warehouse;
        private final String routingKey;
        private final String messageId;
        private final String messageKey;
        private final List<EventOutbox.Event> events = new ArrayList<>();

        Rejections(String tenant, String warehouse, String routingKey, String messageId, byte[] body) {
            this.tenant = tenant;
            this.warehouse = warehouse;
            this.routingKey = routingKey;
            this.messageId = messageId;
            // the event id must be the same on a redelivery: the message id, or (none sent) the message's digest
            this.messageKey = messageId != null ? "id:" + messageId : "sha256:" + sha256(routingKey, body);
        }

        void add(Integer index, String code, String message, ParcelService.Announcement a, ParcelView holder) {
            LOG.warn("parcel announcement {} (routing key '{}'{}) refused: {} {}", messageId, routingKey,
                    index == null ? "" : ", item " + index, code, message);
            // the storefront reads it: the HTTP error body's rule, no internals (a parser's class names, SQL words)
            String shown = ClientMessages.safe(message, "the announcement could not be read; the core's log has "
                    + "message " + messageId);
            Rejection r = new Rejection(messageId, routingKey, index, code, shown,
                    a == null ? null : a.tracking().raw(), holder == null ? null : holder.parcelId(),
                    holder == null ? null : holder.customer());
            String name = REJECTED + "\n" + tenant + "\n" + messageKey + "\n" + (index == null ? "" : index);
            String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
            try {
                events.add(new EventOutbox.Event(id, tenant, warehouse, REJECTED, json.writeValueAsString(r)));
            } catch (IOException e) {
                throw new IllegalStateException("writing a " + REJECTED + " event as JSON failed: " + e.getMessage(), e);
            }
        }

        String refuse(Integer index, String code, String message, ParcelService.Announcement a, String outcome)
                throws SQLException {
            add(index, code, message, a, null);
            return commit(outcome, outcome);
        }

        /** Writes the events (if any) into the outbox; a failing database throws, so the message is requeued. */
        String commit(String withEvents, String without) throws SQLException {
            if (events.isEmpty()) {
                return without;
            }
            try (Connection c = db.connection()) {
                Transactions.run(c, tx -> {
                    outbox.add(tx, events);
                    return null;
                });
            }
            afterCommit.run();
            return withEvents;
        }
    }

    private static String sha256(String routingKey, byte[] body) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(routingKey.getBytes(StandardCharsets.UTF_8));
            d.update((byte) '\n');
            return HexFormat.of().formatHex(d.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public void close() {
        queue.close();
    }
}
