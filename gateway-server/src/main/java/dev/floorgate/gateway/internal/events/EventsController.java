package dev.floorgate.gateway.internal.events;

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
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * {@code GET /api/v1/events}: server-sent events filtered to the caller's tenant (a device) or everything (the
 * admin token). A device gets the tenant's events that are aimed at no device in particular plus its own (the
 * results and rejections of the operations it made); {@code ?scope=tenant} asks for every event of the tenant,
 * for a supervisor's screen. Sending every picker every other picker's results would grow with the square of
 * the fleet (measured: 300 PDAs on one tenant fell from 380 to 40 operations per second). Honours
 * {@code Last-Event-ID}. A comment line every 15 s keeps Wi-Fi NATs and proxies from closing an idle stream.
 */
@Controller("/api/v1/events")
final class EventsController {
    /** The data of a keep-alive frame, as it was when frames were written from maps. */
    private static final String EMPTY_OBJECT = "{}";
    private final EventHub hub;
    private final RequestAuth auth;

    EventsController(EventHub hub, RequestAuth auth) {
        this.hub = hub;
        this.auth = auth;
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<String>> events(HttpRequest<?> request) {
        long lastEventId = parseLastEventId(request.getHeaders().get("Last-Event-ID"));
        Flux<GatewayEvent> events;
        if (auth.isAdmin(request)) {
            events = hub.subscribe(lastEventId, e -> true);
        } else {
            DevicePrincipal device = auth.device(request);
            boolean wholeTenant = "tenant".equals(request.getParameters().get("scope"));
            events = hub.subscribeDevice(lastEventId, device.tenant(), wholeTenant ? null : device.deviceId());
        }
        Flux<Event<String>> data = events.map(EventsController::toSse);
        Flux<Event<String>> keepAlive = Flux.interval(Duration.ofSeconds(15))
                .map(i -> Event.of(EMPTY_OBJECT).comment("keep-alive"));
        return Flux.merge(data, keepAlive);
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
