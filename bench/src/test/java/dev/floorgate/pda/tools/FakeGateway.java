package dev.floorgate.pda.tools;

import dev.floorgate.lan.BadgeLogin;
import dev.floorgate.lan.EnrollRequest;
import dev.floorgate.lan.EnrollmentCodeRequest;
import dev.floorgate.lan.LanJson;
import dev.floorgate.lan.ScanRequest;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * The gateway LAN API as the lead specified it, played by a MockWebServer dispatcher for the VirtualPdas test:
 * enrollment with one-time codes, badge sessions, pick tasks, scans, idempotent operations (202/422, with
 * every {@code dropEvery}-th POST stored and then answered by a dropped connection, as a lost 202), status, and
 * an event stream that long-polls up to 300 ms and then ends (so clients reconnect with Last-Event-ID).
 * Operations are "applied" as soon as they are stored.
 */
final class FakeGateway extends Dispatcher {
    static final String ADMIN = "admin-token";
    static final String UNKNOWN_SKU = "SKU-GONE";

    private final int dropEvery;
    private final Map<String, String> codes = new ConcurrentHashMap<>(); // code -> tenant
    private final Map<String, String> tokens = new ConcurrentHashMap<>(); // token -> deviceId
    private final Map<String, String> fingerprints = new ConcurrentHashMap<>(); // opId -> fingerprint
    private final AtomicInteger codeCounter = new AtomicInteger();
    private final AtomicInteger posts = new AtomicInteger();
    private final List<String> events = new ArrayList<>(); // SSE event texts, index = id - 1
    private final Map<String, Boolean> devices = new ConcurrentHashMap<>(); // deviceId -> revoked
    final AtomicInteger droppedPosts = new AtomicInteger();
    /** When set, every enrollment is refused with 403 ENROLLMENT_REFUSED. */
    volatile boolean refuseEnrollment;
    /** When set, {@code GET /api/v1/tasks} answers an empty list. */
    volatile boolean noTasks;
    final AtomicInteger reusedOpIds = new AtomicInteger();

    FakeGateway(int dropEvery) {
        this.dropEvery = dropEvery;
    }

    /** Enrolled devices that are not revoked, as the admin device list would show them. */
    List<String> activeDevices() {
        List<String> active = new ArrayList<>();
        devices.forEach((id, revoked) -> {
            if (!revoked) {
                active.add(id);
            }
        });
        return active;
    }

    /** Every device ever enrolled here, revoked or not. */
    int enrolledEver() {
        return devices.size();
    }

    /** Operations stored (durable) at this gateway. */
    int stored() {
        return fingerprints.size();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        try {
            return route(request);
        } catch (IOException | RuntimeException e) {
            return json(400, "{\"error\":\"MALFORMED_JSON\",\"message\":\"" + e.getMessage() + "\"}");
        }
    }

    private MockResponse route(RecordedRequest r) throws IOException, InterruptedException {
        String path = r.getRequestUrl().encodedPath();
        String auth = r.getHeader("Authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        if (path.equals("/api/v1/admin/enrollment-codes")) {
            if (!ADMIN.equals(token)) {
                return json(401, "{\"error\":\"UNAUTHORIZED\",\"message\":\"admin token needed\"}");
            }
            EnrollmentCodeRequest body = LanJson.read(r.getBody().readUtf8(), EnrollmentCodeRequest.class);
            String code = "CODE-" + codeCounter.incrementAndGet();
            codes.put(code, body.tenant());
            return json(201, "{\"code\":\"" + code + "\",\"tenant\":\"" + body.tenant()
                    + "\",\"warehouse\":\"" + body.warehouse() + "\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}");
        }
        if (path.startsWith("/api/v1/admin/devices/") && path.endsWith("/revoke")) {
            if (!ADMIN.equals(token)) {
                return json(401, "{\"error\":\"UNAUTHORIZED\",\"message\":\"admin token needed\"}");
            }
            String id = path.substring("/api/v1/admin/devices/".length(), path.length() - "/revoke".length());
            boolean known = devices.replace(id, true) != null;
            tokens.values().remove(id);
            return json(200, "{\"deviceId\":\"" + id + "\",\"revoked\":" + known + "}");
        }
        if (path.equals("/api/v1/devices/enroll")) {
            EnrollRequest body = LanJson.read(r.getBody().readUtf8(), EnrollRequest.class);
            if (refuseEnrollment || codes.remove(body.code()) == null) {
                return json(403, "{\"error\":\"ENROLLMENT_REFUSED\",\"message\":\"unknown or used code\"}");
            }
            String deviceId = body.deviceId();
            if (tokens.containsValue(deviceId)) {
                return json(409, "{\"error\":\"DEVICE_ID_TAKEN\",\"message\":\"" + deviceId + "\"}");
            }
            tokens.put("fgd_" + deviceId, deviceId);
            devices.put(deviceId, false);
            return json(200, "{\"token\":\"fgd_" + deviceId + "\",\"deviceId\":\"" + deviceId + "\"}");
        }
        String device = token == null ? null : tokens.get(token);
        if (device == null) {
            return json(401, "{\"error\":\"UNAUTHORIZED\",\"message\":\"device token is not known\"}");
        }
        if (path.equals("/api/v1/sessions")) {
            String badge = LanJson.read(r.getBody().readUtf8(), BadgeLogin.class).badge();
            return json(200, "{\"operator\":\"" + badge + "\",\"deviceId\":\"" + device
                    + "\",\"tenant\":\"acme\",\"warehouse\":\"SH01\"}");
        }
        if (path.equals("/api/v1/tasks")) {
            StringBuilder b = new StringBuilder("{\"tasks\":[");
            for (int i = 1; i <= (noTasks ? 0 : 4); i++) {
                String sku = i == 4 ? UNKNOWN_SKU : "SKU-" + i;
                b.append(i == 1 ? "" : ",").append("{\"taskId\":\"SO-").append(i).append("/1\",\"orderNo\":\"SO-")
                        .append(i).append("\",\"lineNo\":1,\"sku\":\"").append(sku).append("\",\"location\":\"A-0")
                        .append(i).append("\",\"qty\":100000,\"picked\":0,\"remaining\":100000,\"warehouse\":\"SH01\"}");
            }
            return json(200, b.append("]}").toString());
        }
        if (path.equals("/api/v1/scans")) {
            String data = LanJson.read(r.getBody().readUtf8(), ScanRequest.class).data();
            String kind = data.startsWith("SKU") ? "SKU" : "LOCATION";
            return json(200, "{\"data\":\"" + data + "\",\"aimId\":null,\"gs1\":null,\"match\":{\"kind\":\"" + kind
                    + "\"},\"problems\":[]}");
        }
        if (path.equals("/api/v1/operations") && r.getMethod().equals("POST")) {
            return operations(r, device);
        }
        if (path.startsWith("/api/v1/operations/")) {
            String opId = path.substring("/api/v1/operations/".length());
            if (!fingerprints.containsKey(opId)) {
                return json(404, "{\"error\":\"NOT_FOUND\",\"message\":\"no operation " + opId + "\"}");
            }
            return json(200, "{\"opId\":\"" + opId + "\",\"state\":\"APPLIED\",\"result\":{\"opId\":\"" + opId
                    + "\",\"status\":\"APPLIED\",\"stock\":{\"onHand\":1,\"usable\":1,\"reserved\":0}}}");
        }
        if (path.equals("/api/v1/events")) {
            String last = r.getHeader("Last-Event-ID");
            int after = last == null ? 0 : Integer.parseInt(last.trim());
            return new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(eventsAfter(after));
        }
        return json(404, "{\"error\":\"NOT_FOUND\",\"message\":\"" + path + "\"}");
    }

    private MockResponse operations(RecordedRequest r, String device) {
        List<Operation> ops = OperationJson.readOperations(r.getBody().readUtf8());
        List<String> accepted = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (Operation op : ops) {
            if (UNKNOWN_SKU.equals(op.sku())) {
                rejected.add("{\"opId\":\"" + op.opId() + "\",\"code\":\"UNKNOWN_SKU\",\"problems\":[{\"field\":"
                        + "\"sku\",\"message\":\"unknown SKU " + op.sku() + "\"}]}");
                continue;
            }
            String fp = OperationJson.fingerprint(op);
            String before = fingerprints.putIfAbsent(op.opId(), fp);
            if (before != null && !before.equals(fp)) {
                reusedOpIds.incrementAndGet();
            }
            accepted.add("\"" + op.opId() + "\"");
            if (before == null) {
                publish(device, op.opId());
            }
        }
        if (dropEvery > 0 && posts.incrementAndGet() % dropEvery == 0) {
            droppedPosts.incrementAndGet(); // stored, but the 202 never arrives
            return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
        }
        if (rejected.isEmpty()) {
            return json(202, "{\"accepted\":[" + String.join(",", accepted) + "]}");
        }
        return json(422, "{\"error\":\"INVALID_OPERATIONS\",\"message\":\"" + rejected.size() + " rejected\","
                + "\"accepted\":[" + String.join(",", accepted) + "],\"rejected\":[" + String.join(",", rejected) + "]}");
    }

    private void publish(String device, String opId) {
        synchronized (events) {
            int id = events.size() + 1;
            String json = "{\"id\":" + id + ",\"type\":\"op.result\",\"tenant\":\"acme\",\"deviceId\":\"" + device
                    + "\",\"at\":\"2026-11-22T08:15:31Z\",\"data\":" + LanJson.write(OperationResult.applied(opId, null)) + "}";
            events.add("id: " + id + "\nevent: op.result\ndata: " + json + "\n\n");
            events.notifyAll();
        }
    }

    /** Events after {@code after}, waiting up to 300 ms for one to exist. */
    private String eventsAfter(int after) throws InterruptedException {
        long deadline = System.nanoTime() + 300_000_000L;
        synchronized (events) {
            while (events.size() <= after && System.nanoTime() < deadline) {
                events.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            }
            StringBuilder b = new StringBuilder(": keep-alive\n\n");
            for (int i = after; i < events.size(); i++) {
                b.append(events.get(i));
            }
            return b.toString();
        }
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody(body);
    }
}
