package dev.floorgate.core.internal;

import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The core's Prometheus metrics, served as text at {@code GET /metrics}. Tag values come from fixed sets only
 * (operation types, result statuses), so garbage from the wire cannot grow the registry.
 */
final class CoreMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Map<ResultStatus, Counter>> operations = new HashMap<>();
    private final Timer batches;
    private final Counter writeBackNew;
    private final Counter writeBackReplayed;
    private final Counter shed;
    private final Counter reconcileRuns;
    private final AtomicLong reconcileDifferences = new AtomicLong();
    private final AtomicLong writeBackLag = new AtomicLong();
    private final AtomicLong redisUp = new AtomicLong();
    private final AtomicLong mysqlUp = new AtomicLong();

    CoreMetrics() {
        for (OperationType t : OperationType.values()) {
            operations.put(t.name(), counters(t.name()));
        }
        operations.put("UNKNOWN", counters("UNKNOWN"));
        batches = Timer.builder("fg.core.batch").description("operations batches applied")
                .publishPercentiles(0.5, 0.99).register(registry);
        writeBackNew = Counter.builder("fg.core.writeback.events").tag("result", "committed")
                .description("write-back events committed to MySQL").register(registry);
        writeBackReplayed = Counter.builder("fg.core.writeback.events").tag("result", "replayed")
                .description("write-back events whose ledger row already existed (replay after a crash)")
                .register(registry);
        shed = Counter.builder("fg.core.shed").description("requests refused with 503 while shedding load")
                .register(registry);
        reconcileRuns = Counter.builder("fg.core.reconcile.runs").description("reconciliation runs")
                .register(registry);
        Gauge.builder("fg.core.reconcile.differences", reconcileDifferences, AtomicLong::get)
                .description("differences found by the last reconciliation run").register(registry);
        Gauge.builder("fg.core.writeback.lag", writeBackLag, AtomicLong::get)
                .description("write-back events not yet committed to MySQL").register(registry);
        Gauge.builder("fg.core.redis.up", redisUp, AtomicLong::get).register(registry);
        Gauge.builder("fg.core.mysql.up", mysqlUp, AtomicLong::get).register(registry);
    }

    private Map<ResultStatus, Counter> counters(String type) {
        Map<ResultStatus, Counter> byStatus = new EnumMap<>(ResultStatus.class);
        for (ResultStatus s : ResultStatus.values()) {
            byStatus.put(s, Counter.builder("fg.core.operations").tag("type", type).tag("status", s.name())
                    .description("operations answered, by type and result status").register(registry));
        }
        return byStatus;
    }

    void operation(String typeName, ResultStatus status) {
        Map<ResultStatus, Counter> byStatus = operations.get(typeName);
        (byStatus == null ? operations.get("UNKNOWN") : byStatus).get(status).increment();
    }

    void batch(int size, long nanos) {
        batches.record(nanos, TimeUnit.NANOSECONDS);
    }

    void writeBack(long committed, long replayed) {
        writeBackNew.increment(committed);
        writeBackReplayed.increment(replayed);
    }

    void shed() {
        shed.increment();
    }

    void reconciled(long differences) {
        reconcileRuns.increment();
        reconcileDifferences.set(differences);
    }

    void health(boolean redis, boolean mysql, long lag) {
        redisUp.set(redis ? 1 : 0);
        mysqlUp.set(mysql ? 1 : 0);
        writeBackLag.set(lag);
    }

    // ------------------------------------------------------------------ issue 15: the bus and the order saga

    private Counter eventsPublished;
    private final AtomicLong ordersStuck = new AtomicLong();
    private boolean stuckRegistered;
    private final Map<String, Counter> orderCommands = new HashMap<>();
    private final Map<String, Counter> parcelCommands = new HashMap<>();

    /** The publisher's backlog and state (fg_core_events_backlog, fg_core_bus_up). */
    synchronized void busGauges(java.util.function.LongSupplier backlog, java.util.function.LongSupplier up) {
        Gauge.builder("fg.core.events.backlog", backlog, s -> (double) s.getAsLong())
                .description("events committed to the outbox and not yet confirmed by RabbitMQ").strongReference(true)
                .register(registry);
        Gauge.builder("fg.core.bus.up", up, s -> (double) s.getAsLong())
                .description("1 while the last publish round reached RabbitMQ").strongReference(true).register(registry);
        eventsPublished = Counter.builder("fg.core.events.published")
                .description("events confirmed by RabbitMQ (a resend after a failure counts again)").register(registry);
    }

    void eventsPublished(int n) {
        if (eventsPublished != null) {
            eventsPublished.increment(n);
        }
    }

    synchronized void ordersStuck(long n) {
        if (!stuckRegistered) {
            Gauge.builder("fg.core.orders.stuck", ordersStuck, AtomicLong::get)
                    .description("orders the last scan found longer than allowed in their state").register(registry);
            stuckRegistered = true;
        }
        ordersStuck.set(n);
    }

    /** An order command read from the bus, by outcome (a fixed set: done, refused, invalid, retried). */
    synchronized void orderCommand(String outcome) {
        orderCommands.computeIfAbsent(outcome, o -> Counter.builder("fg.core.orders.commands").tag("outcome", o)
                .description("order commands read from RabbitMQ, by outcome").register(registry)).increment();
    }

    /** fg_core_parcels_commands_total{outcome}: parcel announcement messages read from RabbitMQ (done, refused,
     * invalid, retried). */
    synchronized void parcelCommand(String outcome) {
        parcelCommands.computeIfAbsent(outcome, o -> Counter.builder("fg.core.parcels.commands").tag("outcome", o)
                .description("parcel announcement messages read from RabbitMQ, by outcome").register(registry))
                .increment();
    }

    // ------------------------------------------------------------------ issue 14: combining, hot records, lanes

    private final Counter applyCalls = Counter.builder("fg.core.apply.calls")
            .description("apply.lua calls sent (one per stock record and round; combining makes it fewer than ops)")
            .register(registry);
    private final Counter applyCallOps = Counter.builder("fg.core.apply.call.operations")
            .description("operations carried by apply.lua calls (a resend after LOAD/LEDGER counts again)")
            .register(registry);

    void applyCall(int operations) {
        applyCalls.increment();
        applyCallOps.increment(operations);
    }

    long applyCalls() {
        return (long) applyCalls.count();
    }

    long applyCallOperations() {
        return (long) applyCallOps.count();
    }

    /** Registers a gauge read from the given supplier (hot records, queue depth, lane depth). */
    void gauge(String name, String description, java.util.function.LongSupplier value, String... tags) {
        Gauge.builder(name, value, v -> (double) v.getAsLong()).description(description).tags(tags)
                .strongReference(true).register(registry);
    }

    /** A counter by name and tags (fixed sets only: lane names, "hot"). */
    Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    String scrape() {
        return registry.scrape();
    }
}
