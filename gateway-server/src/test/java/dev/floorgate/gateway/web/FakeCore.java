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
 * Signatures are not checked (inventory-core's own tests do that).
 */
final class FakeCore implements AutoCloseable {
    final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    final Set<String> outOfStock = ConcurrentHashMap.newKeySet();
    private final HttpServer server;

    FakeCore() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", ex -> answer(ex, 200, "{\"status\":\"UP\"}"));
        server.createContext("/v1/operations:batch", this::batch);
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
