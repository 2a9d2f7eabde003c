package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.ParcelsTest.announce;
import static dev.floorgate.core.internal.ParcelsTest.intake;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parcels (issue 17 item 1) against the things that could break them: another tenant's key, bad input, and a
 * gateway paging the feed while announcements commit concurrently. Real core, MariaDB and Redis; no bus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParcelsIsolationTest {
    private static final java.util.regex.Pattern LEAK = java.util.regex.Pattern.compile(
            "\\tat |dev\\.floorgate\\.|\\bjava\\.|io\\.micronaut|org\\.mariadb|[A-Za-z]+Exception\\b|SQL");
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;

    @BeforeAll
    void start() throws Exception {
        redis = RedisProcess.standalone();
        db = new TestDatabase("fg_parcels_");
        core = CoreHarness.start(redis.uri(), db, Map.of());
        for (String wh : new String[] {"SH01", "SH02", "SH07"}) {
            CoreHarness.require(core.acme.put("/v1/warehouses/acme/" + wh, ""), 200);
        }
        CoreHarness.require(core.multi.put("/v1/warehouses/beta/SH01", ""), 200);
    }

    @AfterAll
    void stop() throws Exception {
        if (core != null) {
            core.close();
        }
        db.close();
        redis.close();
    }

    @Test
    void acmesKeyCannotReadReceiveOrAssignBetasParcelsNorLearnTheyExist() {
        Map<String, Object> beta = core.json(announce(core.multi, "beta", "SH01", "B-1", "1Z999AA10123456784").body());
        String id = (String) beta.get("parcelId");
        assertThat(id).isNotNull();

        // naming beta: refused for the tenant, whatever the id (a made-up id gets the very same answer)
        CoreClient.Reply read = core.acme.get("/v1/parcels/beta/" + id);
        CoreClient.Reply madeUp = core.acme.get("/v1/parcels/beta/PXXXXXXXXXX");
        assertThat(read.status()).isEqualTo(403);
        assertThat(core.json(read.body())).containsEntry("error", "TENANT_FORBIDDEN");
        assertThat(read.body()).isEqualTo(madeUp.body()).doesNotContain(id);
        // beta's id under acme's own tenant: not found, as for any id acme does not have
        CoreClient.Reply underAcme = core.acme.get("/v1/parcels/acme/" + id);
        assertThat(underAcme.status()).isEqualTo(404);
        assertThat(core.json(underAcme.body())).containsEntry("error", "PARCEL_NOT_FOUND");
        assertThat(core.acme.get("/v1/parcels/changes?tenant=beta").status()).isEqualTo(403);
        assertThat(core.acme.post("/v1/parcels/beta/" + id + "/owner", "{\"customer\":\"A-1\"}").status())
                .isEqualTo(403);
        CoreClient.Reply receive = intake(core.acme, "beta", "SH01", "1Z999AA10123456784", "S-1",
                UUID.randomUUID().toString());
        assertThat(receive.status()).isEqualTo(403);
        assertThat(announce(core.acme, "beta", "SH01", "A-1", "1Z999AA10123456784").status()).isEqualTo(403);
        CoreClient.Reply batch = core.acme.post("/v1/parcels/announcements", "{\"announcements\":[{\"tenant\":"
                + "\"acme\",\"warehouse\":\"SH01\",\"customer\":\"A-1\",\"trackingNumber\":\"ACME-ONLY-001\"},"
                + "{\"tenant\":\"beta\",\"warehouse\":\"SH01\",\"customer\":\"A-1\",\"trackingNumber\":\"X-12345678\"}]}");
        assertThat(batch.status()).isEqualTo(403);

        // the same tracking number scanned at acme is acme's business: a NO_OWNER parcel of acme's, beta's untouched
        Map<String, Object> atAcme = core.json(intake(core.acme, "acme", "SH01", "1Z999AA10123456784", "NO-OWNER",
                UUID.randomUUID().toString()).body());
        assertThat(atAcme).containsEntry("result", "NO_OWNER");
        assertThat(ParcelsTest.parcelOf(atAcme).get("parcelId")).isNotEqualTo(id);
        assertThat(core.json(core.multi.get("/v1/parcels/beta/" + id).body())).containsEntry("state", "ANNOUNCED");
        String acmeFeed = core.acme.get("/v1/parcels/changes?tenant=acme&limit=1000").body();
        assertThat(acmeFeed).doesNotContain(id).doesNotContain("ACMEONLY001"); // the refused batch stored nothing
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no tracking number|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"customer\":\"C-1\"}|trackingNumber",
        "too short|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"customer\":\"C-1\",\"trackingNumber\":\"12\"}|trackingNumber",
        "not ASCII|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"customer\":\"C-1\",\"trackingNumber\":\"ÄÖÜ12345678\"}|trackingNumber",
        "control char|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"customer\":\"C-1\",\"trackingNumber\":\"AB\\u000712345678\"}|trackingNumber",
        "over 80 chars|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"customer\":\"C-1\",\"trackingNumber\":\"ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJ1\"}|trackingNumber",
        "bad carrier|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"customer\":\"C-1\",\"trackingNumber\":\"ABC-123456\",\"carrier\":\"pigeon\"}|carrier",
        "no customer|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"trackingNumber\":\"ABC-123456\"}|customer",
        "bad warehouse|{\"tenant\":\"acme\",\"warehouse\":\"SH 01\",\"customer\":\"C-1\",\"trackingNumber\":\"ABC-123456\"}|warehouse",
        "notes too long|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"customer\":\"C-1\",\"trackingNumber\":\"ABC-123456\",\"notes\":\"x{1001}\"}|notes",
        "batch item 3|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"announcements\":[{\"customer\":\"C-1\",\"trackingNumber\":\"BATCH-OK-001\"},{\"customer\":\"C-1\",\"trackingNumber\":\"BATCH-OK-002\"},{\"customer\":\"C-1\",\"trackingNumber\":\"1\"}]}|announcements[2].trackingNumber",
        "empty batch|{\"tenant\":\"acme\",\"announcements\":[]}|announcements",
    })
    void aBadAnnouncementIs400NamingTheFieldAndStoresNothing(String name, String body, String field) {
        String sent = body.replace("x{1001}", "x".repeat(1001));
        CoreClient.Reply r = core.acme.post("/v1/parcels/announcements", sent);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        Map<String, Object> error = core.json(r.body());
        assertThat(error).containsEntry("error", "INVALID");
        assertThat((String) error.get("message")).startsWith(field + ":");
        assertThat(LEAK.matcher(r.body()).find()).as(r.body()).isFalse();
        assertThat(core.acme.get("/v1/parcels/changes?tenant=acme&limit=1000").body()).doesNotContain("BATCHOK");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no location|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"trackingNumber\":\"ABC-123456\",\"opId\":\"op-1\"}|location",
        "no opId|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"trackingNumber\":\"ABC-123456\",\"location\":\"S-1\"}|opId",
        "no number|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"location\":\"S-1\",\"opId\":\"op-1\"}|trackingNumber",
        "key differs|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"trackingNumber\":\"ABC-123456\",\"trackingKey\":\"ABC123457\",\"location\":\"S-1\",\"opId\":\"op-1\"}|trackingKey",
        "bad time|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"trackingNumber\":\"ABC-123456\",\"location\":\"S-1\",\"opId\":\"op-1\",\"at\":\"yesterday\"}|at",
        "far future|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"trackingNumber\":\"ABC-123456\",\"location\":\"S-1\",\"opId\":\"op-1\",\"at\":\"2099-01-01T00:00:00Z\"}|at",
        "bad station|{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"trackingNumber\":\"ABC-123456\",\"location\":\"S-1\",\"opId\":\"op-1\",\"station\":\"\"}|station",
    })
    void aBadIntakeIs400NamingTheField(String name, String body, String field) {
        CoreClient.Reply r = core.acme.post("/v1/parcels/intake", body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat((String) core.json(r.body()).get("message")).startsWith(field + ":");
        assertThat(LEAK.matcher(r.body()).find()).as(r.body()).isFalse();
    }

    @Test
    void anAnnouncementForAWarehouseTheCoreDoesNotKnowIs422AndStoresNothing() {
        CoreClient.Reply one = announce(core.acme, "acme", "SH99", "C-1", "LOST-PARCEL-001");
        assertThat(one.status()).as(one.body()).isEqualTo(422);
        assertThat(core.json(one.body())).containsEntry("error", "UNKNOWN_WAREHOUSE");
        assertThat((String) core.json(one.body()).get("message")).startsWith("warehouse:");
        // beta's SH01 is known, acme's SH01 too, but acme has no SH99: the second item fails the batch
        CoreClient.Reply batch = core.acme.post("/v1/parcels/announcements", "{\"tenant\":\"acme\",\"announcements\":["
                + "{\"warehouse\":\"SH01\",\"customer\":\"C-1\",\"trackingNumber\":\"LOST-PARCEL-002\"},"
                + "{\"warehouse\":\"SH99\",\"customer\":\"C-1\",\"trackingNumber\":\"LOST-PARCEL-003\"}]}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(422);
        assertThat((String) core.json(batch.body()).get("message")).startsWith("announcements[1].warehouse:");
        assertThat(core.acme.get("/v1/parcels/changes?tenant=acme&limit=1000").body()).doesNotContain("LOSTPARCEL");
    }

    @Test
    void badFeedCursorsAndLimitsAre400NamingTheParameter() {
        for (String[] c : new String[][] {{"after=abc", "after"}, {"after=-5", "after"}, {"limit=0", "limit"},
            {"limit=1001", "limit"}, {"warehouse=SH%2001", "warehouse"}}) {
            CoreClient.Reply r = core.acme.get("/v1/parcels/changes?tenant=acme&" + c[0]);
            assertThat(r.status()).as(c[0] + ": " + r.body()).isEqualTo(400);
            assertThat((String) core.json(r.body()).get("message")).startsWith(c[1] + ":");
        }
        CoreClient.Reply noTenant = core.acme.get("/v1/parcels/changes");
        assertThat(noTenant.status()).isEqualTo(400);
        assertThat((String) core.json(noTenant.body()).get("message")).startsWith("tenant:");
    }

    /**
     * The same tracking number announced by 8 clients at once, half for another customer, then received by 8
     * stations at once under different opIds: one parcel, one owner, one intake; the rest are told so.
     */
    @Test
    void racingAnnouncementsAndIntakesOfOneNumberMakeOneParcelWithOneOwnerReceivedOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CoreClient.Reply>> announced = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String customer = i % 2 == 0 ? "C-EVEN" : "C-ODD";
                announced.add(pool.submit(() -> announce(core.acme, "acme", "SH02", customer, "RACE-NUMBER-0001")));
            }
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            Set<String> parcelIds = new HashSet<>();
            Set<String> owners = new HashSet<>();
            for (Future<CoreClient.Reply> f : announced) {
                CoreClient.Reply r = f.get();
                statuses.merge(r.status(), 1, Integer::sum);
                Map<String, Object> b = core.json(r.body());
                parcelIds.add((String) b.get("parcelId"));
                owners.add((String) b.get("customer"));
            }
            assertThat(parcelIds).hasSize(1);
            assertThat(owners).hasSize(1); // the winner's customer, also in every 409
            assertThat(statuses.get(201)).isEqualTo(1);
            assertThat(statuses.get(200)).isEqualTo(3);
            assertThat(statuses.get(409)).isEqualTo(4);

            List<Future<CoreClient.Reply>> received = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String location = "SHELF-R-" + i;
                received.add(pool.submit(() -> intake(core.acme, "acme", "SH02", "RACE-NUMBER-0001", location,
                        UUID.randomUUID().toString())));
            }
            int ok = 0;
            for (Future<CoreClient.Reply> f : received) {
                CoreClient.Reply r = f.get();
                if (r.status() == 200) {
                    ok++;
                    assertThat(core.json(r.body())).containsEntry("result", "RECEIVED");
                } else {
                    assertThat(r.status()).as(r.body()).isEqualTo(409);
                    assertThat(core.json(r.body())).containsEntry("error", "ALREADY_RECEIVED");
                }
            }
            assertThat(ok).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Four writers announce 240 parcels (single and batched) while a gateway pages the feed with a small limit. A
     * seq taken by a transaction that commits after a later seq's would be skipped by the cursor; the poller must
     * see every parcel, each page in seq order, no parcel twice.
     */
    @Test
    void theFeedPagesInOrderWithNoGapsWhileAnnouncementsCommitConcurrently() throws Exception {
        int writers = 4;
        int perWriter = 60;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        Set<String> created = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        try {
            String start = (String) core.json(core.acme.get("/v1/parcels/changes?tenant=acme&warehouse=SH07")
                    .body()).get("next");
            Future<List<Map<String, Object>>> poller = pool.submit(() -> poll(start, created, done, writers * perWriter));
            long began = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i += writer % 2 == 0 ? 1 : 5) {
                        CoreClient.Reply r = writer % 2 == 0
                                ? announce(core.acme, "acme", "SH07", "C-" + writer, "CONC-" + writer + "-" + i + "-X")
                                : core.acme.post("/v1/parcels/announcements", batchOf(writer, i, 5));
                        CoreHarness.require(r, writer % 2 == 0 ? 201 : 200);
                        collect(core.json(r.body()), created);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            long writeMs = (System.nanoTime() - began) / 1_000_000;
            done.set(true);
            List<Map<String, Object>> seen = poller.get();
            System.out.println("ParcelsIsolationTest: " + created.size() + " parcels announced by " + writers
                    + " writers (120 singly, 120 in batches of 5) in " + writeMs + " ms; the poller read them all");
            assertThat(created).hasSize(writers * perWriter);
            List<Long> seqs = seen.stream().map(m -> ((Number) m.get("seq")).longValue()).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            Set<String> ids = new HashSet<>();
            seen.forEach(m -> ids.add((String) m.get("parcelId")));
            assertThat(ids).isEqualTo(created);
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
    }

    private List<Map<String, Object>> poll(String start, Set<String> created, AtomicBoolean done, int expected) {
        List<Map<String, Object>> seen = new ArrayList<>();
        String cursor = start;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            boolean finished = done.get(); // read before the page: a page read after the writers ended is complete
            Map<String, Object> page = core.json(core.acme.get("/v1/parcels/changes?tenant=acme&warehouse=SH07&after="
                    + cursor + "&limit=7").body());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            seen.addAll(items);
            cursor = (String) page.get("next");
            if (finished && items.isEmpty()) {
                return seen;
            }
        }
        throw new AssertionError("the feed poller did not finish within 3 minutes; saw " + seen.size() + " of "
                + expected + " (" + created.size() + " created)");
    }

    private static String batchOf(int writer, int from, int n) {
        StringBuilder b = new StringBuilder("{\"tenant\":\"acme\",\"warehouse\":\"SH07\",\"announcements\":[");
        for (int i = from; i < from + n; i++) {
            b.append(i == from ? "" : ",").append("{\"customer\":\"C-").append(writer)
                    .append("\",\"trackingNumber\":\"CONC-").append(writer).append('-').append(i).append("-X\"}");
        }
        return b.append("]}").toString();
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> answer, Set<String> created) {
        if (answer.containsKey("results")) {
            for (Map<String, Object> r : (List<Map<String, Object>>) answer.get("results")) {
                assertThat(r).containsEntry("outcome", "CREATED");
                created.add((String) ((Map<String, Object>) r.get("parcel")).get("parcelId"));
            }
        } else {
            created.add((String) answer.get("parcelId"));
        }
    }
}
