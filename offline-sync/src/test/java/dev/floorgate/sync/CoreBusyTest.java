package dev.floorgate.sync;

import static dev.floorgate.sync.FeedCore.page;
import static dev.floorgate.sync.FeedCore.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.RequestSigner;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 429 TOO_BUSY with Retry-After on every lane (issue 14 follow-up): busy is not down. Two real HTTP servers play a
 * preferred core that is busy and a second core; the busy one must be asked again only after its Retry-After, and
 * the second one never (no failover for 429), on the changes feed and on the batch upload alike.
 */
class CoreBusyTest {
    @TempDir
    Path dir;
    final FeedCore busy = new FeedCore();
    final FeedCore second = new FeedCore();
    MockWebServer busyServer;
    MockWebServer secondServer;
    OkHttpClient http;
    CoreClient client;
    MasterDataCache cache;
    ChangesPoller poller;
    Outbox outbox;
    Uploader uploader;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));

    @BeforeEach
    void setUp() throws IOException {
        busyServer = start(busy);
        secondServer = start(second);
        http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
        client = new CoreClient(url(busyServer) + "," + url(secondServer),
                new RequestSigner(ScriptedCore.KEY_ID, ScriptedCore.SECRET), http);
    }

    private static MockWebServer start(Dispatcher dispatcher) throws IOException {
        MockWebServer s = new MockWebServer();
        s.setDispatcher(dispatcher);
        s.start(InetAddress.getByName("127.0.0.1"), 0);
        return s;
    }

    private static String url(MockWebServer s) {
        return "http://127.0.0.1:" + s.getPort();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (poller != null) {
            poller.close();
        }
        if (cache != null) {
            cache.close();
        }
        if (uploader != null) {
            uploader.close();
        }
        if (outbox != null) {
            outbox.close();
        }
        busyServer.shutdown();
        secondServer.shutdown();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static MockResponse tooBusy(String retryAfterSeconds) {
        return ScriptedCore.error(429, "TOO_BUSY", "sync lane full").setHeader("Retry-After", retryAfterSeconds);
    }

    private SyncOptions.Builder options() {
        return SyncOptions.builder().dataDir(dir).gatewayId("gw-7").coreUrl(url(busyServer) + "," + url(secondServer))
                .keyId(ScriptedCore.KEY_ID).secret(ScriptedCore.SECRET).warehouses(Set.of("SH01", "SH02"))
                .pollPageSize(10).backoffMin(Duration.ofMillis(20)).backoffMax(Duration.ofMillis(200)).clock(clock);
    }

    private void startPoller(Duration interval) throws IOException {
        cache = MasterDataCache.open(dir.resolve("cache.db"), clock);
        poller = new ChangesPoller(client, cache, options().pollInterval(interval).build());
        poller.start();
    }

    @Test
    void theChangesCallSaysBusyWithTheRetryAfterAndStaysOnTheSameCore() {
        busy.script.add(tooBusy("17"));
        assertThatThrownBy(() -> client.changes("SH01", null, 10))
                .isInstanceOfSatisfying(CoreBusyException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
                })
                .hasMessageContaining("429").hasMessageContaining("TOO_BUSY");
        assertThat(busy.requests).hasSize(1);
        assertThat(second.requests).isEmpty();
        assertThat(client.failovers()).isZero();
        assertThat(client.baseUrl()).isEqualTo(url(busyServer));
    }

    @Test
    void aBusyCoreIsNotPolledAgainBeforeItsRetryAfterNorReplacedByAnotherCore() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            busy.script.add(tooBusy("3600"));
        }
        startPoller(Duration.ofMillis(10)); // a round every 10 ms unless the core's Retry-After holds it back

        await().atMost(Duration.ofSeconds(10)).until(() -> busy.requests.size() >= 1);
        Thread.sleep(1_000); // ~100 poll intervals

        // one request for the first warehouse; the second warehouse waits with it; nothing went to the other core
        assertThat(busy.requests).hasSize(1);
        assertThat(second.requests).isEmpty();
        assertThat(client.failovers()).isZero();
        assertThat(cache.cursor("SH01")).isEmpty();
    }

    @Test
    void afterTheRetryAfterThePollerGoesOnFromItsCursor() throws Exception {
        busy.script.add(tooBusy("1"));
        busy.pagesBySince.put("", page("c1", sku("acme", "SKU-1", "09501101530003")));
        busy.pagesBySince.put("c1", page("c1")); // caught up
        startPoller(Duration.ofMillis(20));

        await().atMost(Duration.ofSeconds(20)).until(() -> cache.cursor("SH01").isPresent()
                && cache.cursor("SH02").isPresent());

        assertThat(busy.requests.stream().filter(r -> r.getRequestUrl().queryParameter("since") == null)
                .count()).as("one 429, then one page per warehouse").isEqualTo(3);
        assertThat(second.requests).isEmpty();
        assertThat(client.failovers()).isZero();
    }

    @Test
    void aBatchAnswered429IsKeptAndResentToTheSameCoreAfterItsRetryAfter() throws Exception {
        busy.batches.enqueue(tooBusy("2"));
        outbox = Outbox.open(dir.resolve("outbox.db"), new DiskGuard(dir, 0));
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Operation op = Ops.receive("acme", "SKU-" + i, 1);
            outbox.append(op, "pda-1").get(10, TimeUnit.SECONDS);
            ops.add(op);
        }
        uploader = new Uploader(outbox, client, options().warehouses(Set.of()).build(), (op, result) -> { });
        uploader.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> busy.batches.received().size() >= 1);
        Thread.sleep(1_000); // the backoff alone (20-200 ms) would have resent several times by now
        assertThat(busy.batches.received()).hasSize(1);
        assertThat(uploader.stats().lastError()).contains("429");
        assertThat(ops).allSatisfy(op -> assertThat(outbox.find(op.opId()).orElseThrow().state().isFinal())
                .isFalse());

        await().atMost(Duration.ofSeconds(20)).until(() -> ops.stream()
                .allMatch(o -> outbox.find(o.opId()).orElseThrow().state().isFinal()));
        List<ScriptedCore.Received> received = busy.batches.received();
        assertThat(received).hasSize(2);
        assertThat(received.get(1).opIds()).isEqualTo(received.get(0).opIds());
        assertThat(ops).allSatisfy(op -> assertThat(outbox.find(op.opId()).orElseThrow().state())
                .isEqualTo(OpState.APPLIED));
        assertThat(second.batches.received()).isEmpty();
        assertThat(client.failovers()).isZero();
    }
}
