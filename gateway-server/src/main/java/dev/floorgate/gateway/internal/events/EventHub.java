package dev.floorgate.gateway.internal.events;

import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import dev.floorgate.gateway.internal.access.AccessEndedListener;
import dev.floorgate.lan.DeviceEvent;
import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.lan.PrintJobEvent;
import dev.floorgate.lan.StationEvent;
import dev.floorgate.protocol.OperationResult;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Fans gateway events (the LAN API's {@link GatewayEvent}, written to the stream by {@code LanJson}) out to
 * server-sent-event subscribers, each filtered to what its caller may see. Keeps the last {@link #REPLAY_CAPACITY} events in memory so a PDA that lost Wi-Fi for a moment and reconnects with
 * {@code Last-Event-ID} gets what it missed. (A result is also kept durably with its operation in the outbox:
 * this replay buffer is a convenience, not the record.)
 *
 * <p>Each subscriber has its own bounded queue. Registration and publishing happen under one lock, so a new
 * subscriber gets the replayed events and then every later one, none twice and none lost. A subscriber that
 * falls {@link #SUBSCRIBER_BUFFER} events behind is completed; it reconnects with its Last-Event-ID and replays.
 *
 * <p>Subscribers are indexed by who they are, so a publish looks only at those that may want the event: a device
 * subscriber ({@link #subscribeDevice}) under its device id and its tenant, a whole-tenant one under its tenant,
 * and only the rest (admins, the rejection log) are tested one by one. An operation's result for one PDA of 300
 * used to test 300 filters under the lock; it now looks at that PDA's subscriber(s) and the few admin ones.
 * Buckets are copy-on-write and the maps concurrent: an emit may complete a subscriber, which unsubscribes it on
 * the same thread while the publish iterates.
 *
 * <p>Each subscriber also has an owner ({@link StreamOwner}). When a principal's access ends (AccessEndedListener:
 * a device revoked or re-enrolled, a site IT session signed out, a user's password changed) its streams are
 * completed under the lock, and events still queued for them are dropped, so nothing of the tenant reaches them
 * afterwards (issue 22 finding 2). A device holds at most {@code maxPerDevice} streams (its oldest is closed for a
 * new one) and callers at most {@code maxTotal} in all (a new one is refused with BUSY).
 */
public final class EventHub implements AccessEndedListener {
    /** Events kept for reconnecting subscribers. */
    public static final int REPLAY_CAPACITY = 2048;
    /** Events queued per slow subscriber before it is cut off. */
    static final int SUBSCRIBER_BUFFER = 1024;
    /** Default of {@code fg.limits.streams-per-device}. */
    public static final int DEFAULT_STREAMS_PER_DEVICE = 4;
    /** Default of {@code fg.limits.streams-total}. */
    public static final int DEFAULT_STREAMS_TOTAL = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    /** The data each event type carries (lan-api's GatewayEvent documents the same). */
    private static final Map<String, Class<?>> DATA_TYPES = Map.of(GatewayEvent.OP_RESULT, OperationResult.class,
            GatewayEvent.OP_REJECTED, OperationResult.class, GatewayEvent.PRINT_JOB, PrintJobEvent.class,
            GatewayEvent.DEVICE, DeviceEvent.class, GatewayEvent.STATION, StationEvent.class);

    private final Object lock = new Object();
    private long lastId;
    private final Deque<GatewayEvent> recent = new ArrayDeque<>();
    /** Subscribers with their own filter, tested for every event. */
    private final List<Subscriber> filtered = new CopyOnWriteArrayList<>();
    /** Device subscribers by device id, for events aimed at one device. */
    private final Map<String, List<Subscriber>> byDevice = new ConcurrentHashMap<>();
    /** Device subscribers by tenant, for a tenant's events aimed at no device. */
    private final Map<String, List<Subscriber>> devicesByTenant = new ConcurrentHashMap<>();
    /** Whole-tenant subscribers ({@code ?scope=tenant}) by tenant. */
    private final Map<String, List<Subscriber>> wholeTenant = new ConcurrentHashMap<>();
    /** Subscribers looked at by the last publish (for tests of the index). */
    private int lastExamined;
    /** Every open subscriber, oldest first: for the limits and for closing a principal's streams. */
    private final LinkedHashSet<Subscriber> open = new LinkedHashSet<>();
    private final int maxPerDevice;
    private final int maxTotal;

    private static final class Subscriber {
        final Sinks.Many<GatewayEvent> sink =
                Sinks.many().unicast().onBackpressureBuffer(Queues.<GatewayEvent>get(SUBSCRIBER_BUFFER).get());
        final Predicate<GatewayEvent> visible;
        /** Null for a filtered subscriber. */
        final String tenant;
        /** Null for a filtered or whole-tenant subscriber. */
        final String deviceId;
        final StreamOwner owner;
        /** Set under the lock when the owner's access ends: events still queued are dropped, not delivered. */
        volatile boolean closed;

        Subscriber(Predicate<GatewayEvent> visible, String tenant, String deviceId, StreamOwner owner) {
            this.visible = visible;
            this.tenant = tenant;
            this.deviceId = deviceId;
            this.owner = owner;
        }
    }

    /** With the default limits (4 streams per device, 1000 in all). */
    public EventHub() {
        this(DEFAULT_STREAMS_PER_DEVICE, DEFAULT_STREAMS_TOTAL);
    }

    /**
     * @param maxPerDevice open streams one device may hold; its oldest is closed for a new one (a PDA that roamed
     *                     opens a new stream before the gateway notices the old one died)
     * @param maxTotal     open streams of the whole gateway; a new one beyond it is refused with BUSY (503)
     */
    public EventHub(int maxPerDevice, int maxTotal) {
        if (maxPerDevice < 1 || maxTotal < 1) {
            throw new IllegalArgumentException("event stream limits must be at least 1, got " + maxPerDevice
                    + " per device and " + maxTotal + " in all");
        }
        this.maxPerDevice = maxPerDevice;
        this.maxTotal = maxTotal;
    }

    /**
     * Publishes an event; never blocks and never throws for slow or gone subscribers.
     *
     * @param tenant   null for a site-wide event (devices, printers): seen by admins and every tenant's devices
     * @param deviceId the device the event is aimed at (its own results and rejections), or null
     * @param data     typed by {@code type} as the LAN API's {@link GatewayEvent} says: an {@code OperationResult}
     *                 (op.result, op.rejected), a {@code PrintJobEvent}, {@code DeviceEvent} or {@code StationEvent}
     */
    public GatewayEvent publish(String type, String tenant, String deviceId, Object data) {
        requireTyped(type, data);
        synchronized (lock) {
            GatewayEvent event = new GatewayEvent(++lastId, type, tenant, deviceId, Instant.now().toString(), data);
            recent.addLast(event);
            if (recent.size() > REPLAY_CAPACITY) {
                recent.removeFirst();
            }
            int examined = 0;
            for (Subscriber s : filtered) {
                examined += offer(s, event);
            }
            if (event.tenant() != null) {
                examined += offerAll(wholeTenant.get(event.tenant()), event);
            } else {
                for (List<Subscriber> bucket : wholeTenant.values()) {
                    examined += offerAll(bucket, event);
                }
            }
            if (event.deviceId() != null) {
                examined += offerAll(byDevice.get(event.deviceId()), event);
            } else if (event.tenant() != null) {
                examined += offerAll(devicesByTenant.get(event.tenant()), event);
            } else {
                for (List<Subscriber> bucket : devicesByTenant.values()) {
                    examined += offerAll(bucket, event);
                }
            }
            lastExamined = examined;
            return event;
        }
    }

    /**
     * The gateway sends only typed event data (the PDA client reads a map only for types it does not know yet): a
     * map published for a known type would reach the picker and the rejection log as nothing, so it is misuse.
     */
    private static void requireTyped(String type, Object data) {
        Class<?> expected = DATA_TYPES.get(type);
        if (expected == null) {
            throw new IllegalStateException("unknown event type '" + type + "'; known: " + DATA_TYPES.keySet());
        }
        if (!expected.isInstance(data)) {
            throw new IllegalStateException("a '" + type + "' event carries a " + expected.getSimpleName() + ", got "
                    + (data == null ? "null" : data.getClass().getSimpleName()));
        }
    }

    private int offerAll(List<Subscriber> bucket, GatewayEvent event) {
        if (bucket == null) {
            return 0;
        }
        for (Subscriber s : bucket) {
            offer(s, event);
        }
        return bucket.size();
    }

    /** Emits to one subscriber if it may see the event; cuts it off when it fell too far behind. Under the lock. */
    private int offer(Subscriber s, GatewayEvent event) {
        if (s.visible.test(event) && s.sink.tryEmitNext(event).isFailure()) {
            LOG.info("event subscriber fell {} events behind; closing it (it will reconnect)", SUBSCRIBER_BUFFER);
            remove(s);
            s.sink.tryEmitComplete();
        }
        return 1;
    }

    /** Events after {@code lastEventId} (replayed from memory) followed by live ones, filtered by {@code visible}. */
    public Flux<GatewayEvent> subscribe(long lastEventId, Predicate<GatewayEvent> visible) {
        return subscribe(lastEventId, visible, StreamOwner.INTERNAL);
    }

    /** As {@link #subscribe(long, Predicate)} for a stream held by {@code owner} (closed when its access ends). */
    public Flux<GatewayEvent> subscribe(long lastEventId, Predicate<GatewayEvent> visible, StreamOwner owner) {
        return register(lastEventId, new Subscriber(visible, null, null, owner));
    }

    /**
     * A device's events: its tenant's (and site-wide) events aimed at no device in particular, plus those aimed at
     * {@code deviceId}; with {@code deviceId} null, every event of the tenant (a supervisor's screen).
     */
    public Flux<GatewayEvent> subscribeDevice(long lastEventId, String tenant, String deviceId) {
        return subscribeDevice(lastEventId, tenant, deviceId, StreamOwner.INTERNAL);
    }

    /**
     * As {@link #subscribeDevice(long, String, String)} for a stream held by {@code owner}: a device's stream counts
     * toward {@code fg.limits.streams-per-device} and closes when the device is revoked or re-enrolled.
     */
    public Flux<GatewayEvent> subscribeDevice(long lastEventId, String tenant, String deviceId, StreamOwner owner) {
        if (tenant == null) {
            throw new IllegalArgumentException("a device subscriber needs its tenant");
        }
        Predicate<GatewayEvent> visible = e -> visibleTo(e, tenant)
                && (deviceId == null || e.deviceId() == null || e.deviceId().equals(deviceId));
        return register(lastEventId, new Subscriber(visible, tenant, deviceId, owner));
    }

    private Flux<GatewayEvent> register(long lastEventId, Subscriber s) {
        synchronized (lock) {
            int clients = clientStreams();
            if (s.owner.client() && clients >= maxTotal) {
                throw new GatewayProblem(ProblemCode.BUSY, "the gateway holds " + clients + " event streams, "
                        + "its limit fg.limits.streams-total is " + maxTotal + "; try again later");
            }
            if (s.owner.deviceId() != null) {
                List<Subscriber> same = new ArrayList<>();
                for (Subscriber o : open) {
                    if (s.owner.deviceId().equals(o.owner.deviceId())) {
                        same.add(o);
                    }
                }
                for (int i = 0; i <= same.size() - maxPerDevice; i++) {
                    LOG.info("device {} opened more than {} event streams (fg.limits.streams-per-device); closing "
                            + "its oldest", s.owner.deviceId(), maxPerDevice);
                    close(same.get(i));
                }
            }
            open.add(s);
            if (lastEventId > 0) {
                for (GatewayEvent e : recent) {
                    if (e.id() > lastEventId && s.visible.test(e)) {
                        s.sink.tryEmitNext(e);
                    }
                }
            }
            if (s.tenant == null) {
                filtered.add(s);
            } else if (s.deviceId == null) {
                wholeTenant.computeIfAbsent(s.tenant, t -> new CopyOnWriteArrayList<>()).add(s);
            } else {
                byDevice.computeIfAbsent(s.deviceId, d -> new CopyOnWriteArrayList<>()).add(s);
                devicesByTenant.computeIfAbsent(s.tenant, t -> new CopyOnWriteArrayList<>()).add(s);
            }
        }
        return s.sink.asFlux().filter(e -> !s.closed).doFinally(signal -> remove(s));
    }

    @Override
    public void deviceAccessEnded(String deviceId) {
        closeWhere(o -> deviceId.equals(o.deviceId()), "device " + deviceId + " was revoked or re-enrolled");
    }

    @Override
    public void adminSessionEnded(String sessionToken) {
        String hash = StreamOwner.hashSession(sessionToken);
        closeWhere(o -> hash.equals(o.sessionHash()), "a site IT session signed out");
    }

    @Override
    public void adminUserSessionsEnded(String username) {
        closeWhere(o -> username.equals(o.adminUser()), "site IT user " + username + " changed the password");
    }

    /** Open streams of callers (devices, site IT), not the gateway's own subscribers. */
    public int openStreams() {
        synchronized (lock) {
            return clientStreams();
        }
    }

    private int clientStreams() {
        int n = 0;
        for (Subscriber s : open) {
            n += s.owner.client() ? 1 : 0;
        }
        return n;
    }

    private void closeWhere(Predicate<StreamOwner> owned, String why) {
        int closed = 0;
        synchronized (lock) {
            for (Subscriber s : new ArrayList<>(open)) {
                if (owned.test(s.owner)) {
                    close(s);
                    closed++;
                }
            }
        }
        if (closed > 0) {
            LOG.info("closed {} event stream(s): {}", closed, why);
        }
    }

    /** Ends one stream now: nothing queued or later reaches it. Under the lock, so no publish races the complete. */
    private void close(Subscriber s) {
        s.closed = true;
        remove(s);
        s.sink.tryEmitComplete();
    }

    private void remove(Subscriber s) {
        synchronized (lock) {
            open.remove(s);
            if (s.tenant == null) {
                filtered.remove(s);
            } else if (s.deviceId == null) {
                removeFrom(wholeTenant, s.tenant, s);
            } else {
                removeFrom(byDevice, s.deviceId, s);
                removeFrom(devicesByTenant, s.tenant, s);
            }
        }
    }

    private static void removeFrom(Map<String, List<Subscriber>> index, String key, Subscriber s) {
        List<Subscriber> bucket = index.get(key);
        if (bucket != null) {
            bucket.remove(s); // an empty bucket stays (one per device ever subscribed): a publish may be iterating
        }
    }

    /** How many subscribers the last publish looked at. */
    int lastExamined() {
        synchronized (lock) {
            return lastExamined;
        }
    }

    /**
     * Whether a device of {@code callerTenant} may see {@code event}: its tenant's events and the site-wide ones
     * (tenant null).
     */
    public static boolean visibleTo(GatewayEvent event, String callerTenant) {
        return event.tenant() == null || event.tenant().equals(callerTenant);
    }

    /** The most recent events visible to a predicate, newest last (for pages and tests). */
    public List<GatewayEvent> recent(Predicate<GatewayEvent> visible, int max) {
        List<GatewayEvent> out = new ArrayList<>();
        synchronized (lock) {
            for (GatewayEvent e : recent) {
                if (visible.test(e)) {
                    out.add(e);
                }
            }
        }
        return out.size() <= max ? new ArrayList<>(out) : new ArrayList<>(out.subList(out.size() - max, out.size()));
    }
}
