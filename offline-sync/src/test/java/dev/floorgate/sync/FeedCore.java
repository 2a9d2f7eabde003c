package dev.floorgate.sync;

import dev.floorgate.protocol.SignatureRejectedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Plays the core's {@code GET /v1/changes}: a page body per cursor ("" for the first page), signature checked over
 * the path with its query; scripted replies are served first. Also answers {@code /health}, and hands batch
 * requests to a {@link ScriptedCore} so one server can play the whole core.
 */
final class FeedCore extends Dispatcher {
    final Map<String, String> pagesBySince = new ConcurrentHashMap<>();
    final Deque<MockResponse> script = new ConcurrentLinkedDeque<>();
    final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> signatureProblems = Collections.synchronizedList(new ArrayList<>());
    final ScriptedCore batches = new ScriptedCore();

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String path = request.getPath();
        if (path.startsWith("/v1/operations:batch")) {
            return batches.dispatch(request);
        }
        if (path.equals("/health")) {
            return new MockResponse().setBody("{\"status\":\"UP\"}");
        }
        requests.add(request);
        try {
            batches.verifier.verify(request.getMethod(), path, request::getHeader, new byte[0]);
        } catch (SignatureRejectedException e) {
            signatureProblems.add(e.getMessage());
            return ScriptedCore.error(401, "BAD_SIGNATURE", e.getMessage());
        }
        MockResponse scripted = script.poll();
        if (scripted != null) {
            return scripted;
        }
        String since = request.getRequestUrl().queryParameter("since");
        String page = pagesBySince.get(since == null ? "" : since);
        return page == null ? ScriptedCore.error(400, "BAD_CURSOR", "unknown cursor " + since)
                : new MockResponse().setHeader("Content-Type", "application/json").setBody(page);
    }

    /** The {@code since} of each changes request, null for none. */
    List<String> sinces() {
        List<String> out = new ArrayList<>();
        synchronized (requests) {
            for (RecordedRequest r : requests) {
                out.add(r.getRequestUrl().queryParameter("since"));
            }
        }
        return out;
    }

    static String sku(String tenant, String sku, String gtin) {
        return "{\"kind\":\"sku\",\"tenant\":\"" + tenant + "\",\"sku\":\"" + sku + "\",\"name\":\"Item " + sku
                + "\",\"gtins\":[\"" + gtin + "\"],\"barcodes\":[],\"unit\":\"EA\"}";
    }

    static String location(String tenant, String code) {
        return "{\"kind\":\"location\",\"tenant\":\"" + tenant + "\",\"warehouse\":\"SH01\",\"code\":\"" + code
                + "\",\"type\":\"BIN\"}";
    }

    static String page(String next, String... items) {
        return "{\"items\":[" + String.join(",", items) + "],\"next\":\"" + next + "\"}";
    }
}
