package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.SignedHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 20 with real skew: the gateway's jar runs under libfaketime (Debian's {@code faketime}; the JVM needs
 * {@code FAKETIME_DONT_FAKE_MONOTONIC=1}, else its monotonic timers run skewed too and timed waits misbehave),
 * against the real core, which keeps its strict 300 s window. The fake offset is read from a file
 * ({@code FAKETIME_TIMESTAMP_FILE}, re-read every second), so a test can also move the gateway's clock while it
 * runs. Without {@code FAKETIME_FORCE_MONOTONIC_FIX=0} every clock read of the JVM costs ~11 us here and the
 * gateway takes minutes to start. The backoff is set to 5-60 s so that a batch waiting on a backoff would show in the time it takes.
 * Prints {@code FIRST_BATCH_SYNC} lines with the measured seconds (README "Performance").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WrongClocksEndToEndTest {
    private static final int SKUS = 4;
    private static final Duration NO_BACKOFF = Duration.ofSeconds(5);
    private Chain chain;
    private Path fakeTime;
    private String token;
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * One core, and one gateway started 10 minutes slow: a JVM under libfaketime starts in 10-25 s here, so the
     * other skews are reached by moving the running gateway's clock (each move is a jump it must recover from).
     */
    @BeforeAll
    void startChain(@TempDir Path dir) throws Exception {
        chain = new Chain(dir).startCore();
        chain.seed("acme", SKUS);
        fakeTime = dir.resolve("faketime.rc");
        Files.writeString(fakeTime, "-10m\n");
        chain.gatewayEnv("LD_PRELOAD", FakeTime.library())
                .gatewayEnv("FAKETIME_TIMESTAMP_FILE", fakeTime.toString())
                .gatewayEnv("FAKETIME_CACHE_DURATION", "1")
                // The JVM's clock reads and timed waits crawl without these two (libfaketime issue 425).
                .gatewayEnv("FAKETIME_DONT_FAKE_MONOTONIC", "1")
                .gatewayEnv("FAKETIME_FORCE_MONOTONIC_FIX", "0")
                .gatewayEnv("FG_SYNC_BACKOFF_MIN", "5s")
                .gatewayEnv("FG_SYNC_BACKOFF_MAX", "60s")
                .gatewayEnv("FG_SYNC_POLL_INTERVAL", "2s")
                .gatewayEnv("FG_CLOCK_MAX_OFFSET", "60s")
                .startGateway();
        token = chain.enroll("pda-skew", "acme");
    }

    @AfterAll
    void stopAll() throws Exception {
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    @Order(1)
    void aGatewayStartedTenMinutesSlowSyncsItsFirstBatchInSecondsAndHealthSaysHowFarOff() throws Exception {
        List<String> ids = new ArrayList<>();
        long started = System.nanoTime();
        postBatch(token, 20, ids);
        awaitAllApplied(token, ids);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("FIRST_BATCH_SYNC start=-10m ops=20 seconds=%.3f%n", seconds);

        assertThat(Duration.ofMillis((long) (seconds * 1000))).isLessThan(NO_BACKOFF);
        assertEachInTheLedgerOnce(ids);
        assertHealthSaysOff(600);
        assertThat(chain.gatewayGet("/metrics", null).body()).contains("floorgate_clock_offset_seconds")
                .contains("floorgate_clock_problem 1");
    }

    @ParameterizedTest(name = "gateway clock moved to {0}")
    @Order(2)
    @CsvSource({"+10m, -600", "+1d, -86400", "-1d, 86400"})
    void aGatewayWhoseClockIsMovedSyncsTheNextBatchInSecondsEachOperationOnce(String skew, long expectedOffset)
            throws Exception {
        moveGatewayClock(skew, -expectedOffset * 1000);
        List<String> ids = new ArrayList<>();
        long started = System.nanoTime();
        postBatch(token, 20, ids);
        awaitAllApplied(token, ids);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("FIRST_BATCH_SYNC moved=%s ops=20 seconds=%.3f%n", skew, seconds);

        assertThat(Duration.ofMillis((long) (seconds * 1000))).isLessThan(NO_BACKOFF);
        assertEachInTheLedgerOnce(ids);
        assertHealthSaysOff(expectedOffset);
    }

    @Test
    @Order(3)
    void aClockSetAnHourAheadInTheMiddleOfABatchRecoversAtOnceAndAppliesEveryOperationOnce() throws Exception {
        moveGatewayClock("+0", 0);
        List<String> ids = new ArrayList<>();
        postBatch(token, 10, ids);
        awaitAllApplied(token, ids);
        await().atMost(Duration.ofSeconds(10)).until(() -> chain.gatewayGet("/health", null).body()
                .contains("\"status\":\"UP\""));

        Files.writeString(fakeTime, "+1h\n"); // site IT "fixes" the clock by hand, mid-shift
        long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < until) { // libfaketime picks the new offset up within a second or two
            postBatch(token, 5, ids);
            Thread.sleep(200);
        }
        long started = System.nanoTime();
        awaitAllApplied(token, ids);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("FIRST_BATCH_SYNC jump=+1h ops=%d seconds_after_last_post=%.3f%n", ids.size(), seconds);

        assertThat(Duration.ofMillis((long) (seconds * 1000))).isLessThan(NO_BACKOFF);
        assertEachInTheLedgerOnce(ids);
        assertHealthSaysOff(-3600);
    }

    @Test
    @Order(4)
    void aPdaIn1970IsAcceptedSyncedOnceAndShownFarOffWhileTheGatewayAnswersInCoreTime() throws Exception {
        moveGatewayClock("-10m", -600_000);
        String pda = chain.enroll("pda-1970", "acme");
        String id = OperationIds.newId();
        String op = "{\"opId\":\"" + id + "\",\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"type\":\"RECEIVE\","
                + "\"sku\":\"SKU-1\",\"qty\":1,\"location\":\"A-01-01\",\"occurredAt\":\"1970-01-01T00:03:10Z\"}";
        HttpResponse<String> r = postAsDevice(pda, op, 190_000L);
        HttpResponse<String> again = postAsDevice(pda, op, 191_000L);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(again.statusCode()).as("the PDA's resend is the same operation: " + again.body())
                .isEqualTo(202);
        long gatewaySays = Long.parseLong(again.headers().firstValue(SignedHeaders.CORE_TIME).orElseThrow());
        assertThat(gatewaySays).as("the gateway answers in core time, not its own (10 minutes slow)")
                .isBetween(System.currentTimeMillis() - 30_000, System.currentTimeMillis() + 5_000);
        awaitAllApplied(pda, List.of(id));
        assertEachInTheLedgerOnce(List.of(id));
        assertThat(chain.queryLong("SELECT COUNT(*) FROM ledger WHERE op_id = ? AND occurred_at < '1971-01-01'", id))
                .as("the device's own time is kept").isEqualTo(1);
        String metrics = chain.gatewayGet("/metrics", null).body();
        Matcher m = Pattern.compile("floorgate_pda_clock_offset_seconds\\{device=\"pda-1970\"} (-?[0-9.E]+)")
                .matcher(metrics);
        assertThat(m.find()).as(metrics).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isLessThan(-1.7e9);
    }

    /** Writes the fake offset and waits until the gateway's own clock (its Date header) shows it. */
    private void moveGatewayClock(String skew, long gatewayMinusReal) throws Exception {
        Files.writeString(fakeTime, skew + "\n");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String date = chain.gatewayGet("/health", null).headers().firstValue("Date").orElseThrow();
            long gateway = java.time.ZonedDateTime.parse(date, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant().toEpochMilli();
            return Math.abs(gateway - System.currentTimeMillis() - gatewayMinusReal) < 30_000;
        });
    }

    private void assertHealthSaysOff(long expectedOffsetSeconds) throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String health = chain.gatewayGet("/health", null).body();
            assertThat(health).contains("\"status\":\"DEGRADED\"").contains("\"measured\":true")
                    .contains("fg.clock.max-offset");
            assertThat(number(health, "offsetSeconds")).isBetween(expectedOffsetSeconds - 30,
                    expectedOffsetSeconds + 30);
        });
    }

    private void postBatch(String token, int n, List<String> ids) throws Exception {
        StringBuilder body = new StringBuilder("{\"operations\":[");
        for (int i = 0; i < n; i++) {
            String id = OperationIds.newId();
            ids.add(id);
            body.append(i == 0 ? "" : ",").append(Chain.receive(id, "acme", i % SKUS, 1));
        }
        HttpResponse<String> r = chain.gatewayPost("/api/v1/operations", token, body.append("]}").toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    private HttpResponse<String> postAsDevice(String token, String json, long deviceMillis) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(chain.gateway.url("/api/v1/operations")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header(SignedHeaders.DEVICE_TIME, Long.toString(deviceMillis))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Per tenant the gateway syncs in ack order: the last op answered means all before it were. */
    private void awaitAllApplied(String token, List<String> ids) {
        String last = ids.get(ids.size() - 1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> chain
                .gatewayGet("/api/v1/operations/" + last, token).body().contains("\"state\":\"APPLIED\""));
    }

    private void assertEachInTheLedgerOnce(List<String> ids) throws Exception {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                chain.ledgerExists() && chain.queryLong("SELECT COUNT(*) FROM ledger WHERE op_id = ?",
                        ids.get(ids.size() - 1)) == 1);
        for (String id : ids) {
            assertThat(chain.queryLong("SELECT COUNT(*) FROM ledger WHERE op_id = ? AND status = 'APPLIED'", id))
                    .as("ledger rows of %s", id).isEqualTo(1);
        }
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?\\d+)").matcher(json);
        assertThat(m.find()).as(field + " in " + json).isTrue();
        return Long.parseLong(m.group(1));
    }
}
