package dev.floorgate.core.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The unsigned operational endpoints: {@code /health}, {@code /metrics} (Prometheus text), {@code /openapi.yml}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class ServiceController {
    /** Where micronaut-openapi writes the document it generates from the controllers at compile time. */
    static final String OPENAPI_RESOURCE = "META-INF/swagger/floorgate-inventory-core-1.0.yml";
    private final LoadShedder shedder;
    private final CoreMetrics metrics;
    private final RedisConnector redis;
    private final EventPublisher publisher;
    private final byte[] openApi;

    ServiceController(LoadShedder shedder, CoreMetrics metrics, RedisConnector redis,
            @Nullable EventPublisher publisher) {
        this.shedder = shedder;
        this.metrics = metrics;
        this.redis = redis;
        this.publisher = publisher;
        try (InputStream in = ServiceController.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the generated OpenAPI document " + OPENAPI_RESOURCE
                        + " is missing; was micronaut-openapi on the annotation processor path?");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + OPENAPI_RESOURCE + " failed", e);
        }
    }

    /** One store's state. */
    @Serdeable
    record StoreHealth(String status, String mode, long latencyMs, String error) {
    }

    /**
     * RabbitMQ as the event publisher sees it (UP, DOWN, or STANDBY when another instance publishes);
     * {@code backlog}: events in the outbox not yet confirmed.
     */
    @Serdeable
    record BusHealth(String status, long backlog, @Nullable String error) {
    }

    /** The body of GET /health; {@code rabbitmq} is null when no bus is configured. */
    @Serdeable
    record Health(String status, StoreHealth redis, StoreHealth mysql, long writeBackLag,
            @Nullable BusHealth rabbitmq) {
    }

    /** A probe's error in our words: the driver's text (class names, hosts) stays in the log (LoadShedder). */
    private static String publicError(String error) {
        return error == null ? null : ClientMessages.safe(error, "unreachable; the core's log has the cause");
    }

    /**
     * 200 when Redis and MySQL are both up (status DEGRADED while RabbitMQ is down), else 503; the body says which
     * is down, the write-back lag and the event backlog.
     */
    @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
    HttpResponse<Health> health() {
        LoadShedder.Health h = shedder.refresh();
        boolean up = h.redisUp() && h.mysqlUp();
        // RabbitMQ down does not stop the core (events wait in the outbox): DEGRADED, still 200.
        BusHealth bus = publisher == null ? null : new BusHealth(publisher.state(), publisher.backlog(),
                publisher.lastError());
        String status = !up ? "DOWN" : bus != null && !publisher.up() ? "DEGRADED" : "UP";
        Health body = new Health(status,
                new StoreHealth(h.redisUp() ? "UP" : "DOWN", redis.isCluster() ? "cluster" : "standalone",
                        h.redisMillis(), publicError(h.redisError())),
                new StoreHealth(h.mysqlUp() ? "UP" : "DOWN", "mysql", h.mysqlMillis(), publicError(h.mysqlError())),
                h.writeBackLag(), bus);
        return HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    /** Prometheus text exposition of the core's metrics. */
    @Get(uri = "/metrics", produces = "text/plain; version=0.0.4; charset=utf-8")
    String metrics() {
        return metrics.scrape();
    }

    /** The OpenAPI document of this service, generated from the code. */
    @Get(uri = "/openapi.yml", produces = "application/yaml")
    byte[] openApi() {
        return openApi;
    }
}
