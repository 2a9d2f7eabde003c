package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.sync.DiskGuard;
import dev.floorgate.sync.PackingBook;
import dev.floorgate.sync.ParcelBook;
import dev.floorgate.sync.ParcelRecord;
import dev.floorgate.sync.ParcelSync;
import dev.floorgate.sync.QueuedShipment;
import dev.floorgate.sync.ShipmentDraft;
import dev.floorgate.sync.ShipmentState;
import dev.floorgate.sync.SyncOptions;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 3 from the packing station to the core: the gateway's {@link PackingBook} and {@link ParcelSync} in
 * this JVM, the real core (its jar as a process, MariaDB, a private Redis) behind a link the test cuts. Two parcels
 * announced and taken in through the core's API are packed into one shipment with the WAN down; the shipment waits
 * durably, its parcels held at the station; the link comes back and the core creates it and closes the parcels; a
 * gateway that lost the core's answer (its file copied before the answer was stored) sends the same opId again and
 * the core answers the same shipment, creating nothing twice; a gateway whose cache still shows the parcels on the
 * shelf packs them again under a new opId and the core refuses it, naming the shipment that has them.
 */
class PackingEndToEndTest {
    private static final String KEY_ID = "gw-packing";
    private static final String SECRET = "gw-packing-secret-0123456789";

    @TempDir
    Path dir;

    @Test
    void aShipmentPackedOfflineReachesTheCoreOnceAndClosesItsParcels() throws Exception {
        try (RedisServer redis = new RedisServer(dir);
                MariaDbDatabase db = MariaDbDatabase.withPrefix("fg_packing_")) {
            int corePort = ServiceProcess.freePort();
            Map<String, String> env = new HashMap<>();
            env.put("FG_REDIS_URI", redis.uri());
            env.put("FG_MYSQL_URL", db.jdbcUrl());
            env.put("FG_CORE_PORT", Integer.toString(corePort));
            env.put("FG_CORE_KEYS", KEY_ID + ":" + SECRET + ":acme");
            env.put("FG_CORE_ADMIN_TOKEN", "admin-token-0123456789");
            try (ServiceProcess core = new ServiceProcess("core", "fg.core.jar", corePort, env, dir)
                    .start(Duration.ofSeconds(90));
                    CuttableProxy wan = new CuttableProxy(corePort)) {
                CoreClientForTests storefront = new CoreClientForTests("http://127.0.0.1:" + corePort, KEY_ID, SECRET);
                storefront.ok("PUT", "/v1/warehouses/acme/SH01", "");
                for (String number : List.of("1Z5R89390357567127", "LX123456785CN")) {
                    storefront.ok("POST", "/v1/parcels/announcements", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                            + "\"customer\":\"C-100\",\"customerName\":\"Ana\",\"trackingNumber\":\"" + number + "\"}");
                }
                SyncOptions sync = SyncOptions.builder().dataDir(dir.resolve("gw")).coreUrl(wan.url()).keyId(KEY_ID)
                        .secret(SECRET).httpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5),
                                Duration.ofSeconds(10)).build();
                Set<ParcelSync.Feed> feeds = Set.of(new ParcelSync.Feed("acme", "SH01"));
                Path file = dir.resolve("gw").resolve("parcels.db");
                Path onShelves = dir.resolve("gw-on-shelves");
                Path lostAnswer = dir.resolve("gw-lost-answer");
                QueuedShipment packed;
                try (ParcelBook book = ParcelBook.open(file, new DiskGuard(dir, 0), Clock.systemUTC())) {
                    PackingBook packing = PackingBook.of(book, new DiskGuard(dir, 0), Clock.systemUTC());
                    ParcelSync parcels = ParcelSync.create(book, sync, () -> feeds, "gw-sh01").packing(packing);
                    parcels.round();
                    book.receive("acme", "SH01", "1Z5R89390357567127", null, "SHELF-A-3", "IN-1", null);
                    book.receive("acme", "SH01", "LX123456785CN", null, "SHELF-B-1", "IN-1", null);
                    parcels.round(); // the core takes both in; the feed brings them back RECEIVED
                    List<ParcelRecord> waiting = packing.waiting("acme", "SH01", "C-100");
                    assertThat(waiting).extracting(ParcelRecord::location).containsExactly("SHELF-A-3", "SHELF-B-1");
                    copyStore(file, onShelves);

                    wan.cut(); // the WAN is down at the packing station
                    packed = packing.pack(new ShipmentDraft("acme", "SH01", "C-100",
                            waiting.stream().map(ParcelRecord::parcelId).toList(), "dhl", "express", 4, "23.10", "EUR",
                            2350, 400, 300, 200, "DE", "10115", "PACK-1", "pda-3"));
                    assertThat(packing.waiting("acme", "SH01", "C-100")).isEmpty();
                    assertThatThrownBy(parcels::round).isInstanceOf(IOException.class);
                    assertThat(packing.count(ShipmentState.PENDING)).isEqualTo(1);
                }
                copyStore(file, lostAnswer); // the gateway will "lose" the core's answer: a copy from before it

                wan.restore();
                String shipmentId;
                try (ParcelBook book = ParcelBook.open(file, new DiskGuard(dir, 0), Clock.systemUTC())) {
                    PackingBook packing = PackingBook.of(book, null, Clock.systemUTC());
                    ParcelSync.create(book, sync, () -> feeds, "gw-sh01").packing(packing).round();
                    QueuedShipment created = packing.shipments(null, 10).get(0);
                    assertThat(created.state()).isEqualTo(ShipmentState.CREATED);
                    assertThat(created.opId()).isEqualTo(packed.opId());
                    shipmentId = created.shipmentId();
                    assertThat(shipmentId).startsWith("S");
                    // the same round pulled the feed: the closed parcels left the cache
                    assertThat(book.stats().cachedParcels()).isZero();
                    assertThat(packing.waiting("acme", "SH01", "C-100")).isEmpty();
                }
                long sends = shipmentPosts(wan);

                try (ParcelBook lost = ParcelBook.open(lostAnswer.resolve("parcels.db"), null, Clock.systemUTC())) {
                    PackingBook packing = PackingBook.of(lost, null, Clock.systemUTC());
                    assertThat(packing.count(ShipmentState.PENDING)).isEqualTo(1);
                    ParcelSync.create(lost, sync, Set::of, "gw-sh01").packing(packing).round();
                    assertThat(packing.shipments(null, 10)).singleElement().satisfies(s -> {
                        assertThat(s.state()).isEqualTo(ShipmentState.CREATED);
                        assertThat(s.shipmentId()).isEqualTo(shipmentId); // the stored answer, not a second shipment
                    });
                }
                assertThat(shipmentPosts(wan)).isEqualTo(sends + 1);

                String atCore = storefront.ok("GET", "/v1/shipments/acme/" + shipmentId, null);
                assertThat(atCore).contains("\"state\":\"CREATED\"").contains("\"opId\":\"" + packed.opId() + "\"")
                        .contains("\"amount\":\"23.10\"").contains("\"rateCardVersion\":4")
                        .contains("\"station\":\"PACK-1\"").contains("\"gateway\":\"gw-sh01\"");
                for (String parcelId : packed.draft().parcelIds()) {
                    assertThat(storefront.ok("GET", "/v1/parcels/acme/" + parcelId, null))
                            .contains("\"state\":\"CLOSED\"");
                }

                // a gateway whose cache still has the parcels on the shelves packs them again: refused, named
                try (ParcelBook stale = ParcelBook.open(onShelves.resolve("parcels.db"), null, Clock.systemUTC())) {
                    PackingBook packing = PackingBook.of(stale, null, Clock.systemUTC());
                    packing.pack(new ShipmentDraft("acme", "SH01", "C-100", packed.draft().parcelIds(), "dpd",
                            "classic", 1, "9.80", "EUR", 2350, 400, 300, 200, "DE", "10115", "PACK-2", null));
                    ParcelSync.create(stale, sync, Set::of, "gw-sh01").packing(packing).round();
                    assertThat(packing.shipments(ShipmentState.REFUSED, 10)).singleElement()
                            .satisfies(s -> assertThat(s.failure()).startsWith("PARCEL_ALREADY_SHIPPED")
                                    .contains(packed.draft().parcelIds().get(0)));
                }
                assertThat(storefront.ok("GET", "/v1/parcels/acme/" + packed.draft().parcelIds().get(0), null))
                        .contains("\"state\":\"CLOSED\"");
            }
        }
    }

    private static long shipmentPosts(CuttableProxy wan) {
        return wan.requestLines().stream().filter(l -> l.startsWith("POST /v1/shipments")).count();
    }

    private static void copyStore(Path file, Path toDir) throws IOException {
        Files.createDirectories(toDir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(file.getParent(), file.getFileName() + "*")) {
            for (Path p : ds) {
                if (!p.getFileName().toString().endsWith(".lock")) {
                    Files.copy(p, toDir.resolve(p.getFileName()));
                }
            }
        }
    }
}
