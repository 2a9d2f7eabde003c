package dev.floorgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.lan.PrintJobEvent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 finding 2: a revoked device's already-open {@code /api/v1/events} stream kept delivering its tenant's
 * events. Each test holds a real stream open with an HTTP client, ends the principal's access through the API
 * (revoke, re-enroll, sign-out, password change) and shows the server ends the response within a second and that
 * a tenant event published afterwards never reaches it. Also the per-device and per-gateway stream limits.
 */
class StreamRevocationAttackTest {
    private static final String PASSWORD = "Streams-Test-Passw0rd-2026";
    @TempDir
    Path dataDir;
    TestGateway gateway;
    EventHub hub;
    final List<SseClient> streams = new ArrayList<>();

    @BeforeEach
    void start() {
        gateway = new TestGateway(dataDir, Map.of("fg.limits.streams-total", 8));
        hub = gateway.context().getBean(EventHub.class);
    }

    @AfterEach
    void stop() {
        streams.forEach(SseClient::close);
        gateway.close();
    }

    /** Opens a stream and shows it live: a tenant event published now reaches it. */
    private SseClient liveStream(String token, String path) throws Exception {
        SseClient s = new SseClient(gateway.url(path), token);
        streams.add(s);
        // The response's headers leave with its first frame: publish until one reaches this stream.
        long until = System.currentTimeMillis() + 5000;
        String marker;
        do {
            marker = "live-" + System.nanoTime();
            publishAcme(marker);
        } while (!s.receives(marker, 100) && System.currentTimeMillis() < until);
        assertThat(s.status(1)).isEqualTo(200);
        assertThat(s.received(marker)).as("the stream is live: " + s.lines).isTrue();
        return s;
    }

    private void publishAcme(String jobId) {
        hub.publish(GatewayEvent.PRINT_JOB, "acme", null, PrintJobEvent.builder().jobId(jobId).state("QUEUED")
                .build());
    }

    /** The response ends within a second of {@code endAccess}; an acme event published after never arrives. */
    private void assertEndsAndHearsNothingMore(SseClient s) throws Exception {
        assertThat(s.endsWithin(1000)).as("the stream ended within a second of access ending: " + s.lines).isTrue();
        publishAcme("after-the-end");
        Thread.sleep(300);
        assertThat(s.received("after-the-end")).as("no tenant event after access ended").isFalse();
    }

    private String signIn() throws Exception {
        HttpResponse<String> first = gateway.post("/api/v1/admin/login", null,
                "{\"username\":\"admin\",\"password\":\"floorgate\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String token = TestGateway.field(first.body(), "token");
        HttpResponse<String> changed = gateway.post("/api/v1/admin/password", token,
                "{\"currentPassword\":\"floorgate\",\"newPassword\":\"" + PASSWORD + "\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        return token;
    }

    private String signInAgain(String password) throws Exception {
        HttpResponse<String> r = gateway.post("/api/v1/admin/login", null,
                "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestGateway.field(r.body(), "token");
    }

    @Test
    void revokingADeviceEndsItsOpenStreamsAtOnce() throws Exception {
        String token = gateway.enroll("pda-1", "acme", "SH01");
        SseClient own = liveStream(token, "/api/v1/events");
        SseClient supervisor = liveStream(token, "/api/v1/events?scope=tenant");
        String other = gateway.enroll("pda-2", "acme", "SH01");
        SseClient bystander = liveStream(other, "/api/v1/events");

        HttpResponse<String> revoke = gateway.post("/api/v1/admin/devices/pda-1/revoke", TestGateway.ADMIN_TOKEN,
                "{}");
        assertThat(revoke.body()).contains("\"revoked\":true");

        assertEndsAndHearsNothingMore(own);
        assertEndsAndHearsNothingMore(supervisor);
        assertThat(bystander.ended()).as("another device's stream stays open").isFalse();
        assertThat(bystander.received("after-the-end")).isTrue();
        SseClient again = new SseClient(gateway.url("/api/v1/events"), token);
        streams.add(again);
        assertThat(again.status(5)).as("the revoked token opens no new stream").isEqualTo(401);
    }

    @Test
    void reEnrollingADeviceEndsTheOldTokensStreams() throws Exception {
        String oldToken = gateway.enroll("pda-3", "acme", "SH01");
        SseClient old = liveStream(oldToken, "/api/v1/events");

        String newToken = gateway.reenroll("pda-3", "acme", "SH01");

        assertEndsAndHearsNothingMore(old);
        liveStream(newToken, "/api/v1/events");
    }

    @Test
    void signingOutEndsThatSessionsStreams() throws Exception {
        String session = signIn();
        SseClient admin = liveStream(session, "/api/v1/events");
        SseClient byToken = liveStream(TestGateway.ADMIN_TOKEN, "/api/v1/events");

        HttpResponse<String> out = gateway.post("/api/v1/admin/logout", session, "{}");
        assertThat(out.statusCode()).as(out.body()).isEqualTo(200);

        assertEndsAndHearsNothingMore(admin);
        assertThat(byToken.ended()).as("the admin token's stream is not the session's").isFalse();
    }

    @Test
    void aPasswordChangeEndsEveryStreamOfThatUser() throws Exception {
        String first = signIn();
        String stolen = signInAgain(PASSWORD); // say, a session on a forgotten or stolen laptop
        SseClient onStolen = liveStream(stolen, "/api/v1/events");
        SseClient onFirst = liveStream(first, "/api/v1/events");

        HttpResponse<String> changed = gateway.post("/api/v1/admin/password", first,
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + PASSWORD + "-next\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

        assertEndsAndHearsNothingMore(onStolen);
        assertEndsAndHearsNothingMore(onFirst);
        SseClient retry = new SseClient(gateway.url("/api/v1/events"), stolen);
        streams.add(retry);
        assertThat(retry.status(5)).as("the ended session opens no new stream").isEqualTo(401);
        liveStream(first, "/api/v1/events"); // the session that changed the password reconnects
    }

    @Test
    void aDeviceHoldsAtMostFourStreamsTheOldestIsClosed() throws Exception {
        String token = gateway.enroll("pda-4", "acme", "SH01");
        List<SseClient> mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mine.add(liveStream(token, "/api/v1/events"));
        }
        SseClient fifth = liveStream(token, "/api/v1/events");

        assertThat(mine.get(0).endsWithin(1000)).as("the oldest stream is closed for the fifth").isTrue();
        for (SseClient s : List.of(mine.get(1), mine.get(2), mine.get(3), fifth)) {
            assertThat(s.ended()).isFalse();
        }
        assertThat(hub.openStreams()).isEqualTo(4);
    }

    @Test
    void theGatewaysStreamLimitRefusesOneMoreWith503() throws Exception {
        for (int i = 0; i < 8; i++) {
            liveStream(gateway.enroll("pda-l" + i, "acme", "SH01"), "/api/v1/events");
        }
        SseClient ninth = new SseClient(gateway.url("/api/v1/events"), gateway.enroll("pda-l9", "acme", "SH01"));
        streams.add(ninth);
        assertThat(ninth.status(5)).isEqualTo(503);
        assertThat(ninth.endsWithin(2000)).isTrue();
        assertThat(String.join("\n", ninth.lines)).contains("BUSY").contains("fg.limits.streams-total");
    }
}
