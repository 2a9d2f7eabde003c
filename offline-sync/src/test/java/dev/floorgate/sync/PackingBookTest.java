package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.sqlite.Durability;
import dev.floorgate.sqlite.Schema;
import dev.floorgate.sqlite.SqliteStore;
import dev.floorgate.sync.internal.ParcelTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packing queue in the parcel book (issue 17 item 3): waiting parcels, holds, refusals, durability. */
class PackingBookTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private ParcelBook open() throws Exception {
        return ParcelBook.open(dir.resolve("parcels.db"), new DiskGuard(dir, 0), CLOCK);
    }

    private static ParcelBook.FeedParcel parcel(String id, String key, String state, String customer, String location,
            long seq) {
        return new ParcelBook.FeedParcel(new ParcelRecord("acme", "SH01", key, id, "UPS", state, customer, "Ana",
                location), seq);
    }

    /** Two of C-100's parcels on shelves, one announced not received, one of C-200, one at another warehouse. */
    private static void feed(ParcelBook book) throws Exception {
        book.applyPage("acme", "SH01", List.of(parcel("P01", "1Z5R89390357567127", "RECEIVED", "C-100", "B-2", 1),
                parcel("P02", "LX123456785CN", "RECEIVED", "C-100", "A-1", 2),
                parcel("P03", "RB123456785GB", "ANNOUNCED", "C-100", null, 3),
                parcel("P04", "9200190132607600833457", "RECEIVED", "C-200", "A-2", 4),
                new ParcelBook.FeedParcel(new ParcelRecord("acme", "SH02", "EE123456785CN", "P05", "EMS",
                        "RECEIVED", "C-100", "Ana", "Z-9"), 5)), "c5");
    }

    private static ShipmentDraft draft(List<String> parcels) {
        return new ShipmentDraft("acme", "SH01", "C-100", parcels, "dhl", "express", 4, "23.10", "EUR", 2350, 400,
                300, 200, "de", "10115", "PACK-1", "pda-3");
    }

    @Test
    void aPackedShipmentIsDurableWithItsOpIdAndItsParcelsAreNotOfferedAgain() throws Exception {
        QueuedShipment packed;
        try (ParcelBook book = open()) {
            feed(book);
            PackingBook packing = PackingBook.of(book, new DiskGuard(dir, 0), CLOCK);
            assertThat(packing.waiting("acme", "SH01", "C-100")).extracting(ParcelRecord::parcelId)
                    .containsExactly("P02", "P01"); // by location; not the announced one, not SH02's
            assertThat(packing.waiting("acme", null, "C-100")).extracting(ParcelRecord::parcelId)
                    .containsExactly("P02", "P01", "P05");
            packed = packing.pack(draft(List.of("P01", "P02")));
            assertThat(packed.state()).isEqualTo(ShipmentState.PENDING);
            assertThat(packed.reference()).matches("FG[0-9A-Z]{12}");
            assertThat(packed.trackingKeys()).containsExactly("1Z5R89390357567127", "LX123456785CN");
            assertThat(packed.draft().country()).isEqualTo("DE");
            assertThat(packed.packedAt()).isEqualTo(CLOCK.instant());
            assertThat(packing.waiting("acme", "SH01", "C-100")).isEmpty();
        }
        try (ParcelBook book = open()) { // a restart: queued, same opId, parcels still held
            PackingBook packing = PackingBook.of(book, null, CLOCK);
            assertThat(packing.pending(10)).singleElement().satisfies(s -> {
                assertThat(s.opId()).isEqualTo(packed.opId());
                assertThat(s.reference()).isEqualTo(packed.reference());
                assertThat(s.draft()).isEqualTo(packed.draft());
            });
            assertThat(packing.waiting("acme", "SH01", "C-100")).isEmpty();
            assertThatThrownBy(() -> packing.pack(draft(List.of("P02"))))
                    .isInstanceOfSatisfying(ParcelConflictException.class, e -> {
                        assertThat(e.parcelId()).isEqualTo("P02");
                        assertThat(e.reason()).isEqualTo(ParcelConflictException.Reason.PARCEL_ALREADY_QUEUED);
                    });
            assertThat(packing.shipments(null, 10)).hasSize(1);
        }
    }

    @Test
    void theFirstParcelThatCannotGoIsNamedAndNothingIsStored() throws Exception {
        try (ParcelBook book = open()) {
            feed(book);
            PackingBook packing = PackingBook.of(book, null, CLOCK);
            assertConflict(packing, List.of("P01", "P99"), "P99", ParcelConflictException.Reason.PARCEL_NOT_IN_CACHE);
            assertConflict(packing, List.of("P01", "P03"), "P03", ParcelConflictException.Reason.PARCEL_NOT_RECEIVED);
            assertConflict(packing, List.of("P04", "P03"), "P04",
                    ParcelConflictException.Reason.PARCEL_OF_ANOTHER_CUSTOMER);
            assertConflict(packing, List.of("P02", "P05"), "P05",
                    ParcelConflictException.Reason.PARCEL_IN_ANOTHER_WAREHOUSE);
            assertThat(packing.shipments(null, 10)).isEmpty();
            assertThat(packing.waiting("acme", "SH01", "C-100")).hasSize(2);
        }
    }

    private static void assertConflict(PackingBook packing, List<String> parcels, String named,
            ParcelConflictException.Reason reason) {
        assertThatThrownBy(() -> packing.pack(draft(parcels))).isInstanceOfSatisfying(ParcelConflictException.class,
                e -> {
                    assertThat(e.parcelId()).isEqualTo(named);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(named);
                });
    }

    @Test
    void aRefusalFreesTheParcelsAndTheFeedsClosedParcelEndsTheHoldOfACreatedOne() throws Exception {
        try (ParcelBook book = open()) {
            feed(book);
            PackingBook packing = PackingBook.of(book, null, CLOCK);
            QueuedShipment refused = packing.pack(draft(List.of("P01")));
            assertThat(packing.answered(refused, ShipmentState.REFUSED, null, "PARCEL_ALREADY_SHIPPED: x")).isTrue();
            assertThat(packing.answered(refused, ShipmentState.CREATED, "S1", null)).isFalse(); // answered once
            assertThat(packing.shipments(ShipmentState.REFUSED, 10)).singleElement()
                    .extracting(QueuedShipment::failure).isEqualTo("PARCEL_ALREADY_SHIPPED: x");
            assertThat(packing.waiting("acme", "SH01", "C-100")).extracting(ParcelRecord::parcelId)
                    .containsExactly("P02", "P01");

            QueuedShipment created = packing.pack(draft(List.of("P01", "P02")));
            packing.answered(created, ShipmentState.CREATED, "S4J8QK2M7XW", null);
            assertThat(packing.waiting("acme", "SH01", "C-100")).isEmpty(); // held until the feed shows them closed
            assertThat(packing.pending(10)).isEmpty();
            book.applyPage("acme", "SH01", List.of(parcel("P01", "1Z5R89390357567127", "CLOSED", "C-100", "B-2", 6),
                    parcel("P02", "LX123456785CN", "CLOSED", "C-100", "A-1", 7)), "c7");
            assertThat(book.find("acme", "1Z5R89390357567127")).isEmpty();
            // the shipment is cancelled at the core: the feed brings P01 back, and the station offers it again
            book.applyPage("acme", "SH01", List.of(parcel("P01", "1Z5R89390357567127", "RECEIVED", "C-100", "B-2", 8)),
                    "c8");
            assertThat(packing.waiting("acme", "SH01", "C-100")).extracting(ParcelRecord::parcelId)
                    .containsExactly("P01");
            assertThat(packing.count(ShipmentState.CREATED)).isEqualTo(1);

            // a pending shipment whose parcel the feed shows CLOSED (its answer lost): a later reopen shows again
            QueuedShipment lost = packing.pack(draft(List.of("P01")));
            book.applyPage("acme", "SH01", List.of(parcel("P01", "1Z5R89390357567127", "CLOSED", "C-100", "B-2", 9)),
                    "c9");
            book.applyPage("acme", "SH01", List.of(parcel("P01", "1Z5R89390357567127", "RECEIVED", "C-100", "B-2", 10)),
                    "c10");
            assertThat(packing.waiting("acme", "SH01", "C-100")).extracting(ParcelRecord::parcelId)
                    .containsExactly("P01");
            packing.answered(lost, ShipmentState.CREATED, "S5", null);
            assertThat(packing.purge(java.time.Duration.ofMillis(-1))).isEqualTo(3);
            assertThat(packing.shipments(null, 10)).isEmpty();
        }
    }

    @Test
    void stationsRacingForTheSameParcelGetItOnce() throws Exception {
        try (ParcelBook book = open()) {
            feed(book);
            PackingBook packing = PackingBook.of(book, null, CLOCK);
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<QueuedShipment>> results = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    Callable<QueuedShipment> task = () -> {
                        go.await();
                        try {
                            return packing.pack(draft(List.of("P02", "P01")));
                        } catch (ParcelConflictException e) {
                            return null;
                        }
                    };
                    results.add(pool.submit(task));
                }
                go.countDown();
                int won = 0;
                for (Future<QueuedShipment> f : results) {
                    if (f.get(60, TimeUnit.SECONDS) != null) {
                        won++;
                    }
                }
                assertThat(won).isEqualTo(1);
                assertThat(packing.shipments(null, 10)).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theStationsOpIdMakesARetryAnswerTheFirstShipmentEvenWhenSentTwiceAtOnce() throws Exception {
        String opId = "0193a0c4-7f00-7000-8000-00000000a001";
        try (ParcelBook book = open()) {
            feed(book);
            PackingBook packing = PackingBook.of(book, null, CLOCK);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<PackingBook.Packed> answers = new ArrayList<>();
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<PackingBook.Packed>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) { // one confirmation, its answer lost, sent again by a retrying station
                    Callable<PackingBook.Packed> task = () -> {
                        go.await();
                        return packing.pack(draft(List.of("P02", "P01")), opId);
                    };
                    results.add(pool.submit(task));
                }
                go.countDown();
                for (Future<PackingBook.Packed> f : results) {
                    answers.add(f.get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(answers).filteredOn(a -> !a.repeated()).hasSize(1);
            assertThat(answers).extracting(a -> a.shipment().opId()).containsOnly(opId);
            assertThat(answers).extracting(a -> a.shipment().reference()).containsOnly(
                    answers.get(0).shipment().reference());
            assertThat(packing.shipments(null, 10)).hasSize(1);
            // a retry whose scale now reads another weight is still the same confirmation
            ShipmentDraft heavier = new ShipmentDraft("acme", "SH01", "C-100", List.of("P02", "P01"), "dhl",
                    "express", 4, "24.00", "EUR", 2410, 400, 300, 200, "de", "10115", "PACK-1", "pda-3");
            assertThat(packing.pack(heavier, opId).repeated()).isTrue();
            assertThat(packing.byOpId("acme", opId).draft().weightGrams()).isEqualTo(2350);
            assertThat(packing.byOpId("beta", opId)).as("another tenant sees nothing under the opId").isNull();
            // the same opId for another shipment: refused, nothing stored, the parcels stay held by the first
            for (ShipmentDraft other : List.of(draft(List.of("P01")), new ShipmentDraft("acme", "SH01", "C-100",
                    List.of("P02", "P01"), "ups", "saver", 4, "23.10", "EUR", 2350, 400, 300, 200, "de", "10115",
                    null, null))) {
                assertThatThrownBy(() -> packing.pack(other, opId)).isInstanceOfSatisfying(
                        ParcelConflictException.class, e -> {
                            assertThat(e.reason()).isEqualTo(ParcelConflictException.Reason.OP_ID_REUSED);
                            assertThat(e.parcelId()).isNull();
                            assertThat(e.getMessage()).contains(opId).contains("another shipment");
                        });
            }
            assertThat(packing.shipments(null, 10)).hasSize(1);
            assertThatThrownBy(() -> packing.pack(draft(List.of("P01")), "not an id!"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("opId:");
        }
        try (ParcelBook book = open()) { // after a restart the retry still finds it
            PackingBook packing = PackingBook.of(book, null, CLOCK);
            assertThat(packing.pack(draft(List.of("P02", "P01")), opId).repeated()).isTrue();
            assertThat(packing.shipments(null, 10)).hasSize(1);
        }
    }

    @Test
    void badDraftsAreRefusedNamingTheFieldWithTheCoresLimits() {
        assertThatThrownBy(() -> new ShipmentDraft("acme", "SH01", "C-100", List.of("P01"), "dhl", "express", 4,
                "12.345", "EUR", 1, 1, 1, 1, "DE", null, null, null)).hasMessageStartingWith("cost.amount:");
        assertThatThrownBy(() -> new ShipmentDraft("acme", "SH01", "C-100", List.of("P01"), "dhl", "express", 4,
                "1500.5", "JPY", 1, 1, 1, 1, "DE", null, null, null)).hasMessageStartingWith("cost.amount:");
        assertThat(new ShipmentDraft("acme", "SH01", "C-100", List.of("P01"), "dhl", "express", 4, "3.125", "KWD",
                1, 1, 1, 1, "DE", null, null, null).costAmount()).isEqualTo("3.125");
        assertThatThrownBy(() -> new ShipmentDraft("acme", "SH01", "C-100", List.of("P01", "P01"), "dhl", "express",
                4, "1", "EUR", 1, 1, 1, 1, "DE", null, null, null)).hasMessageStartingWith("parcels[1]:");
        assertThatThrownBy(() -> new ShipmentDraft("acme", "SH01", "C-100", List.of("P01"), "DHL", "express", 4,
                "1", "EUR", 1, 1, 1, 1, "DE", null, null, null)).hasMessageStartingWith("carrier:");
        assertThatThrownBy(() -> new ShipmentDraft("acme", "SH01", "C-100", List.of("P01"), "dhl", "express", 4,
                "1", "EUR", 0, 1, 1, 1, "DE", null, null, null)).hasMessageStartingWith("weightGrams:");
        assertThatThrownBy(() -> new ShipmentDraft("acme", "SH01", "C-100", List.of("P01"), "dhl", "express", 4,
                "1", "EUR", 1, 1, 10_001, 1, "DE", null, null, null)).hasMessageStartingWith("dimensionsMm.w:");
        assertThatThrownBy(() -> new ShipmentDraft("acme", "SH01", "C-100", List.of("P01"), "dhl", "express", 4,
                "1", "EUR", 1, 1, 1, 1, "DEU", null, null, null)).hasMessageStartingWith("destination.country:");
        assertThatThrownBy(() -> new ShipmentDraft("acme", "SH01", "C-100", List.of("P01"), "dhl", "express", 4,
                "1", "EUR", 1, 1, 1, 1, "DE", "101/15", null, null)).hasMessageStartingWith("destination.postcode:");
    }

    @Test
    void aParcelBookOfTheIntakeReleaseIsUpgradedAndItsCacheCanBePacked() throws Exception {
        Path file = dir.resolve("parcels.db");
        // parcels.db as the intake release wrote it: schema step 1 only, one received parcel in the cache
        try (SqliteStore v1 = SqliteStore.open(file, "parcel book", Schema.builder("parcel book")
                .step(1, "parcels, feed_cursors, intakes", ParcelTables::createVersion1).build(), Durability.FULL)) {
            new ParcelTables(v1.writeConnection()).putParcel(new ParcelRecord("acme", "SH01", "LX123456785CN", "P02",
                    "UPS", "RECEIVED", "C-100", "Ana", "A-1"), 2);
        }
        try (ParcelBook book = open()) {
            PackingBook packing = PackingBook.of(book, null, CLOCK);
            assertThat(packing.waiting("acme", "SH01", "C-100")).extracting(ParcelRecord::parcelId)
                    .containsExactly("P02");
            assertThat(packing.pack(draft(List.of("P02"))).trackingKeys()).containsExactly("LX123456785CN");
        }
    }

    @Test
    void underTheDiskFloorAShipmentIsRefusedAndNothingIsWritten() throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        try (ParcelBook book = open()) {
            feed(book);
            PackingBook packing = PackingBook.of(book, new DiskGuard(dir, free * 4), CLOCK);
            assertThatThrownBy(() -> packing.pack(draft(List.of("P01")))).isInstanceOf(DiskFullException.class);
            assertThat(packing.shipments(null, 10)).isEmpty();
            assertThat(packing.waiting("acme", "SH01", "C-100")).hasSize(2);
        }
    }
}
