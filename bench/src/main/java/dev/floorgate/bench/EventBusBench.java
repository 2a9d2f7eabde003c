package dev.floorgate.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.floorgate.protocol.OperationIds;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Events out (issue 15, docs/EVENTS.md): how fast the core publishes its outbox with publisher confirms, and how
 * long an applied operation takes to reach a consumer, beside the operation rate it must keep up with. Phases, all
 * in one run on this machine:
 * <ol>
 *   <li><b>baseline publish</b>: the RabbitMQ Java client alone, confirm mode, batches of 500 persistent messages of
 *   an event's size: the broker's ceiling for what the outbox publisher does;</li>
 *   <li><b>ops without the bus</b>: signed batches of RECEIVE operations from {@code --clients} clients (ops/s);</li>
 *   <li><b>ops with the bus</b>: the same load with {@code fg.bus.uri} set and a consumer on its own durable queue:
 *   ops/s, events/s received, and latency from the operation's HTTP answer (applied) to the consumer (p50/p99);</li>
 *   <li><b>catch-up</b>: {@code --backlog} operations committed while the broker address is dead, then a core with
 *   the bus drains the outbox: events/s with confirms, end to end (MySQL read, publish, confirm, mark).</li>
 * </ol>
 * It uses the broker at {@code --amqp} (default the local one, guest) with exchange and queue names of its own run,
 * deleted at the end. Run: {@code ./floorgate bench EventBusBench [--seconds 10] [--clients 8] [--batch 20]
 * [--backlog 20000] [--amqp amqp://guest:guest@127.0.0.1:5672/%2F]}.
 */
public final class EventBusBench {
    private static final int SKUS = 200;

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "10"));
        int clients = Integer.parseInt(o.getOrDefault("clients", "8"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "20"));
        int backlog = Integer.parseInt(o.getOrDefault("backlog", "20000"));
        String amqp = o.getOrDefault("amqp", "amqp://guest:guest@127.0.0.1:5672/%2F");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String exchange = "bench.events." + run;
        Map<String, Object> bus = Map.of("fg.bus.uri", amqp, "fg.bus.exchange", exchange,
                "fg.bus.orders-exchange", "bench.orders." + run, "fg.bus.orders-queue", "bench.core.orders." + run);
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(amqp);
        try (Connection rabbit = f.newConnection("event-bus-bench"); BenchCore core = new BenchCore()) {
            double baseline = baselinePublish(rabbit, run, backlog);
            System.out.printf("baseline: Java client alone, confirms, 500 per round: %,.0f msgs/s (%d messages)%n",
                    baseline, backlog);

            core.start(0);
            seed(core);
            load(core, clients, batch, 3, null, 0); // warm-up (JIT, pools), not counted
            Load plain = load(core, clients, batch, seconds, null, 0);
            System.out.printf("ops without the bus: %,.0f ops/s (%d clients, batches of %d)%n", plain.opsPerSecond(),
                    clients, batch);
            awaitWriteBack(core); // else the next core writes this phase's events back, with the outbox on
            core.stop();

            core.start(0, bus);
            Channel ch = rabbit.createChannel();
            ch.exchangeDeclare(exchange, "topic", true);
            String queue = "bench.consumer." + run;
            ch.queueDeclare(queue, true, false, false, null);
            ch.queueBind(queue, exchange, "acme.#");
            Consumer consumer = new Consumer(ch, queue);
            Load withBus = load(core, clients, batch, seconds, consumer, 0);
            String lagAtEnd = lag(core);
            long deadline = System.currentTimeMillis() + 60_000;
            while (consumer.received.get() < withBus.ops() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            double[] lat = consumer.latencies(withBus.appliedAt());
            // At saturation the write-back (Redis -> MySQL) lags too, and an event exists only after it: part of
            // this latency is that lag, not the publisher (DESIGN.md: the Redis result is the commit point).
            System.out.printf("write-back lag when the load stopped: %s events%n", lagAtEnd);
            System.out.printf("ops with the bus: %,.0f ops/s (%.2f of without); events received %,d (%,d distinct "
                    + "ids) of %,d applied, %,.0f events/s during the load%n", withBus.opsPerSecond(),
                    withBus.opsPerSecond() / plain.opsPerSecond(), consumer.received.get(), consumer.arrivedAt.size(),
                    withBus.ops(),
                    consumer.receivedDuringLoad(withBus) / withBus.seconds());
            System.out.printf("applied op -> consumer: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)%n",
                    lat[0], lat[1], lat[2], (int) lat[3]);
            // Paced: an operation rate the machine sustains, to see the latency when the publisher keeps up.
            for (int rate : new int[] {500, 1500}) {
                consumer.arrivedAt.clear();
                long received = consumer.received.get();
                Load paced = load(core, clients, batch, seconds, consumer, rate);
                long pacedDeadline = System.currentTimeMillis() + 60_000;
                while (consumer.received.get() - received < paced.ops()
                        && System.currentTimeMillis() < pacedDeadline) {
                    Thread.sleep(20);
                }
                double[] p = consumer.latencies(paced.appliedAt());
                System.out.printf("paced at %,d ops/s offered: %,.0f ops/s applied, %,.0f events/s received during "
                        + "the load; applied op -> consumer p50 %.1f ms, p99 %.1f ms (%d samples)%n", rate,
                        paced.opsPerSecond(), consumer.receivedDuringLoad(paced) / paced.seconds(), p[0], p[1],
                        (int) p[3]);
            }
            core.stop();

            // Catch-up: a backlog committed while the broker was unreachable, then drained by a core with the bus.
            Map<String, Object> dead = new java.util.HashMap<>(bus);
            dead.put("fg.bus.uri", "amqp://guest:guest@127.0.0.1:" + freePort() + "/%2F");
            core.start(0, dead);
            Load built = loadCount(core, 8, 500, backlog);
            awaitWriteBack(core);
            core.stop();
            long before = consumer.received.get();
            long t0 = System.nanoTime();
            core.start(0, bus);
            while (consumer.received.get() - before < built.ops() && System.nanoTime() - t0 < 300_000_000_000L) {
                Thread.sleep(10);
            }
            double drainSeconds = (System.nanoTime() - t0) / 1e9;
            long got = consumer.received.get() - before;
            System.out.printf("catch-up: %,d events drained from the outbox in %.1f s: %,.0f events/s with confirms "
                    + "(%.2f of the baseline; includes the core's start)%n", got, drainSeconds, got / drainSeconds,
                    got / drainSeconds / baseline);
            core.stop();
            ch.queueDelete(queue);
            ch.exchangeDelete(exchange);
            Channel cleanup = rabbit.createChannel();
            cleanup.queueDelete("bench.core.orders." + run);
            cleanup.exchangeDelete("bench.orders." + run);
        }
    }

    private static double baselinePublish(Connection rabbit, String run, int n) throws Exception {
        Channel ch = rabbit.createChannel();
        String ex = "bench.baseline." + run;
        String q = "bench.baseline.q." + run;
        ch.exchangeDeclare(ex, "topic", true);
        ch.queueDeclare(q, true, false, false, null);
        ch.queueBind(q, ex, "#");
        ch.confirmSelect();
        byte[] body = ("{\"schema\":\"floorgate.event/1\",\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":"
                + "\"operation.applied\",\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"data\":{\"sku\":\"SKU-1\","
                + "\"seq\":1,\"stock\":{\"onHand\":1,\"usable\":1,\"reserved\":0},\"operation\":{\"opId\":\""
                + UUID.randomUUID() + "\",\"type\":\"RECEIVE\",\"qty\":1,\"location\":\"A-01-01\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i += 500) {
            for (int k = i; k < Math.min(n, i + 500); k++) {
                ch.basicPublish(ex, "acme.SH01.operation.applied", new AMQP.BasicProperties.Builder().deliveryMode(2)
                        .messageId(Integer.toString(k)).build(), body);
            }
            ch.waitForConfirmsOrDie(30_000);
        }
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        ch.queueDelete(q);
        ch.exchangeDelete(ex);
        ch.close();
        return rate;
    }

    private static void seed(BenchCore core) throws Exception {
        core.call("PUT", "/v1/locations/acme/SH01/A-01-01", "{\"type\":\"BIN\"}");
        for (int s = 0; s < SKUS; s++) {
            core.call("PUT", "/v1/skus/acme/SKU-" + s, "{\"name\":\"Item " + s + "\",\"unit\":\"EA\"}");
        }
    }

    /** What one load phase did; {@code appliedAt}: opId -> nanoTime of the HTTP answer that said APPLIED. */
    record Load(long ops, double seconds, long startNanos, long endNanos, Map<String, Long> appliedAt) {
        double opsPerSecond() {
            return ops / seconds;
        }
    }

    /** Closed loop ({@code rate} 0: each client sends its next batch when answered) or paced at {@code rate} ops/s. */
    private static Load load(BenchCore core, int clients, int batch, int seconds, Consumer consumer, int rate)
            throws Exception {
        long gapNanos = rate <= 0 ? 0 : (long) (1e9 * clients * batch / rate);
        Map<String, Long> appliedAt = new ConcurrentHashMap<>();
        AtomicLong ops = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                int i = 0;
                long next = System.nanoTime() + (gapNanos == 0 ? 0 : gapNanos * client / clients);
                while (System.nanoTime() < end) {
                    if (gapNanos > 0) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        next += gapNanos;
                    }
                    List<String> ids = new ArrayList<>();
                    StringBuilder b = new StringBuilder("{\"gatewayId\":\"bench\",\"operations\":[");
                    for (int k = 0; k < batch; k++) {
                        String id = OperationIds.newId();
                        ids.add(id);
                        b.append(k == 0 ? "" : ",").append(receive(id, (client * 31 + i++) % SKUS));
                    }
                    String answer = core.call("POST", "/v1/operations:batch", b.append("]}").toString());
                    long now = System.nanoTime();
                    if (consumer != null) {
                        for (String id : ids) {
                            appliedAt.put(id, now);
                        }
                    }
                    ops.addAndGet(count(answer, "\"APPLIED\""));
                }
                return null;
            }));
        }
        for (Future<?> fu : futures) {
            fu.get();
        }
        pool.shutdown();
        long stop = System.nanoTime();
        return new Load(ops.get(), (stop - start) / 1e9, start, stop, appliedAt);
    }

    private static Load loadCount(BenchCore core, int clients, int batch, int total) throws Exception {
        AtomicLong left = new AtomicLong(total);
        AtomicLong ops = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                int i = 0;
                while (left.addAndGet(-batch) > -batch) {
                    StringBuilder b = new StringBuilder("{\"gatewayId\":\"bench\",\"operations\":[");
                    for (int k = 0; k < batch; k++) {
                        b.append(k == 0 ? "" : ",").append(receive(OperationIds.newId(), i++ % SKUS));
                    }
                    ops.addAndGet(count(core.call("POST", "/v1/operations:batch", b.append("]}").toString()),
                            "\"APPLIED\""));
                }
                return null;
            }));
        }
        for (Future<?> fu : futures) {
            fu.get();
        }
        pool.shutdown();
        long stop = System.nanoTime();
        return new Load(ops.get(), (stop - start) / 1e9, start, stop, Map.of());
    }

    private static String lag(BenchCore core) throws Exception {
        Matcher m = Pattern.compile("\"writeBackLag\":(\\d+)").matcher(core.call("GET", "/health", null));
        return m.find() ? m.group(1) : "?";
    }

    private static void awaitWriteBack(BenchCore core) throws Exception {
        Pattern lag = Pattern.compile("\"writeBackLag\":(\\d+)");
        for (int i = 0; i < 6000; i++) {
            Matcher m = lag.matcher(core.call("GET", "/health", null));
            if (m.find() && m.group(1).equals("0")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the write-back did not catch up in 5 minutes");
    }

    private static String receive(String opId, int sku) {
        return "{\"opId\":\"" + opId + "\",\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"type\":\"RECEIVE\",\"sku\":"
                + "\"SKU-" + sku + "\",\"qty\":1,\"location\":\"A-01-01\",\"deviceId\":\"bench\",\"occurredAt\":\""
                + Instant.now() + "\"}";
    }

    private static long count(String text, String token) {
        long n = 0;
        for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
            n++;
        }
        return n;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The business's consumer: auto-ack, records when each message id arrived. */
    static final class Consumer {
        final AtomicLong received = new AtomicLong();
        final Map<String, Long> arrivedAt = new ConcurrentHashMap<>();

        Consumer(Channel ch, String queue) throws Exception {
            ch.basicConsume(queue, true, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) {
                    arrivedAt.putIfAbsent(props.getMessageId(), System.nanoTime());
                    received.incrementAndGet();
                }
            });
        }

        long receivedDuringLoad(Load load) {
            return arrivedAt.values().stream().filter(t -> t >= load.startNanos() && t <= load.endNanos()).count();
        }

        /** p50, p99, max (ms) and the sample count; an event seen before its HTTP answer counts as 0 ms. */
        double[] latencies(Map<String, Long> appliedAt) {
            List<Double> ms = new ArrayList<>();
            appliedAt.forEach((id, at) -> {
                Long arrived = arrivedAt.get(id);
                if (arrived != null) {
                    ms.add(Math.max(0, (arrived - at) / 1e6));
                }
            });
            double[] sorted = ms.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return new double[] {Double.NaN, Double.NaN, Double.NaN, 0};
            }
            return new double[] {sorted[sorted.length / 2], sorted[(int) Math.min(sorted.length - 1,
                    Math.ceil(sorted.length * 0.99) - 1)], sorted[sorted.length - 1], sorted.length};
        }
    }
}
