package dev.floorgate.gateway.internal.events;

import dev.floorgate.gateway.internal.MemoryGuard;
import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.lan.LanJson;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * {@code GET /api/v1/events}: server-sent events filtered to the caller's tenant (a device) or everything (the
 * admin token). A device gets the tenant's events that are aimed at no device in particular plus its own (the
 * results and rejections of the operations it made); {@code ?scope=tenant} asks for every event of the tenant,
 * for a supervisor's screen. Sending every picker every other picker's results would grow with the square of
 * the fleet (measured: 300 PDAs on one tenant fell from 380 to 40 operations per second). Honours
 * {@code Last-Event-ID}. A comment line every 15 s keeps Wi-Fi NATs and proxies from closing an idle stream.
 *
 * <p>Each stream is registered with its owner (the device, or the site IT session and user), so revocation,
 * re-enrollment, sign-out and a password change end it at once (EventHub implements AccessEndedListener). The
 * caller is checked again after registering: a revocation that committed between the first check and the
 * registration would otherwise leave a stream its close hook never saw. When the hub ends a stream the HTTP
 * response ends too (the keep-alive ticks stop with it).
 */
@Controller("/api/v1/events")
final class EventsController {
    /** The data of a keep-alive frame, as it was when frames were written from maps. */
    private static final String EMPTY_OBJECT = "{}";
    private final EventHub hub;
    private final RequestAuth auth;
    private final MemoryGuard memory;

    EventsController(EventHub hub, RequestAuth auth, MemoryGuard memory) {
        this.hub = hub;
        this.auth = auth;
        this.memory = memory;
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<String>> events(HttpRequest<?> request) {
        long lastEventId = parseLastEventId(request.getHeaders().get("Last-Event-ID"));
        memory.require("a new event stream");
        Flux<GatewayEvent> events;
        if (auth.isAdmin(request)) {
            Optional<Map.Entry<String, String>> session = auth.adminSession(request);
            StreamOwner owner = session.map(s -> StreamOwner.adminSession(s.getKey(), s.getValue()))
                    .orElse(StreamOwner.ADMIN_TOKEN);
            events = hub.subscribe(lastEventId, e -> true, owner);
            if (session.isPresent() && auth.adminSession(request).isEmpty()) {
                hub.adminSessionEnded(session.get().getKey()); // signed out while the stream opened
            }
        } else {
            DevicePrincipal device = auth.device(request);
            boolean wholeTenant = "tenant".equals(request.getParameters().get("scope"));
            events = hub.subscribeDevice(lastEventId, device.tenant(), wholeTenant ? null : device.deviceId(),
                    StreamOwner.device(device.deviceId()));
            if (!stillValid(request, device)) {
                hub.deviceAccessEnded(device.deviceId()); // revoked while the stream opened
            }
        }
        Sinks.Empty<Void> ended = Sinks.empty();
        Flux<Event<String>> data = events.map(EventsController::toSse)
                .doFinally(signal -> ended.tryEmitEmpty());
        Flux<Event<String>> keepAlive = Flux.interval(Duration.ofSeconds(15))
                .map(i -> Event.of(EMPTY_OBJECT).comment("keep-alive"))
                .takeUntilOther(ended.asMono());
        return Flux.merge(data, keepAlive);
    }

    private boolean stillValid(HttpRequest<?> request, DevicePrincipal device) {
        try {
            return auth.device(request).deviceId().equals(device.deviceId());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** One frame: id and event lines from the event, its data line the event as LanJson writes it. */
    static Event<String> toSse(GatewayEvent e) {
        return Event.of(LanJson.write(e)).id(Long.toString(e.id())).name(e.type());
    }

    private static long parseLastEventId(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
