package dev.floorgate.gateway.internal.events;

import dev.floorgate.lan.DeviceEvent;
import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.lan.PrintJobEvent;
import dev.floorgate.lan.StationEvent;
import dev.floorgate.protocol.OperationResult;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Fans gateway events (the LAN API's {@link GatewayEvent}, written to the stream by {@code LanJson}) out to server-sent-event subscribers, each filtered to what its caller may see. Keeps the
 * last {@link #REPLAY_CAPACITY} events in memory so a PDA that lost Wi-Fi for a moment and reconnects with
 * {@code Last-Event-ID} gets what it missed. (A result is also kept durably with its operation in the outbox:
 * this replay buffer is a convenience, not the record.)
 *
 * <p>Each subscriber has its own bounded queue. Registration and publishing happen under one lock, so a new
 * subscriber gets the replayed events and then every later one, none twice and none lost. A subscriber that
 * falls {@link #SUBSCRIBER_BUFFER} events behind is completed; it reconnects with its Last-Event-ID and replays.
 */
public final class EventHub {
    /** Events kept for reconnecting subscribers. */
    public static final int REPLAY_CAPACITY = 2048;
    /** Events queued per slow subscriber before it is cut off. */
    static final int SUBSCRIBER_BUFFER = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    /** The data each event type carries (lan-api's GatewayEvent documents the same). */
    private static final Map<String, Class<?>> DATA_TYPES = Map.of(GatewayEvent.OP_RESULT, OperationResult.class,
            GatewayEvent.OP_REJECTED, OperationResult.class, GatewayEvent.PRINT_JOB, PrintJobEvent.class,
            GatewayEvent.DEVICE, DeviceEvent.class, GatewayEvent.STATION, StationEvent.class);

    private final Object lock = new Object();
    private long lastId;
    private final Deque<GatewayEvent> recent = new ArrayDeque<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    private static final class Subscriber {
        final Sinks.Many<GatewayEvent> sink =
                Sinks.many().unicast().onBackpressureBuffer(Queues.<GatewayEvent>get(SUBSCRIBER_BUFFER).get());
        final Predicate<GatewayEvent> visible;

        Subscriber(Predicate<GatewayEvent> visible) {
            this.visible = visible;
        }
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
            for (Subscriber s : subscribers) {
                if (s.visible.test(event) && s.sink.tryEmitNext(event).isFailure()) {
                    LOG.info("event subscriber fell {} events behind; closing it (it will reconnect)",
                            SUBSCRIBER_BUFFER);
                    subscribers.remove(s);
                    s.sink.tryEmitComplete();
                }
            }
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

    /** Events after {@code lastEventId} (replayed from memory) followed by live ones, filtered by {@code visible}. */
    public Flux<GatewayEvent> subscribe(long lastEventId, Predicate<GatewayEvent> visible) {
        Subscriber s = new Subscriber(visible);
        synchronized (lock) {
            if (lastEventId > 0) {
                for (GatewayEvent e : recent) {
                    if (e.id() > lastEventId && visible.test(e)) {
                        s.sink.tryEmitNext(e);
                    }
                }
            }
            subscribers.add(s);
        }
        return s.sink.asFlux().doFinally(signal -> subscribers.remove(s));
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
