package dev.floorgate.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.floorgate.protocol.OperationIds;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A consumer away for an hour (issue 15, docs/EVENTS.md section 6): a durable queue is declared and bound to the
 * core's events exchange, its consumer disconnects, the core applies a paced stream of operations for
 * {@code --minutes} (60), then the consumer comes back and drains the queue. Prints events published (operations
 * applied), received, lost (applied ids never received) and duplicates (deliveries beyond one per id). The test
 * suite runs the short version with a broker restart (inventory-core ConsumerAbsenceTest); this soak uses the
 * broker at {@code --amqp} (default the local one) with an exchange and queue of its own run, deleted at the end,
 * and never restarts it. Run: {@code ./floorgate bench EventConsumerAbsenceSoak [--minutes 60] [--rate 20]
 * [--batch 10] [--amqp amqp://guest:guest@127.0.0.1:5672/%2F]}.
 */
public final class EventConsumerAbsenceSoak {
    private static final int SKUS = 50;

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        double minutes = Double.parseDouble(o.getOrDefault("minutes", "60"));
        int rate = Integer.parseInt(o.getOrDefault("rate", "20"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "10"));
        String amqp = o.getOrDefault("amqp", "amqp://guest:guest@127.0.0.1:5672/%2F");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String exchange = "bench.events." + run;
        String queue = "bench.away." + run;
        Map<String, Object> bus = Map.of("fg.bus.uri", amqp, "fg.bus.exchange", exchange,
                "fg.bus.orders-exchange", "bench.orders." + run, "fg.bus.orders-queue", "bench.core.orders." + run,
                "fg.core.replenishment.publish-interval", "0s");
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(amqp);
        Set<String> applied = ConcurrentHashMap.newKeySet();
        try (Connection admin = f.newConnection("absence-soak-admin"); BenchCore core = new BenchCore()) {
            core.start(0, bus);
            core.call("PUT", "/v1/locations/acme/SH01/A-01-01", "{\"type\":\"BIN\"}");
            for (int s = 0; s < SKUS; s++) {
                core.call("PUT", "/v1/skus/acme/SKU-" + s, "{\"name\":\"Item " + s + "\",\"unit\":\"EA\"}");
            }
            Channel ch = admin.createChannel();
            ch.exchangeDeclare(exchange, "topic", true);
            // The consumer declares its queue as EVENTS.md section 6 says, then goes away: nobody consumes it.
            ch.queueDeclare(queue, true, false, false, null);
            ch.queueBind(queue, exchange, "acme.#");
            System.out.printf("consumer away for %.1f minutes; %d ops/s in batches of %d (run %s)%n", minutes, rate,
                    batch, run);

            long start = System.nanoTime();
            long end = start + (long) (minutes * 60e9);
            long gap = (long) (1e9 * batch / rate);
            long next = start;
            long nextReport = start + 60_000_000_000L;
            int i = 0;
            while (System.nanoTime() < end) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                next += gap;
                StringBuilder b = new StringBuilder("{\"gatewayId\":\"soak\",\"operations\":[");
                String[] ids = new String[batch];
                for (int k = 0; k < batch; k++) {
                    ids[k] = OperationIds.newId();
                    b.append(k == 0 ? "" : ",").append(receive(ids[k], i++ % SKUS));
                }
                String answer = core.call("POST", "/v1/operations:batch", b.append("]}").toString());
                int ok = answer.split("\"APPLIED\"", -1).length - 1;
                if (ok != batch) { // a RECEIVE of a known SKU is always applied: anything else is a broken run
                    throw new IllegalStateException(ok + " of " + batch + " RECEIVEs applied: " + answer);
                }
                applied.addAll(java.util.List.of(ids));
                if (System.nanoTime() >= nextReport) {
                    nextReport += 60_000_000_000L;
                    System.out.printf("  %.0f min: %,d applied, %,d waiting in the consumer's queue%n",
                            (System.nanoTime() - start) / 60e9, applied.size(),
                            ch.queueDeclarePassive(queue).getMessageCount());
                }
            }
            awaitDrained(core);
            long waiting = ch.queueDeclarePassive(queue).getMessageCount();
            System.out.printf("stream over: %,d applied, outbox drained, %,d waiting in the queue; consumer back%n",
                    applied.size(), waiting);

            Map<String, Integer> copies = new ConcurrentHashMap<>();
            AtomicLong deliveries = new AtomicLong();
            AtomicLong lastArrival = new AtomicLong(System.nanoTime());
            try (Connection back = f.newConnection("absence-soak-consumer")) {
                Channel c = back.createChannel();
                c.basicQos(500);
                c.basicConsume(queue, false, new DefaultConsumer(c) {
                    @Override
                    public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
                            throws java.io.IOException {
                        copies.merge(props.getMessageId(), 1, Integer::sum);
                        deliveries.incrementAndGet();
                        lastArrival.set(System.nanoTime());
                        getChannel().basicAck(env.getDeliveryTag(), false);
                    }
                });
                long t0 = System.nanoTime();
                while (!copies.keySet().containsAll(applied) && System.nanoTime() - lastArrival.get() < 30e9) {
                    Thread.sleep(100);
                }
                Thread.sleep(1000); // late duplicates
                double drain = (System.nanoTime() - t0) / 1e9;
                long lost = applied.stream().filter(id -> !copies.containsKey(id)).count();
                long foreign = copies.keySet().stream().filter(id -> !applied.contains(id)).count();
                System.out.printf("events published %,d, received %,d (%,d distinct) in %.1f s after the return, "
                        + "lost %,d, duplicates %,d, not ours %,d%n", applied.size(), deliveries.get(), copies.size(),
                        drain, lost, deliveries.get() - copies.size(), foreign);
            }
            ch.queueDelete(queue);
            ch.exchangeDelete(exchange);
            ch.queueDelete("bench.core.orders." + run);
            ch.exchangeDelete("bench.orders." + run);
            core.stop();
        }
    }

    /** Waits until the write-back is done and the outbox has nothing left to publish (/health). */
    private static void awaitDrained(BenchCore core) throws Exception {
        Pattern lag = Pattern.compile("\"writeBackLag\":(\\d+)");
        Pattern backlog = Pattern.compile("\"backlog\":(\\d+)");
        for (int i = 0; i < 6000; i++) {
            String health = core.call("GET", "/health", null);
            Matcher l = lag.matcher(health);
            Matcher b = backlog.matcher(health);
            if (l.find() && l.group(1).equals("0") && (!b.find() || b.group(1).equals("0"))) {
                Thread.sleep(500); // the backlog figure is refreshed every 250 ms
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the write-back or the outbox did not drain in 5 minutes");
    }

    private static String receive(String opId, int sku) {
        return "{\"opId\":\"" + opId + "\",\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"type\":\"RECEIVE\",\"sku\":"
                + "\"SKU-" + sku + "\",\"qty\":1,\"location\":\"A-01-01\",\"deviceId\":\"soak\",\"occurredAt\":\""
                + Instant.now() + "\"}";
    }
}
