package dev.floorgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.gateway.internal.stations.StationProblems;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.sync.LocationItem;
import dev.floorgate.sync.OrderItem;
import dev.floorgate.sync.OrderLine;
import dev.floorgate.sync.SkuItem;
import dev.floorgate.sync.SyncEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON the /admin/ and /pick/ pages read, pinned as shapes: every key in order, with the kind of its value
 * ({@code s} string, {@code n} number, {@code b} boolean, {@code null}), so a field that goes missing, moves, turns
 * from null to absent or changes kind fails here before the pages' JavaScript notices.
 */
class PageJsonShapesTest {
    static final String OP = "0190f5c2-7b1a-7c3e-8f00-00000000c001";

    static final String REJECTION = "{opId:s,tenant:s,deviceId:s,type:s,sku:s,qty:n,location:s,orderNo:s,code:s,"
            + "message:s,rejectedAt:s,acknowledgedAt:null,acknowledgedBy:null}";
    static final String PRINTER = "{name:s,description:s,url:s,state:s,stateText:s,online:b,connected:b,"
            + "faults:[],detail:s,lastSeen:null,since:s,fault:b,stale:b,labelsRemaining:null,model:null,firmware:null,"
            + "dpi:null,jobs:{HELD:n},closedLoop:null,closedLoopNote:null,clockOffsetSeconds:null,clockSetByGateway:b,"
            + "clockOff:b}";
    static final String JOB = "{jobId:s,tenant:s,printer:s,station:null,template:null,raw:b,data:{},copies:n,"
            + "zplBytes:n,state:s,fault:s,faultDetail:s,attempts:n,createdAt:s,updatedAt:s,printedAt:null,"
            + "createdBy:s,resolution:null}";
    static final String OVERVIEW = "{generatedAt:s,refreshSeconds:n,deviceStaleMinutes:n,"
            + "gateway:{name:s,version:s,startedAt:s,uptimeSeconds:n,addresses:[s*],urls:[s*],pdaUrl:s,https:b,timeZone:s},"
            + "core:{configured:b,reachable:null,checkedAt:null,lastError:null,lastErrorAt:null,url:null,failovers:n},"
            + "sync:{unsynced:n,oldestUnsyncedAgeSeconds:n,lastSyncAt:null,syncRatePerSecond:n,acceptedTotal:n,"
            + "rejectedTotal:n,cacheAgeSeconds:null,diskFreeBytes:n},"
            + "rejections:[" + REJECTION + "],"
            + "printers:[" + PRINTER + "],"
            + "printQueue:{held:[" + JOB + "],maybePrinted:[],recent:[]},"
            + "pdas:[{deviceId:s,tenant:s,warehouse:s,kind:s,enrolledAt:s,revokedAt:null,lastSeen:s,stale:b,"
            + "queued:n,openRejections:n,operator:s,reportedAt:s}],"
            + "scanners:[{name:s,description:s,url:s,connected:b,since:s,lastScanAt:null,scans:n,problems:n,"
            + "lastProblem:null}],"
            + "attention:[{kind:s,count:n,text:s,section:s},{kind:s,count:n,text:s,section:s},"
            + "{kind:s,count:n,text:s,section:s},{kind:s,count:n,text:s,section:s},"
            + "{kind:s,count:n,text:s,section:s}],"
            + "stationProblems:[{station:s,scan:s,reason:s,at:s}],"
            + "clocks:{measured:b,gatewayOffsetSeconds:n,problem:null,deviceMaxOffsetSeconds:n,pdas:[],printers:[]}}";

    @TempDir
    Path dataDir;
    TestGateway gateway;
    String device;

    @BeforeEach
    void start() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort(); // nothing listens here: the printer and scanner stay disconnected
        }
        Map<String, Object> config = new HashMap<>();
        String opts = "?statusTimeout=300ms&pollInterval=200ms&connectTimeout=300ms&reconnectMin=50ms"
                + "&reconnectMax=300ms";
        config.put("fg.printers.gone.url", "tcp://127.0.0.1:" + dead + opts);
        config.put("fg.scanners.dock.url", "tcp://127.0.0.1:" + dead);
        config.put("fg.web.discovery-targets", List.of("127.0.0.1"));
        config.put("fg.web.discovery-timeout", "300ms");
        gateway = new TestGateway(dataDir, config);
        gateway.context().getBean(SyncEngine.class).cache().apply(List.of(
                new SkuItem("acme", "SKU-123", "Blue widget", "EA", List.of("09501101530003"), List.of("WIDGET-B")),
                new LocationItem("acme", "SH01", "A-01-03", "BIN"),
                new OrderItem("acme", "SH01", "SO-991", "RESERVED",
                        List.of(new OrderLine(1, "SKU-123", 3, 3, 1, "A-01-03")))));
        device = gateway.enroll("pda-a", "acme", "SH01");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void theAdminPagesJsonKeepsItsKeysTheirOrderAndTheirNulls() throws Exception {
        HttpResponse<String> login = gateway.post("/api/v1/admin/login", null,
                "{\"username\":\"admin\",\"password\":\"floorgate\"}");
        assertThat(shape(login.body())).isEqualTo("{token:s,username:s,mustChangePassword:b,expiresAt:s}");
        String token = TestGateway.field(login.body(), "token");
        assertThat(shape(gateway.get("/api/v1/admin/me", token).body()))
                .isEqualTo("{username:s,mustChangePassword:b,expiresAt:s}");
        HttpResponse<String> changed = gateway.post("/api/v1/admin/password", token,
                "{\"currentPassword\":\"floorgate\",\"newPassword\":\"forklift-on-aisle-9\"}");
        assertThat(sortedShape(changed.body())).isEqualTo("{mustChangePassword:b,username:s}");

        HttpResponse<String> test = gateway.post("/api/v1/admin/printers/gone/test-print", token, "{}");
        assertThat(test.statusCode()).as(test.body()).isEqualTo(202);
        assertThat(shape(test.body())).startsWith("{jobId:s,tenant:s,printer:s,station:null,template:null,raw:b,");
        HttpResponse<String> code = gateway.post("/api/v1/admin/enrollment", token,
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"ttlMinutes\":5}");
        assertThat(shape(code.body()))
                .isEqualTo("{code:s,tenant:s,warehouse:s,expiresAt:s,url:s,caFingerprint:null,qrSvg:s,"
                        + "appUrl:null,appSha256:null,appQrSvg:null}");
        assertThat(shape(gateway.post("/api/v1/admin/station-problems/acknowledge", token, "{}").body()))
                .isEqualTo("{acknowledged:n}");
        assertThat(shape(gateway.post("/api/v1/admin/sync-now", token, "{}").body()))
                .isEqualTo("{requested:b,state:s}");
        assertThat(shape(gateway.post("/api/v1/admin/printers/discover", token, "{}").body()))
                .isEqualTo("{found:[],configured:[s]}");

        assertThat(shape(gateway.get("/api/v1/admin/overview", token).body()))
                .as("a PDA whose app never reported has no report fields")
                .containsPattern("pdas:\\[\\{deviceId:s,[^}]*,stale:b\\}\\]");
        gateway.post("/api/v1/pick/status", device, "{\"queued\":3,\"openRejections\":1,\"operator\":\"U-42\"}");
        reject();
        gateway.context().getBean(StationProblems.class).add("pack-1", "NOPE-1", "no order, SKU or bin matches");
        String overview = "";
        for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; Thread.sleep(200)) {
            overview = gateway.get("/api/v1/admin/overview", token).body();
            if (shape(overview).equals(OVERVIEW)) {
                break; // the job reached HELD, the rejection arrived
            }
        }
        assertThat(shape(overview)).as(overview).isEqualTo(OVERVIEW);
        String job = overview.substring(overview.indexOf("\"held\":[") + 9, overview.indexOf("],\"maybePrinted\""));
        assertThat(overview).contains("\"recent\":[]"); // the held job has not printed
        assertThat(gateway.get("/api/v1/print-jobs?state=HELD", TestGateway.ADMIN_TOKEN).body())
                .as("a held job reads as the print-jobs API shows it, byte for byte").contains(job);

        String other = gateway.enroll("pda-b", "acme", "SH01");
        gateway.post("/api/v1/pick/status", other, "{\"queued\":0}");
        assertThat(gateway.get("/api/v1/admin/overview", token).body())
                .as("a report without an operator says so; a PDA that never reported has no report fields")
                .contains("\"queued\":0,\"openRejections\":0,\"operator\":null,\"reportedAt\":\"");

        assertThat(gateway.post("/api/v1/admin/enrollment", token, "{\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                + "\"ttlMinutes\":0}").statusCode()).isEqualTo(400);
        String audit = gateway.get("/api/v1/admin/audit?limit=20", token).body();
        assertThat(shape(audit)).startsWith("{entries:[{id:n,at:s,actor:s,action:s,target:null,detail:s,status:n},");
        assertThat(audit).as("the audit keeps the words of each answer")
                .contains("\"action\":\"printer.discover\",\"target\":null,\"detail\":\"found=0\"")
                .contains("\"action\":\"sync.now\",\"target\":null,"
                        + "\"detail\":\"state=offline mode: no core configured\"")
                .contains("\"detail\":\"tenant=acme, warehouse=SH01, expiresAt=")
                .contains("\"detail\":\"error=INVALID, message=ttlMinutes: must be 1 to 10080 (a week), got 0\"")
                .containsPattern("\"action\":\"printer.test-print\",\"target\":\"gone\",\"detail\":\"state=[A-Z_]+, "
                        + "printer=gone, tenant=site\"");
        assertThat(shape(gateway.post("/api/v1/admin/logout", token, "{}").body())).isEqualTo("{loggedOut:b}");
    }

    @Test
    void thePickPagesJsonKeepsItsKeysTheirOrderAndTheirNulls() throws Exception {
        assertThat(shape(gateway.get("/api/v1/pick/context", device).body())).isEqualTo("{deviceId:s,tenant:s,"
                + "warehouse:s,operator:null,gateway:s,scanner:{maxGapMs:n,minLength:n,suffix:s,gsSubstitute:s,"
                + "duplicateWindowMs:n},siteTimeZone:s}");
        assertThat(shape(gateway.get("/api/v1/pick/tasks", device).body())).isEqualTo("{tasks:[{taskId:s,"
                + "orderNo:s,lineNo:n,sku:s,skuName:s,unit:s,gtins:[s],barcodes:[s],location:s,qty:n,picked:n,"
                + "remaining:n}],at:s}"); // cacheAgeSeconds only once a core sync filled the cache
        assertThat(sortedShape(gateway.post("/api/v1/pick/status", device, "{\"queued\":2}").body()))
                .isEqualTo("{deviceId:s,serverTime:s}");
        HttpResponse<String> newer = gateway.post("/api/v1/pick/status", device,
                "{\"queued\":2,\"battery\":80,\"settings\":{\"beep\":true}}");
        assertThat(newer.statusCode()).as("a newer app's extra fields are not an error: " + newer.body())
                .isEqualTo(200);
        reject();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                gateway.get("/api/v1/pick/rejections", device).body().contains(OP));
        assertThat(shape(gateway.get("/api/v1/pick/rejections", device).body()))
                .isEqualTo("{rejections:[" + REJECTION + "]}");
        assertThat(shape(gateway.post("/api/v1/pick/rejections/" + OP + "/ack", device, "{\"operator\":\"U-1\"}")
                .body())).isEqualTo(REJECTION.replace("acknowledgedAt:null,acknowledgedBy:null}",
                        "acknowledgedAt:s,acknowledgedBy:s,changed:b}"));
    }

    /** An operation the core rejected, as the sync engine publishes it (see PickApiTest). */
    private void reject() throws Exception {
        String op = "{\"opId\":\"" + OP + "\",\"type\":\"PICK\",\"sku\":\"SKU-123\",\"qty\":2,\"location\":\"A-01-03\","
                + "\"orderNo\":\"SO-991\"}";
        assertThat(gateway.post("/api/v1/operations", device, op).statusCode()).isEqualTo(202);
        // What the sync engine publishes when the core rejects the operation.
        gateway.context().getBean(EventHub.class).publish("op.rejected", "acme", "pda-a",
                OperationResult.rejected(OP, "INSUFFICIENT_RESERVATION", "order SO-991 has 1 reserved"));
    }

    /** The body with every value replaced by its kind, keys in the order they came. */
    static String shape(String json) throws IOException {
        StringBuilder out = new StringBuilder();
        Deque<boolean[]> open = new ArrayDeque<>(); // per container: {is an array, nothing written in it yet}
        try (JsonParser p = new JsonFactory().createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                boolean closing = t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY;
                if (!closing && !open.isEmpty() && (open.peek()[0] || t == JsonToken.FIELD_NAME)) {
                    out.append(open.peek()[1] ? "" : ",");
                    open.peek()[1] = false;
                }
                switch (t) {
                    case START_OBJECT -> {
                        out.append('{');
                        open.push(new boolean[] {false, true});
                    }
                    case START_ARRAY -> {
                        out.append('[');
                        open.push(new boolean[] {true, true});
                    }
                    case END_OBJECT -> {
                        out.append('}');
                        open.pop();
                    }
                    case END_ARRAY -> {
                        out.append(']');
                        open.pop();
                    }
                    case FIELD_NAME -> out.append(p.currentName()).append(':');
                    case VALUE_STRING -> out.append('s');
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.append('n');
                    case VALUE_TRUE, VALUE_FALSE -> out.append('b');
                    case VALUE_NULL -> out.append("null");
                    default -> throw new IllegalStateException("unexpected " + t);
                }
            }
        }
        // how many addresses the machine has is not the page's business
        return out.toString().replaceAll("(addresses|urls):\\[[s,]*\\]", "$1:[s*]");
    }

    /** The shape of a flat object whose key order the gateway never promised (it was built with Map.of). */
    static String sortedShape(String json) throws IOException {
        String s = shape(json);
        List<String> parts = new java.util.ArrayList<>(List.of(s.substring(1, s.length() - 1).split(",")));
        parts.sort(null);
        return "{" + String.join(",", parts) + "}";
    }
}
