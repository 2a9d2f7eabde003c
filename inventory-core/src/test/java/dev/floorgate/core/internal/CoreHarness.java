package dev.floorgate.core.internal;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.RequestSigner;
import dev.floorgate.protocol.BatchRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The real core application on a random port, against a Redis and a database the test owns, with signed clients
 * for two keys: {@code gw-acme} (tenant acme) and {@code gw-multi} (tenants beta and gamma).
 */
final class CoreHarness implements AutoCloseable {
    static final String ADMIN_TOKEN = "admin-token-for-tests";
    static final String KEYS = "gw-acme:acme-secret-0123456789:acme,gw-multi:multi-secret-0123456789:beta|gamma";
    final EmbeddedServer server;
    final ApplicationContext ctx;
    final CoreClient acme;
    final CoreClient multi;
    final String base;

    private CoreHarness(EmbeddedServer server) {
        this.server = server;
        this.ctx = server.getApplicationContext();
        this.base = "http://127.0.0.1:" + server.getPort();
        this.acme = new CoreClient(base, new RequestSigner("gw-acme", "acme-secret-0123456789"));
        this.multi = new CoreClient(base, new RequestSigner("gw-multi", "multi-secret-0123456789"));
    }

    static CoreHarness start(String redisUri, TestDatabase db, Map<String, Object> extra) {
        return start(redisUri, db.url(), extra);
    }

    static CoreHarness start(String redisUri, String mysqlUrl, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("fg.redis.uri", redisUri);
        props.put("fg.mysql.url", mysqlUrl);
        props.put("fg.core.keys", KEYS);
        props.put("fg.core.admin-token", ADMIN_TOKEN);
        props.put("fg.core.reconcile.interval", "0s");
        props.put("fg.core.health-interval", "100ms");
        props.put("fg.core.writeback.trim-interval", "200ms");
        // no scheduled replenishment.suggested events unless a test asks: a run at 02:00 UTC would put them into
        // the event streams other tests count
        props.put("fg.core.replenishment.publish-interval", "0s");
        props.putAll(extra);
        return new CoreHarness(ApplicationContext.run(EmbeddedServer.class, props));
    }

    <T> T bean(Class<T> type) {
        return ctx.getBean(type);
    }

    // ------------------------------------------------------------------ test data

    /** Makes tenant/warehouse known with bins A-01-01 and B-01-01, and the given SKUs known. */
    void seed(CoreClient client, String tenant, String warehouse, String... skus) {
        for (String bin : new String[] {"A-01-01", "B-01-01"}) {
            CoreClient.Reply r = client.put("/v1/locations/" + tenant + "/" + warehouse + "/" + bin,
                    "{\"type\":\"BIN\",\"zone\":\"A\"}");
            require(r, 200);
        }
        for (String sku : skus) {
            CoreClient.Reply r = client.put("/v1/skus/" + tenant + "/" + segment(sku),
                    "{\"name\":\"Item " + sku + "\",\"gtins\":[\"09501101530003\"],\"barcodes\":[\"B-" + sku
                            + "\"],\"unit\":\"EA\"}");
            require(r, 200);
        }
    }

    /** A path segment as a client sends it (a '/' inside a SKU is %2F). */
    static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Operation op(String tenant, String warehouse, OperationType type, String sku, long qty) {
        return Operation.builder().opId(OperationIds.newId()).tenant(tenant).warehouse(warehouse).type(type).sku(sku)
                .qty(qty).deviceId("pda-1").operator("u-1").occurredAt(Instant.now().toString()).build();
    }

    static String batch(List<Operation> ops) {
        return OperationJson.writeBatch(new BatchRequest("gw-test", ops));
    }

    /** Posts a batch and returns its results; fails on any status but 200. */
    static List<OperationResult> apply(CoreClient client, List<Operation> ops) {
        CoreClient.Reply r = client.post("/v1/operations:batch", batch(ops));
        require(r, 200);
        return OperationJson.readResults(r.body());
    }

    static OperationResult apply(CoreClient client, Operation op) {
        return apply(client, List.of(op)).get(0);
    }

    static void require(CoreClient.Reply r, int status) {
        if (r.status() != status) {
            throw new AssertionError("expected HTTP " + status + " but got " + r.status() + ": " + r.body());
        }
    }

    Map<String, Object> json(String body) {
        try {
            return bean(JsonMapper.class).readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    /**
     * Waits until the write-back has committed everything (lag 0), up to the timeout. Reading the lag may fail for a
     * while after a Redis failover (a cluster connection still rejects commands for the dead master's slots until
     * the topology refresh): that is "not yet", and the timeout names the last answer.
     */
    void awaitWriteBack(Duration timeout) {
        LoadShedder shedder = bean(LoadShedder.class);
        String[] last = {"not read yet"};
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                long lag = shedder.lag();
                if (lag == 0) {
                    return;
                }
                last[0] = "lag " + lag;
            } catch (RuntimeException e) {
                last[0] = "reading the lag failed: " + e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for the write-back "
                        + "lag to reach 0 (last: " + last[0] + ")");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for the write-back lag to reach 0");
            }
        }
    }

    static void waitFor(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close() {
        server.stop();
        if (ctx.isRunning()) {
            ctx.close();
        }
    }
}
