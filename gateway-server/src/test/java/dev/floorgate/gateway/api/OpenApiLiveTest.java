package dev.floorgate.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.lan.LanJson;
import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.devices.sim.ScaleSimulator;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LAN API's OpenAPI document against the live gateway: a real gateway-server (with a printer simulator) serves
 * the document at /openapi.yml, every documented operation is called, and every answer's status must be one the
 * document lists for it and its body must match the schema (see {@link OpenApiDocument}: types, nullability and
 * required fields by json-schema-validator, plus no undeclared property and no missing always-written one).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiLiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = TestGateway.ADMIN_TOKEN;
    /** fg.photos.max-photo-bytes and quota of the live gateway: small, so that 413 and 507 are cheap to reach. */
    private static final long PHOTO_MAX = 100_000;
    private static final long PHOTO_QUOTA = 150_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Set<String> called = new TreeSet<>();
    private Path apk;
    private PrinterSimulator printer;
    private com.sun.net.httpserver.HttpServer camera;
    private ScaleSimulator scale;
    private TestGateway gateway;
    private OpenApiDocument document;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        printer = PrinterSimulator.builder().captureDir(dir.resolve("labels")).start();
        scale = ScaleSimulator.listen(0).start();
        scale.weight("0.9");
        apk = dir.resolve("floorgate-picker.apk");
        Files.write(apk, new byte[] {'P', 'K', 3, 4, 0, 0});
        Files.writeString(dir.resolve("floorgate-picker.apk.properties"), "versionCode=3\nversionName=0.3.0\n");
        // a station camera: one still at /snap.jpg; /down answers 503 like a camera that is rebooting
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "jpg", jpeg);
        byte[] still = jpeg.toByteArray();
        camera = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        camera.createContext("/snap.jpg", x -> {
            x.sendResponseHeaders(200, still.length);
            try (java.io.OutputStream o = x.getResponseBody()) {
                o.write(still);
            }
        });
        camera.createContext("/down", x -> {
            x.sendResponseHeaders(503, -1);
            x.close();
        });
        camera.start();
        String cameraBase = "http://127.0.0.1:" + camera.getAddress().getPort();
        gateway = new TestGateway(dir.resolve("data"), Map.of(
                "fg.printers.pack-1.url", "tcp://127.0.0.1:" + printer.port() + "?statusTimeout=1s&pollInterval=0",
                "fg.print.hold-poll-interval", "100ms", "fg.apk.path", apk.toString(),
                "fg.scales.live-scale.url", "tcp://127.0.0.1:" + scale.port() + "?answerTimeout=300ms",
                "fg.photos.max-photo-bytes", Long.toString(PHOTO_MAX), "fg.photos.quota", Long.toString(PHOTO_QUOTA),
                "fg.cameras.dock.url", cameraBase + "/snap.jpg", "fg.cameras.down.url", cameraBase + "/down",
                "fg.cameras.betas.url", cameraBase + "/snap.jpg", "fg.cameras.betas.tenant", "beta"));
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(OpenApiDocument.RESOURCE)) {
            document = new OpenApiDocument(in.readAllBytes());
        }
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (printer != null) {
            printer.close();
        }
        if (camera != null) {
            camera.stop(0);
        }
        if (scale != null) {
            scale.close();
        }
    }

    @Test
    void theDocumentIsServedAsLanApiHasItWithoutAToken() throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(gateway.url("/openapi.yml"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/yaml"));
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(OpenApiDocument.RESOURCE)) {
            assertThat(r.body()).isEqualTo(in.readAllBytes());
        }
    }

    @Test
    void theCheckRefusesAnUndeclaredFieldAMissingOneAndAWrongKind() throws Exception {
        JsonNode extra = JSON.readTree("{\"operator\":\"U-1\",\"deviceId\":\"d\",\"tenant\":\"t\",\"warehouse\":\"w\","
                + "\"shift\":3}");
        assertThat(document.problems("Session", extra)).anyMatch(p -> p.contains("Session.shift: sent but not declared"));
        JsonNode missing = JSON.readTree("{\"operator\":\"U-1\",\"deviceId\":\"d\",\"tenant\":\"t\"}");
        assertThat(document.problems("Session", missing)).anyMatch(p -> p.contains("Session.warehouse: missing"));
        JsonNode wrongKind = JSON.readTree("{\"deviceId\":\"d\",\"loggedOut\":\"yes\"}");
        assertThat(document.problems("Logout", wrongKind)).isNotEmpty();
        JsonNode nested = JSON.readTree("{\"jobs\":[{\"jobId\":\"j\",\"surprise\":1}]}");
        assertThat(document.problems("PrintJobList", nested)).anyMatch(p -> p.contains("PrintJobList.jobs[0].surprise"));
        JsonNode fine = JSON.readTree("{\"operator\":\"U-1\",\"deviceId\":\"d\",\"tenant\":null,\"warehouse\":\"w\"}");
        assertThat(document.problems("Session", fine)).isEmpty();
    }

    @Test
    void everyDocumentedOperationAnswersAsTheDocumentSays() throws Exception {
        call("GET", "/openapi.yml", "/openapi.yml", null, null, 200);
        call("GET", "/health", "/health", null, null, 200);

        // enrollment and devices
        String codes = "/api/v1/admin/enrollment-codes";
        JsonNode code = call("POST", codes, codes, ADMIN, "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}", 201);
        call("POST", codes, codes, ADMIN, "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"ttlMinutes\":\"x\"}", 400);
        call("POST", codes, codes, null, "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}", 401);
        String enroll = "/api/v1/devices/enroll";
        JsonNode enrolled = call("POST", enroll, enroll, null, "{\"code\":\"" + code.get("code").asText()
                + "\",\"deviceId\":\"pda-live\",\"kind\":\"pda\"}", 200);
        String acme = enrolled.get("token").asText();
        call("POST", enroll, enroll, null, "{\"code\":\"" + code.get("code").asText() + "\",\"deviceId\":\"pda-2\"}",
                403);
        String gone = gateway.enroll("pda-gone", "acme", "SH01");
        call("GET", "/api/v1/admin/devices", "/api/v1/admin/devices", ADMIN, null, 200);
        call("GET", "/api/v1/admin/devices", "/api/v1/admin/devices", acme, null, 401);
        String revoke = "/api/v1/admin/devices/{deviceId}/revoke";
        call("POST", revoke, "/api/v1/admin/devices/pda-gone/revoke", ADMIN, "", 200);
        call("POST", revoke, "/api/v1/admin/devices/pda-gone/revoke", gone, "", 401);

        // sessions
        call("POST", "/api/v1/sessions", "/api/v1/sessions", acme, "{\"badge\":\"U-42\"}", 200);
        call("POST", "/api/v1/sessions", "/api/v1/sessions", acme, "{\"badge\":\"not a badge!\"}", 400);
        call("DELETE", "/api/v1/sessions", "/api/v1/sessions", acme, null, 200);
        call("DELETE", "/api/v1/sessions", "/api/v1/sessions", null, null, 401);

        // operations, tasks, scans
        String ops = "/api/v1/operations";
        String opId = "0190f5c2-7b1a-7c3e-8f00-000000000b01";
        call("POST", ops, ops, acme, op(opId, "acme", 2), 202);
        call("POST", ops, ops, acme, "{\"operations\":[" + op(opId.replace("b01", "b02"), "acme", 1) + ","
                + op(opId.replace("b01", "b03"), "acme", 0) + "]}", 422);
        call("POST", ops, ops, acme, op(opId.replace("b01", "b04"), "beta", 1), 403);
        call("POST", ops, ops, acme, "{\"opId\": ", 400);
        call("GET", "/api/v1/operations/{opId}", ops + "/" + opId, acme, null, 200);
        call("GET", "/api/v1/operations/{opId}", ops + "/nope", acme, null, 404);
        call("GET", "/api/v1/tasks", "/api/v1/tasks?type=PICK", acme, null, 200);
        call("GET", "/api/v1/tasks", "/api/v1/tasks?type=PUT", acme, null, 400);
        String scans = "/api/v1/scans";
        call("POST", scans, scans, acme, "{\"data\":\"A-01-01\"}", 200);
        call("POST", scans, scans, acme, "{\"data\":\"]C1010950110153000317260101\"}", 200);
        call("POST", scans, scans, acme, "{\"data\":\"]C10109501101530004\"}", 200);
        call("POST", scans, scans, acme, "{\"symbology\":\"]C1\"}", 400);

        // parcel photos (the body is the JPEG itself)
        String photos = "/api/v1/photos";
        byte[] jpeg = new byte[2048];
        new java.util.Random(17).nextBytes(jpeg);
        jpeg[0] = (byte) 0xff;
        jpeg[1] = (byte) 0xd8;
        jpeg[2] = (byte) 0xff;
        jpeg[2046] = (byte) 0xff;
        jpeg[2047] = (byte) 0xd9;
        String photo = photos + "?parcelId=P-live&shot=label";
        call("POST", photos, photo, acme, "image/jpeg", jpeg, 201);
        call("POST", photos, photos + "?shot=label", acme, "image/jpeg", jpeg, 400);
        call("POST", photos, photo, null, "image/jpeg", jpeg, 401);
        call("POST", photos, photo + "&tenant=beta", acme, "image/jpeg", jpeg, 403);
        call("POST", photos, photo, acme, "image/jpeg", new byte[(int) PHOTO_MAX + 1], 413);
        call("POST", photos, photo, acme, "image/png", jpeg, 415);
        call("POST", photos, photos + "?parcelId=P-live&shot=side", acme, "image/jpeg", bigJpeg(90_000), 201);
        call("POST", photos, photos + "?parcelId=P-live&shot=top", acme, "image/jpeg", bigJpeg(95_000), 507);
        call("GET", photos, photos + "?parcelId=P-live", acme, null, 200);
        call("GET", photos, photos, acme, null, 400);
        call("GET", photos, photos + "?parcelId=P-live", null, null, 401);
        String template = photos + "/template";
        call("GET", template, template + "?parcelId=P-live", acme, null, 200);
        call("GET", template, template + "?parcelId=bad%20id", acme, null, 400);
        call("GET", template, template, null, null, 401);
        String snapshot = photos + "/snapshot";
        call("POST", snapshot, snapshot + "?camera=dock&parcelId=P-cam&shot=top", acme, null, 201);
        call("POST", snapshot, snapshot + "?camera=nope&parcelId=P-cam&shot=top", acme, null, 400);
        call("POST", snapshot, snapshot + "?camera=dock&parcelId=P-cam&shot=top", null, null, 401);
        call("POST", snapshot, snapshot + "?camera=betas&parcelId=P-cam&shot=top", acme, null, 403);
        call("POST", snapshot, snapshot + "?camera=down&parcelId=P-cam&shot=top", acme, null, 502);

        // parcel intake (issue 17): the live gateway is offline, so intakes wait in its parcel book
        String intake = "/api/v1/parcels/intake";
        call("POST", intake, intake, acme, "{\"scan\":\"1Z5R89390357567127\",\"location\":\"NO-OWNER-1\"}", 201);
        call("POST", intake, intake, acme, "{\"scan\":\"1Z5R89390357567127\",\"location\":\"SHELF-A-1\"}", 200);
        call("POST", intake, intake, acme, "{\"scan\":\"AB\",\"location\":\"S-1\"}", 400);
        call("POST", intake, intake, null, "{\"scan\":\"1Z5R89390357567127\",\"location\":\"S-1\"}", 401);
        String intakes = "/api/v1/parcels/intakes";
        call("GET", intakes, intakes + "?state=PENDING", acme, null, 200);
        call("GET", intakes, intakes + "?state=LOST", acme, null, 400);
        call("GET", intakes, intakes, null, null, 401);

        // the packing station (no rate cards here: pricing is PackingApiTest's)
        String waiting = "/api/v1/packing/parcels";
        call("GET", waiting, waiting + "?customer=C-100", acme, null, 200);
        call("GET", waiting, waiting, acme, null, 400);
        call("GET", waiting, waiting + "?customer=C-100", null, null, 401);
        String weight = "/api/v1/packing/weight";
        call("GET", weight, weight + "?scale=live-scale", acme, null, 200);
        call("GET", weight, weight + "?scale=nowhere", acme, null, 404);
        call("GET", weight, weight, acme, null, 400);
        call("GET", weight, weight + "?scale=live-scale", null, null, 401);
        String quote = "/api/v1/packing/quote";
        String carton = "\"lengthMm\":300,\"widthMm\":200,\"heightMm\":100,\"country\":\"DE\"";
        call("POST", quote, quote, acme, "{\"customer\":\"C-100\",\"parcels\":[\"P-none\"],\"weightGrams\":900,"
                + carton + "}", 409);
        call("POST", quote, quote, acme, "{\"customer\":\"C-100\",\"parcels\":[]," + carton + "}", 400);
        call("POST", quote, quote, null, "{\"customer\":\"C-100\"}", 401);
        String shipments = "/api/v1/packing/shipments";
        call("POST", shipments, shipments, acme, "{\"customer\":\"C-100\",\"parcels\":[\"P-none\"],\"carrier\":"
                + "\"dhl\",\"service\":\"express\",\"version\":1,\"weightGrams\":900," + carton + "}", 409);
        call("POST", shipments, shipments, acme, "{\"customer\":\"C-100\"}", 400);
        call("POST", shipments, shipments, null, "{\"customer\":\"C-100\"}", 401);

        // print jobs, with the event stream they feed
        BlockingQueue<String> sse = subscribe(ADMIN);
        String jobs = "/api/v1/print-jobs";
        call("POST", jobs, jobs, acme, "{\"jobId\":\"live-1\",\"printer\":\"pack-1\",\"template\":\"bin-location\","
                + "\"data\":{\"bin\":\"A-01-01\",\"warehouse\":\"SH01\"}}", 202);
        call("POST", jobs, jobs, acme, "{\"jobId\":\"live-1\",\"printer\":\"pack-1\",\"zpl\":\"^XA^XZ\"}", 409);
        call("POST", jobs, jobs, acme, "{\"jobId\":\"live-2\",\"printer\":\"nope\",\"zpl\":\"^XA^XZ\"}", 400);
        call("POST", jobs, jobs, acme, "{\"jobId\":\"live-3\",\"tenant\":\"beta\",\"printer\":\"pack-1\","
                + "\"zpl\":\"^XA^XZ\"}", 403);
        call("GET", jobs, jobs + "?limit=10", acme, null, 200);
        call("GET", jobs, jobs + "?state=SOMETIME", acme, null, 400);
        call("GET", "/api/v1/print-jobs/{jobId}", jobs + "/live-1", acme, null, 200);
        call("GET", "/api/v1/print-jobs/{jobId}", jobs + "/nope", acme, null, 404);
        String decision = "{\"reason\":\"checked by the live test\"}";
        call("POST", "/api/v1/print-jobs/{jobId}/mark-printed", jobs + "/live-1/mark-printed", acme, decision, 409);
        call("POST", "/api/v1/print-jobs/{jobId}/reprint", jobs + "/nope/reprint", acme, decision, 404);
        call("POST", "/api/v1/print-jobs/{jobId}/discard", jobs + "/live-1/discard", acme, "{\"reason\":7}", 400);
        int reprinted = status("POST", jobs + "/live-1/reprint", acme, decision);
        call("POST", "/api/v1/print-jobs/{jobId}/reprint", jobs + "/live-1/reprint", acme, decision, reprinted);
        int discarded = status("POST", jobs + "/live-1/discard", acme, decision);
        call("POST", "/api/v1/print-jobs/{jobId}/discard", jobs + "/live-1/discard", acme, decision, discarded);
        checkEvents(sse);

        // devices and templates
        call("GET", "/api/v1/devices", "/api/v1/devices", acme, null, 200);
        call("GET", "/api/v1/devices", "/api/v1/devices", ADMIN, null, 200);
        call("GET", "/api/v1/devices", "/api/v1/devices", null, null, 401);
        String printers = "/api/v1/admin/printers";
        String adopt = "{\"name\":\"pack-9\",\"url\":\"tcp://127.0.0.1:" + printer.port() + "?pollInterval=0\","
                + "\"description\":\"ZT411\"}";
        call("POST", printers, printers, ADMIN, adopt, 201);
        call("POST", printers, printers, ADMIN, adopt, 409);
        call("POST", printers, printers, ADMIN, "{\"name\":\"pack-x\",\"url\":\"tcp://nowhere\"}", 400);
        call("GET", "/api/v1/templates", "/api/v1/templates", acme, null, 200);
        call("GET", "/api/v1/templates/{name}", "/api/v1/templates/bin-location", acme, null, 200);
        call("GET", "/api/v1/templates/{name}", "/api/v1/templates/nope", acme, null, 404);
        call("GET", "/api/v1/templates/{name}/preview.png", "/api/v1/templates/bin-location/preview.png?bin=B-1",
                acme, null, 200);
        call("GET", "/api/v1/templates/{name}/preview.png", "/api/v1/templates/bin-location/preview.png?data=%7B",
                acme, null, 400);
        call("GET", "/api/v1/templates/{name}/preview.png", "/api/v1/templates/nope/preview.png", acme, null, 404);
        String raw = "/api/v1/templates/preview.png";
        call("POST", raw, raw, acme, "{\"zpl\":\"^XA^FO20,20^A0N,30,30^FDHi^FS^XZ\",\"dpi\":203}", 200);
        call("POST", raw, raw, acme, "{\"dpi\":203}", 400);

        call("GET", "/api/v1/app", "/api/v1/app", null, null, 200);
        call("GET", "/app/floorgate-picker.apk", "/app/floorgate-picker.apk", null, null, 200);
        Files.delete(apk); // the file gone: both answer the documented 404
        call("GET", "/api/v1/app", "/api/v1/app", null, null, 404);
        call("GET", "/app/floorgate-picker.apk", "/app/floorgate-picker.apk", null, null, 404);

        assertThat(called).as("documented operations this test did not call").containsAll(document.operations());
    }

    /**
     * Sends a request, checks the status is the one expected and one the document lists for the operation, the
     * content type is a documented one, and a JSON body matches its schema. Returns the JSON body (or null).
     */
    private JsonNode call(String method, String template, String path, String token, String body, int expected)
            throws Exception {
        return call(method, template, path, token, body == null ? null : "application/json",
                body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), expected);
    }

    private JsonNode call(String method, String template, String path, String token, String sentType,
            byte[] body, int expected) throws Exception {
        HttpResponse<String> r = send(method, path, token, sentType, body);
        String what = method + " " + path + (body == null ? "" : " " + (sentType.equals("application/json")
                ? new String(body, java.nio.charset.StandardCharsets.UTF_8) : sentType + " " + body.length + " bytes"));
        assertThat(r.statusCode()).as(what + " -> " + r.body()).isEqualTo(expected);
        called.add(method + " " + template);
        Map<String, String> documented = document.response(method, template, r.statusCode());
        String contentType = r.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", "").trim();
        assertThat(documented).as(what + ": content type " + contentType).containsKey(contentType);
        String schema = documented.get(contentType);
        if (!contentType.equals("application/json") || schema == null) {
            return null;
        }
        JsonNode json = JSON.readTree(r.body());
        List<String> problems = new ArrayList<>();
        if (schema.endsWith("[]")) {
            assertThat(json.isArray()).as(what + ": a JSON array").isTrue();
            for (JsonNode element : json) {
                problems.addAll(document.problems(schema.substring(0, schema.length() - 2), element));
            }
        } else {
            problems.addAll(document.problems(schema, json));
        }
        assertThat(problems).as(what + " -> " + r.statusCode() + " " + r.body()).isEmpty();
        return json;
    }

    private int status(String method, String path, String token, String body) throws Exception {
        return send(method, path, token, body).statusCode();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return send(method, path, token, body == null ? null : "application/json",
                body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType, byte[] body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens GET /api/v1/events and queues its lines (the stream stays open until the gateway closes). */
    private BlockingQueue<String> subscribe(String token) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        http.sendAsync(HttpRequest.newBuilder(URI.create(gateway.url("/api/v1/events")))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> {
                    lines.add("status: " + r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse(""));
                    try (Stream<String> body = r.body()) {
                        body.forEach(lines::add);
                    } catch (RuntimeException e) {
                        lines.add("closed: " + e);
                    }
                });
        return lines;
    }

    /**
     * Reads frames until a print-job event; each frame's data must be a GatewayEvent, its data of its type, and its
     * id and event lines the event's.
     */
    private void checkEvents(BlockingQueue<String> lines) throws Exception {
        String first = lines.poll(20, TimeUnit.SECONDS);
        assertThat(first).as("the event stream's answer").isNotNull().startsWith("status: 200 text/event-stream");
        document.response("GET", "/api/v1/events", 200);
        called.add("GET /api/v1/events");
        Map<String, String> dataSchemas = Map.of("op.result", "OperationResult", "op.rejected", "OperationResult",
                "print-job", "PrintJobEvent", "device", "DeviceEvent", "station", "StationEvent");
        String id = null;
        String type = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                type = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                JsonNode event = JSON.readTree(line.substring(5).trim());
                assertThat(document.problems("GatewayEvent", event)).as(line).isEmpty();
                assertThat(event.get("id").asText()).isEqualTo(id);
                assertThat(event.get("type").asText()).isEqualTo(type);
                String dataSchema = dataSchemas.get(type);
                assertThat(dataSchema).as("a documented event type: " + type).isNotNull();
                assertThat(document.problems(dataSchema, event.get("data"))).as(line).isEmpty();
                if ("print-job".equals(type)) {
                    // the frame's data line is the hub's event as LanJson writes it, byte for byte (lan-api's
                    // golden event bodies pin those bytes to what the gateway sent before the types)
                    long eventId = Long.parseLong(id);
                    GatewayEvent published = gateway.context().getBean(EventHub.class)
                            .recent(e -> e.id() == eventId, 1).get(0);
                    assertThat(line).isEqualTo("data: " + LanJson.write(published));
                    return;
                }
            }
        }
        throw new AssertionError("no print-job event within 20 s on the event stream");
    }

    /** JPEG markers around random bytes, {@code size} bytes (the gateway checks the markers, not the image). */
    private static byte[] bigJpeg(int size) {
        byte[] b = new byte[size];
        new java.util.Random(size).nextBytes(b);
        b[0] = (byte) 0xff;
        b[1] = (byte) 0xd8;
        b[2] = (byte) 0xff;
        b[size - 2] = (byte) 0xff;
        b[size - 1] = (byte) 0xd9;
        return b;
    }

    private static String op(String opId, String tenant, int qty) {
        return "{\"opId\":\"" + opId + "\",\"tenant\":\"" + tenant + "\",\"warehouse\":\"SH01\",\"type\":\"PICK\","
                + "\"sku\":\"SKU-123\",\"qty\":" + qty + ",\"location\":\"A-01-03\"}";
    }
}
