package dev.floorgate.sync;

import static dev.floorgate.sync.FeedCore.location;
import static dev.floorgate.sync.FeedCore.page;
import static dev.floorgate.sync.FeedCore.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.protocol.RequestSigner;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangesPollerTest {
    @TempDir
    Path dir;
    MockWebServer server;
    FeedCore core;
    MasterDataCache cache;
    ChangesPoller poller;
    OkHttpClient http;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));

    @BeforeEach
    void setUp() throws IOException {
        core = new FeedCore();
        server = new MockWebServer();
        server.setDispatcher(core);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        cache = MasterDataCache.open(dir.resolve("cache.db"), clock);
        http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
        String url = "http://127.0.0.1:" + server.getPort();
        SyncOptions options = SyncOptions.builder().dataDir(dir).coreUrl(url).keyId(ScriptedCore.KEY_ID)
                .secret(ScriptedCore.SECRET).warehouses(Set.of("SH01")).pollPageSize(2)
                .pollInterval(Duration.ofHours(1)).clock(clock).build();
        CoreClient client = new CoreClient(url, new RequestSigner(ScriptedCore.KEY_ID, ScriptedCore.SECRET), http,
                1 << 20, clock);
        poller = new ChangesPoller(client, cache, options);
    }

    @AfterEach
    void tearDown() throws IOException {
        poller.close();
        cache.close();
        server.shutdown();
        http.dispatcher().executorService().shutdown();
    }

    private int poll() throws Exception {
        return poller.pollNow().get(20, TimeUnit.SECONDS);
    }

    @Test
    void pagesAreStoredAndTheSignedCursorAdvancesPageByPageUntilCaughtUp() throws Exception {
        core.pagesBySince.put("", page("c1", sku("acme", "SKU-1", "09501101530003"), location("acme", "A-01-01")));
        core.pagesBySince.put("c1", page("c2", sku("acme", "SKU-2", "09501101530010"), location("acme", "A-01-02")));
        core.pagesBySince.put("c2", page("c3", location("acme", "A-01-03")));
        assertThat(cache.cacheAge()).isEmpty();

        assertThat(poll()).isEqualTo(5);

        assertThat(core.signatureProblems).isEmpty();
        assertThat(core.sinces()).containsExactly(null, "c1", "c2");
        RecordedRequest first = core.requests.get(0);
        assertThat(first.getMethod()).isEqualTo("GET");
        assertThat(first.getPath()).isEqualTo("/v1/changes?warehouse=SH01&limit=2");
        assertThat(core.requests.get(1).getPath()).isEqualTo("/v1/changes?warehouse=SH01&since=c1&limit=2");
        assertThat(cache.cursor("SH01")).contains("c3");
        assertThat(cache.skuExists("acme", "SKU-2")).isTrue();
        assertThat(cache.locationExists("acme", "SH01", "A-01-03")).isTrue();
        assertThat(cache.cacheAge()).contains(Duration.ZERO);
        clock.advance(Duration.ofMinutes(5));
        assertThat(cache.cacheAge()).contains(Duration.ofMinutes(5));
    }

    @Test
    void aPageCutOffInTheMiddleLeavesTheOldCursorAndIsFetchedAgain() throws Exception {
        String page2 = page("c2", sku("acme", "SKU-2", "09501101530010"), location("acme", "A-01-02"));
        core.pagesBySince.put("", page("c1", sku("acme", "SKU-1", "09501101530003"), location("acme", "A-01-01")));
        core.pagesBySince.put("c1", page2);
        core.pagesBySince.put("c2", page("c3"));
        core.script.add(new MockResponse().setBody(page("c1", sku("acme", "SKU-1",
                "09501101530003"), location("acme", "A-01-01"))));
        core.script.add(new MockResponse().setBody(page2)
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

        assertThatThrownBy(this::poll).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
        assertThat(cache.cursor("SH01")).contains("c1");
        assertThat(cache.skuExists("acme", "SKU-1")).isTrue();
        assertThat(cache.skuExists("acme", "SKU-2")).isFalse();

        poll();
        assertThat(core.sinces()).containsExactly(null, "c1", "c1", "c2");
        assertThat(cache.cursor("SH01")).contains("c3");
        assertThat(cache.skuExists("acme", "SKU-2")).isTrue();
    }

    @Test
    void aFailureWhileStoringAPageRollsBackTheWholePageAndKeepsTheCursor() throws Exception {
        core.pagesBySince.put("", page("c1", sku("acme", "SKU-1", "09501101530003"), location("acme", "BOOM")));
        core.pagesBySince.put("c1", page("c1"));
        try (Connection c = Ops.look(dir.resolve("cache.db")); Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER boom BEFORE INSERT ON locations WHEN NEW.code = 'BOOM'"
                    + " BEGIN SELECT RAISE(ABORT, 'the disk says no'); END");
        }

        assertThatThrownBy(this::poll).hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("store a changes page of 2 items for warehouse SH01")
                .hasMessageContaining("the disk says no");
        assertThat(cache.skuExists("acme", "SKU-1")).as("item stored before the failing one").isFalse();
        assertThat(cache.cursor("SH01")).isEmpty();

        try (Connection c = Ops.look(dir.resolve("cache.db")); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER boom");
        }
        poll();
        assertThat(cache.skuExists("acme", "SKU-1")).isTrue();
        assertThat(cache.cursor("SH01")).contains("c1");
    }

    @Test
    void unknownKindsAndItemsWithoutTheirKeyAreSkippedWithoutStoppingTheFeed() throws Exception {
        core.pagesBySince.put("", page("c1", "{\"kind\":\"pallet\",\"tenant\":\"acme\",\"sscc\":\"1\"}",
                "{\"kind\":\"sku\",\"tenant\":\"acme\",\"name\":\"no sku\"}",
                "{\"kind\":\"order\",\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-1\",\"lines\":[{}]}"));
        core.pagesBySince.put("c1", page("c2", sku("acme", "SKU-1", "09501101530003")));

        assertThat(poll()).isEqualTo(1);

        assertThat(cache.cursor("SH01")).contains("c2");
        assertThat(cache.findOrder("acme", "SH01", "SO-1")).isEmpty();
        assertThat(cache.skuExists("acme", "SKU-1")).isTrue();
    }

    @Test
    void anItemReplacesTheItemWithTheSameKey() throws Exception {
        cache.apply(Arrays.asList(new SkuItem("acme", "SKU-1", "Old name", "EA", Arrays.asList("09501101530003"),
                Arrays.asList("OLD-1"))));
        core.pagesBySince.put("", page("c1", sku("acme", "SKU-1", "09501101530010")));

        poll();

        SkuItem s = cache.findSku("acme", "SKU-1").orElseThrow();
        assertThat(s.name()).isEqualTo("Item SKU-1");
        assertThat(s.gtins()).containsExactly("09501101530010");
        assertThat(s.barcodes()).isEmpty();
        assertThat(cache.findSkuByCode("acme", "9501101530003")).isEmpty();
        assertThat(cache.findSkuByCode("acme", "OLD-1")).isEmpty();
        assertThat(cache.findSkuByCode("acme", "9501101530010")).map(SkuItem::sku).contains("SKU-1");
    }
}
