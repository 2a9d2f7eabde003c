package dev.floorgate.sync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.floorgate.protocol.Backoff;
import dev.floorgate.sync.internal.JsonTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link ParcelBook} in step with the core (CORE-API.md "Parcels (issue 17)"): pulls the parcel feed
 * ({@code GET /v1/parcels/changes}) of every (tenant, warehouse) the gateway serves into the offline cache, and sends
 * the intakes scanned here ({@code POST /v1/parcels/intake}) in scan order, each with its opId, until the core has
 * answered each, and with {@link #packing} the shipments packed here ({@code POST /v1/shipments}, exactly once by
 * opId: {@code ShipmentSender}). One background thread; woken by every new intake or shipment, otherwise every
 * poll interval.
 *
 * <p>What each answer means: 200 stores RECEIVED or NO_OWNER with the parcel as the core has it; 400, 409 and 422
 * are final (ALREADY_RECEIVED, OP_ID_REUSED, INVALID: a resend cannot change them) and store REFUSED with the code
 * and message for site IT; anything else (no answer, 401/403 a key problem, 404 a core without the route, 429 and
 * 5xx) stops the round and the next one tries again after a back-off (Retry-After honoured). Intakes behind a
 * refused one go on: one bad scan does not hold up a station.
 */
public final class ParcelSync implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ParcelSync.class);
    static final String CHANGES = "/v1/parcels/changes";
    static final String INTAKE = "/v1/parcels/intake";
    private static final int PAGE = 500;
    private static final int MAX_PAGES_PER_ROUND = 200;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** A feed to keep: one tenant's parcels at one warehouse. */
    public record Feed(String tenant, String warehouse) {
        public Feed {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(warehouse, "warehouse");
        }
    }

    private final ParcelBook book;
    private final CoreClient client;
    private final Supplier<Set<Feed>> feeds;
    private final String gatewayId;
    private final long pollMillis;
    private final Backoff backoff;
    private final Object monitor = new Object();
    private volatile ShipmentSender shipments;
    private volatile boolean running;
    private volatile String lastError;
    private volatile long sent;
    private boolean wake;
    private Thread thread;

    ParcelSync(ParcelBook book, CoreClient client, Supplier<Set<Feed>> feeds, String gatewayId, SyncOptions options) {
        this.book = Objects.requireNonNull(book, "book");
        this.client = Objects.requireNonNull(client, "client");
        this.feeds = Objects.requireNonNull(feeds, "feeds");
        this.gatewayId = gatewayId;
        this.pollMillis = options.pollInterval().toMillis();
        this.backoff = Backoff.between(options.backoffMin(), options.backoffMax());
    }

    /**
     * A sync for {@code book} that talks to the core as the sync engine does ({@code sync}'s core URL(s), key,
     * secret, timeouts, TLS). {@code feeds} is asked each round (the tenants and warehouses of the enrolled
     * stations change); {@code gatewayId} goes with every intake.
     */
    public static ParcelSync create(ParcelBook book, SyncOptions sync, Supplier<Set<Feed>> feeds, String gatewayId)
            throws IOException {
        if (sync.coreUrl() == null) {
            throw new IllegalArgumentException("parcel sync needs a core URL in the sync options");
        }
        CoreClient client = CoreClient.forSync(sync);
        return new ParcelSync(book, client, feeds, gatewayId, sync);
    }

    /**
     * Sends {@code packing}'s shipments too (after the intakes, before the feeds, in every round); call before
     * {@link #start}. Returns this.
     */
    public ParcelSync packing(PackingBook packing) {
        this.shipments = new ShipmentSender(packing, client, gatewayId);
        return this;
    }

    /** Starts the background loop (one daemon thread); call once. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("parcel sync already started");
        }
        running = true;
        book.addIntakeListener(this::syncNow);
        thread = new Thread(this::loop, "floorgate-parcel-sync");
        thread.setDaemon(true);
        thread.start();
    }

    /** Wakes the loop now; a back-off is cut short. */
    public void syncNow() {
        synchronized (monitor) {
            wake = true;
            monitor.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            long sleep = pollMillis;
            try {
                round();
                backoff.reset();
            } catch (CoreRefusal e) {
                sleep = backoff.next(e.retryAfter);
                log.warn("parcel sync: {}; next try in {} ms", e.getMessage(), sleep);
            } catch (IOException | RuntimeException e) {
                sleep = backoff.next();
                log.warn("parcel sync: {}; next try in {} ms", e.toString(), sleep);
            }
            synchronized (monitor) {
                if (!wake && running) {
                    try {
                        monitor.wait(Math.max(1, sleep));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                wake = false;
            }
        }
    }

    /**
     * One round on the caller's thread: the pending intakes first (a station waits for them), then every feed until
     * caught up. Throws where the round stopped; what was stored so far stays ({@link #lastError()}).
     */
    public synchronized void round() throws IOException {
        try {
            sendPending();
            ShipmentSender s = shipments;
            if (s != null) {
                s.sendPending();
            }
            for (Feed f : feeds.get()) {
                pull(f);
            }
            lastError = null;
        } catch (IOException | RuntimeException e) {
            lastError = e.getMessage();
            throw e;
        }
    }

    /** Sends the pending intakes in scan order; returns how many the core answered. */
    int sendPending() throws IOException {
        int answered = 0;
        while (true) {
            List<ParcelIntake> batch = book.pending(50);
            if (batch.isEmpty()) {
                return answered;
            }
            for (ParcelIntake i : batch) {
                send(i);
                answered++;
            }
        }
    }

    private void send(ParcelIntake i) throws IOException {
        CoreClient.Answer a = client.call("POST", INTAKE, intakeBody(i), false);
        if (a.status == 200) {
            String result = JsonTree.string(a.json, "result");
            IntakeState state = "NO_OWNER".equals(result) ? IntakeState.NO_OWNER : IntakeState.RECEIVED;
            ParcelRecord parcel = a.json.get("parcel") instanceof Map<?, ?> m ? parcel(m) : null;
            book.answered(i, state, parcel, null);
            sent++;
            if (state == IntakeState.NO_OWNER) {
                log.info("parcel intake {} ({} at {}): nobody announced it; parcel {} is on the no-owner shelf",
                        i.opId(), i.trackingKey(), i.location(), parcel == null ? "?" : parcel.parcelId());
            }
            return;
        }
        if (a.status == 400 || a.status == 409 || a.status == 422) {
            String code = a.error == null ? "HTTP_" + a.status : a.error;
            log.error("parcel intake {} ({} at {}, station {}) REFUSED by the core: {}", i.opId(), i.trackingKey(),
                    i.location(), i.station(), a);
            book.answered(i, IntakeState.REFUSED, null, code + (a.message == null ? "" : ": " + a.message));
            sent++;
            return;
        }
        throw CoreRefusal.of(a, "intake " + i.opId());
    }

    private void pull(Feed f) throws IOException {
        for (int page = 0; page < MAX_PAGES_PER_ROUND; page++) {
            String after = book.cursor(f.tenant(), f.warehouse());
            String path = CHANGES + "?tenant=" + enc(f.tenant()) + "&warehouse=" + enc(f.warehouse()) + "&limit="
                    + PAGE + (after == null ? "" : "&after=" + enc(after));
            CoreClient.Answer a = client.call("GET", path, null, false);
            if (a.status != 200) {
                throw CoreRefusal.of(a, "GET " + CHANGES + " of " + f.tenant() + "/" + f.warehouse());
            }
            List<ParcelBook.FeedParcel> items = new ArrayList<>();
            if (a.json.get("items") instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m) {
                        ParcelRecord p = parcel(m);
                        if (p != null) {
                            items.add(new ParcelBook.FeedParcel(p, JsonTree.integer(m, "seq", -1)));
                        }
                    }
                }
            }
            String next = JsonTree.string(a.json, "next");
            if (next == null) {
                throw new IOException("core's parcel feed page for " + f.tenant() + "/" + f.warehouse()
                        + " has no 'next' cursor");
            }
            book.applyPage(f.tenant(), f.warehouse(), items, next);
            if (items.size() < PAGE || next.equals(after)) {
                return;
            }
        }
    }

    private static ParcelRecord parcel(Map<?, ?> m) {
        String tenant = JsonTree.string(m, "tenant");
        String key = JsonTree.string(m, "trackingKey");
        String id = JsonTree.string(m, "parcelId");
        String state = JsonTree.string(m, "state");
        if (tenant == null || key == null || id == null || state == null) {
            log.warn("parcel feed item without tenant, trackingKey, parcelId or state skipped: {}", m.keySet());
            return null;
        }
        return new ParcelRecord(tenant, JsonTree.string(m, "warehouse"), key, id, JsonTree.string(m, "carrier"),
                state, JsonTree.string(m, "customer"), JsonTree.string(m, "customerName"),
                JsonTree.string(m, "location"));
    }

    private byte[] intakeBody(ParcelIntake i) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("tenant", i.tenant());
            g.writeStringField("warehouse", i.warehouse());
            g.writeStringField("trackingKey", i.trackingKey());
            g.writeStringField("location", i.location());
            g.writeStringField("opId", i.opId());
            if (gatewayId != null) {
                g.writeStringField("gateway", gatewayId);
            }
            if (i.station() != null) {
                g.writeStringField("station", i.station());
            }
            g.writeStringField("at", i.scannedAt().toString());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The last round's failure; null after a round that finished. */
    public String lastError() {
        return lastError;
    }

    /** Intakes the core answered through this sync (stored as answered). */
    public long answered() {
        return sent;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        syncNow();
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
