package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.barcodes.TrackingNumbers;
import dev.floorgate.sync.DiskGuard;
import dev.floorgate.sync.IntakeState;
import dev.floorgate.sync.ParcelBook;
import dev.floorgate.sync.ParcelIntake;
import dev.floorgate.sync.ParcelRecord;
import dev.floorgate.sync.ParcelSync;
import dev.floorgate.sync.SyncOptions;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 1 from the scan to the core: the gateway's {@link ParcelBook} and {@link ParcelSync} in this JVM,
 * the real core (its jar as a process, MariaDB, a private Redis) behind a link the test cuts. The storefront
 * announces parcels; the gateway's cache names the owner of a scanned parcel with the WAN down; the intakes wait
 * durably and go when the link is back; a gateway that lost the core's answer (its file copied before the answer
 * was stored) sends the same opIds again and the core applies nothing twice; a parcel nobody announced lands on
 * the no-owner shelf; a second gateway's intake of a received parcel is refused with where it is.
 */
class ParcelIntakeEndToEndTest {
    private static final String KEY_ID = "gw-parcels";
    private static final String SECRET = "gw-parcels-secret-0123456789";
    private static final char GS = 0x1d;

    @TempDir
    Path dir;

    @Test
    void scansWithTheWanDownNameTheOwnerAndReachTheCoreOnceEach() throws Exception {
        try (RedisServer redis = new RedisServer(dir);
                MariaDbDatabase db = MariaDbDatabase.withPrefix("fg_parcelin_")) {
            int corePort = ServiceProcess.freePort();
            Map<String, String> env = new HashMap<>();
            env.put("FG_REDIS_URI", redis.uri());
            env.put("FG_MYSQL_URL", db.jdbcUrl());
            env.put("FG_CORE_PORT", Integer.toString(corePort));
            env.put("FG_CORE_KEYS", KEY_ID + ":" + SECRET + ":acme|beta");
            env.put("FG_CORE_ADMIN_TOKEN", "admin-token-0123456789");
            try (ServiceProcess core = new ServiceProcess("core", "fg.core.jar", corePort, env, dir)
                    .start(Duration.ofSeconds(90));
                    CuttableProxy wan = new CuttableProxy(corePort)) {
                CoreClientForTests storefront = new CoreClientForTests("http://127.0.0.1:" + corePort, KEY_ID, SECRET);
                storefront.ok("PUT", "/v1/warehouses/acme/SH01", "");
                storefront.ok("POST", "/v1/parcels/announcements", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                        + "\"customer\":\"C-100\",\"customerName\":\"Ana\",\"trackingNumber\":\"1z 5r8 939 0357567127\"}");
                storefront.ok("POST", "/v1/parcels/announcements", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                        + "\"customer\":\"C-200\",\"trackingNumber\":\"9200 1901 3260 7600 8334 57\"}");

                SyncOptions sync = SyncOptions.builder().dataDir(dir.resolve("gw")).coreUrl(wan.url()).keyId(KEY_ID)
                        .secret(SECRET).httpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5),
                                Duration.ofSeconds(10)).build();
                Path file = dir.resolve("gw").resolve("parcels.db");
                String upsOpId;
                try (ParcelBook book = ParcelBook.open(file, new DiskGuard(dir, 0), Clock.systemUTC())) {
                    ParcelSync parcels = ParcelSync.create(book, sync,
                            () -> Set.of(new ParcelSync.Feed("acme", "SH01")), "gw-sh01");
                    parcels.round();
                    assertThat(book.stats().cachedParcels()).isEqualTo(2);

                    wan.cut(); // the WAN is down at the receiving station
                    // the label's barcode as a scanner reads it: UPS as printed, USPS IMpb with its 420 ZIP routing
                    ParcelBook.Receipt ups = book.receive("acme", "SH01", key("1Z5R89390357567127"),
                            "1Z5R89390357567127", "SHELF-A-3", "IN-1", "pda-1");
                    assertThat(ups.cached()).get().extracting(ParcelRecord::customer).isEqualTo("C-100");
                    ParcelBook.Receipt usps = book.receive("acme", "SH01",
                            key("420100233424" + GS + "9200190132607600833457"), null, "SHELF-A-4", "IN-1", "pda-1");
                    assertThat(usps.cached()).get().extracting(ParcelRecord::customer).isEqualTo("C-200");
                    ParcelBook.Receipt stranger = book.receive("acme", "SH01", key("RB123456785GB"), null,
                            "NO-OWNER-1", "IN-1", "pda-1");
                    assertThat(stranger.cached()).isEmpty();
                    assertThatThrownBy(parcels::round).isInstanceOf(IOException.class);
                    assertThat(book.stats().pendingIntakes()).isEqualTo(3);
                    upsOpId = ups.intake().opId();
                }
                // the gateway will "lose" the core's answers: a copy of its file from before they were stored
                Path copy = dir.resolve("gw-copy");
                copyStore(file, copy);

                wan.restore();
                try (ParcelBook book = ParcelBook.open(file, new DiskGuard(dir, 0), Clock.systemUTC())) {
                    ParcelSync parcels = ParcelSync.create(book, sync,
                            () -> Set.of(new ParcelSync.Feed("acme", "SH01")), "gw-sh01");
                    parcels.round();
                    assertThat(book.intakes(null, 10)).extracting(ParcelIntake::trackingKey, ParcelIntake::state)
                            .containsExactlyInAnyOrder(
                                    org.assertj.core.groups.Tuple.tuple("1Z5R89390357567127", IntakeState.RECEIVED),
                                    org.assertj.core.groups.Tuple.tuple("9200190132607600833457",
                                            IntakeState.RECEIVED),
                                    org.assertj.core.groups.Tuple.tuple("RB123456785GB", IntakeState.NO_OWNER));
                    ParcelRecord shelf = book.find("acme", "1Z5R89390357567127").orElseThrow();
                    assertThat(shelf.state()).isEqualTo("RECEIVED");
                    assertThat(shelf.location()).isEqualTo("SHELF-A-3");
                    String atCore = storefront.ok("GET", "/v1/parcels/acme/" + shelf.parcelId(), null);
                    assertThat(atCore).contains("\"state\":\"RECEIVED\"").contains("\"location\":\"SHELF-A-3\"")
                            .contains("\"receivedGateway\":\"gw-sh01\"").contains("\"receivedStation\":\"IN-1\"");
                }
                long intakeRequests = wan.requestLines().stream().filter(l -> l.startsWith("POST /v1/parcels/intake"))
                        .count();

                // the copy still holds the three intakes as PENDING: the core answers each as the first time
                try (ParcelBook lost = ParcelBook.open(copy.resolve("parcels.db"), new DiskGuard(dir, 0),
                        Clock.systemUTC())) {
                    assertThat(lost.stats().pendingIntakes()).isEqualTo(3);
                    ParcelSync again = ParcelSync.create(lost, sync, Set::of, "gw-sh01");
                    again.round();
                    assertThat(lost.intakes(null, 10)).extracting(ParcelIntake::state)
                            .containsExactlyInAnyOrder(IntakeState.RECEIVED, IntakeState.RECEIVED,
                                    IntakeState.NO_OWNER);
                    assertThat(lost.intakes(null, 10)).filteredOn(i -> i.opId().equals(upsOpId)).singleElement()
                            .extracting(ParcelIntake::failure).isNull();
                }
                assertThat(wan.requestLines().stream().filter(l -> l.startsWith("POST /v1/parcels/intake")).count())
                        .isEqualTo(intakeRequests + 3);
                // one no-owner parcel for the stranger, not two; the announced ones received once
                String feed = storefront.ok("GET", "/v1/parcels/changes?tenant=acme&warehouse=SH01&limit=100", null);
                assertThat(count(feed, "\"trackingKey\":\"RB123456785GB\"")).isEqualTo(1);
                assertThat(count(feed, "\"state\":\"NO_OWNER\"")).isEqualTo(1);
                assertThat(count(feed, "\"state\":\"RECEIVED\"")).isEqualTo(2);

                // another gateway's station scans the UPS parcel again: refused, with where it is
                try (ParcelBook other = ParcelBook.open(dir.resolve("gw2").resolve("parcels.db"),
                        new DiskGuard(dir, 0), Clock.systemUTC())) {
                    other.receive("acme", "SH01", key("1Z5R89390357567127"), null, "SHELF-Z-9", "IN-2", null);
                    ParcelSync second = ParcelSync.create(other, sync, Set::of, "gw-other");
                    second.round();
                    assertThat(other.intakes(IntakeState.REFUSED, 10)).singleElement()
                            .satisfies(i -> assertThat(i.failure()).startsWith("ALREADY_RECEIVED")
                                    .contains("SHELF-A-3"));
                }
            }
        }
    }

    private static String key(String scanned) {
        return TrackingNumbers.recognise(scanned).number();
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
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
