package dev.floorgate.pda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.SignedHeaders;
import java.io.IOException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The app's clock-offset check from the gateway's X-FG-Core-Time (issue 20). */
class ClockCheckTest {
    private MockWebServer server;
    private GatewayClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
        client = new GatewayClient(server.url("/").toString(), GatewayClient.defaultHttpClient()).withToken("fgd_x");
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private void answerWithCoreTime(long coreMillis) {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                .setHeader(SignedHeaders.CORE_TIME, Long.toString(coreMillis)).setBody("{\"tasks\":[]}"));
    }

    @Test
    void aDeviceAnHourBehindCoreTimeIsWarnedAndSaysItsTimeOnEveryRequest() throws Exception {
        assertThat(client.clockCheck().known()).isFalse();
        answerWithCoreTime(System.currentTimeMillis() + 3_600_000L);

        client.tasks();

        RecordedRequest req = server.takeRequest();
        long said = Long.parseLong(req.getHeader(SignedHeaders.DEVICE_TIME));
        assertThat(said).isBetween(System.currentTimeMillis() - 10_000, System.currentTimeMillis());
        ClockCheck c = client.clockCheck();
        assertThat(c.offsetMillis()).isBetween(-3_602_000L, -3_598_000L);
        assertThat(c.off(ClockCheck.DEFAULT_WARN_MILLIS)).isTrue();
        assertThat(c.warning(ClockCheck.DEFAULT_WARN_MILLIS)).isEqualTo("This device's clock is 60 min behind: "
                + "tell site IT");
    }

    @Test
    void aClockWithinAFewMinutesIsNotWarnedAbout() throws Exception {
        answerWithCoreTime(System.currentTimeMillis() - 60_000L);
        client.tasks();
        assertThat(client.clockCheck().known()).isTrue();
        assertThat(client.clockCheck().off(ClockCheck.DEFAULT_WARN_MILLIS)).isFalse();
        assertThat(client.clockCheck().warning(ClockCheck.DEFAULT_WARN_MILLIS)).isNull();
    }
}
