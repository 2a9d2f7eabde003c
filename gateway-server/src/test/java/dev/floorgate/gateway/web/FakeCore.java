package dev.floorgate.gateway.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.floorgate.protocol.BatchRequest;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.StockLevels;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A core for the pages' tests: the real sync wire format (API.md) on 127.0.0.1, answering each operation APPLIED,
 * or REJECTED INSUFFICIENT_STOCK for the SKUs it is told are out of stock, and counting how often each opId arrived.
 * Parcels (docs/CORE-API.md "Parcels (issue 17)"): a feed of the parcels it is told were announced, and intakes
 * answered RECEIVED for those, NO_OWNER for others, or refused 409 ALREADY_RECEIVED for the tracking keys it is
 * told to refuse. Signatures are not checked (inventory-core's own tests do that).
 */
final class FakeCore implements AutoCloseable {
    final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    final Set<String> outOfStock = ConcurrentHashMap.newKeySet();
    /** Tracking keys whose intake the core refuses as received elsewhere already. */
    final Set<String> refuseIntake = ConcurrentHashMap.newKeySet();
    private final List<Announced> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger noOwnerIds = new AtomicInteger();
    private final HttpServer server;

    FakeCore() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", ex -> answer(ex, 200, "{\"status\":\"UP\"}"));
        server.createContext("/v1/operations:batch", this::batch);
        server.createContext("/v1/parcels/changes", this::parcelChanges);
        server.createContext("/v1/parcels/intake", this::parcelIntake);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int arrivals(String opId) {
        AtomicInteger n = arrivals.get(opId);
        return n == null ? 0 : n.get();
    }

    private void batch(HttpExchange ex) throws IOException {
        BatchRequest batch = OperationJson.readBatch(new String(ex.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        List<OperationResult> results = new ArrayList<>();
        for (Operation op : batch.operations()) {
            arrivals.computeIfAbsent(op.opId(), k -> new AtomicInteger()).incrementAndGet();
            if (outOfStock.contains(op.sku())) {
                results.add(OperationResult.rejected(op.opId(), "INSUFFICIENT_STOCK", "usable 0 < requested "
                        + op.qty() + " for " + op.tenant() + "/" + op.warehouse() + "/" + op.sku()));
            } else {
                results.add(OperationResult.applied(op.opId(), new StockLevels(100, 90, 10)));
            }
        }
        answer(ex, 200, OperationJson.writeResults(results));
    }

    /** A parcel a customer announced: it shows in the feed of its tenant and warehouse. */
    record Announced(String tenant, String warehouse, String trackingKey, String parcelId, String carrier,
            String customer, String customerName) {
        String json(String state, int seq) {
            return "{\"tenant\":\"" + tenant + "\",\"warehouse\":\"" + warehouse + "\",\"trackingKey\":\""
                    + trackingKey + "\",\"parcelId\":\"" + parcelId + "\",\"carrier\":\"" + carrier
                    + "\",\"state\":\"" + state + "\",\"customer\":\"" + customer + "\",\"customerName\":\""
                    + customerName + "\",\"seq\":" + seq + "}";
        }
    }

    void announce(Announced parcel) {
        announced.add(parcel);
    }

    private void parcelChanges(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getQuery();
        int after = Integer.parseInt(param(query, "after", "0"));
        List<String> items = new ArrayList<>();
        for (int i = after; i < announced.size(); i++) {
            Announced a = announced.get(i);
            if (a.tenant().equals(param(query, "tenant", "")) && a.warehouse().equals(param(query, "warehouse", ""))) {
                items.add(a.json("ANNOUNCED", i + 1));
            }
        }
        answer(ex, 200, "{\"items\":[" + String.join(",", items) + "],\"next\":\"" + announced.size() + "\"}");
    }

    private void parcelIntake(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String key = field(body, "trackingKey");
        if (refuseIntake.contains(key)) {
            answer(ex, 409, "{\"error\":\"ALREADY_RECEIVED\",\"message\":\"parcel " + key
                    + " was received at gateway gw-other on shelf R-9\"}");
            return;
        }
        for (Announced a : announced) {
            if (a.trackingKey().equals(key) && a.tenant().equals(field(body, "tenant"))) {
                answer(ex, 200, "{\"result\":\"RECEIVED\",\"parcel\":" + a.json("RECEIVED", -1) + "}");
                return;
            }
        }
        answer(ex, 200, "{\"result\":\"NO_OWNER\",\"parcel\":{\"tenant\":\"" + field(body, "tenant")
                + "\",\"warehouse\":\"" + field(body, "warehouse") + "\",\"trackingKey\":\"" + key
                + "\",\"parcelId\":\"P-NO-" + noOwnerIds.incrementAndGet() + "\",\"state\":\"NO_OWNER\"}}");
    }

    private static String param(String query, String name, String otherwise) {
        for (String kv : query == null ? new String[0] : query.split("&")) {
            if (kv.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(kv.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return otherwise;
    }

    /** A string field of the gateway's intake body (flat JSON, no escapes in the values the tests use). */
    private static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
