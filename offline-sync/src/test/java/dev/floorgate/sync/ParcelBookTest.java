package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's parcel book (issue 17 item 1): the offline cache, the durable intake queue, its refusals. */
class ParcelBookTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private ParcelBook open() throws Exception {
        return ParcelBook.open(dir.resolve("parcels.db"), new DiskGuard(dir, 0), CLOCK);
    }

    private static ParcelRecord announced(String key, String id, String customer) {
        return new ParcelRecord("acme", "SH01", key, id, "UPS", "ANNOUNCED", customer, "Ana", null);
    }

    @Test
    void aScanOfAnAnnouncedParcelNamesItsOwnerOfflineAndTheIntakeSurvivesAReopen() throws Exception {
        String opId;
        try (ParcelBook book = open()) {
            book.applyPage("acme", "SH01", List.of(new ParcelBook.FeedParcel(
                    announced("1Z5R89390357567127", "P0000000001", "C-100"), 1)), "c1");
            ParcelBook.Receipt r = book.receive("acme", "SH01", "1Z5R89390357567127", "1z 5r8 939 0357567127",
                    "SHELF-A-3", "IN-1", "pda-7");
            assertThat(r.repeated()).isFalse();
            assertThat(r.cached()).get().extracting(ParcelRecord::customer).isEqualTo("C-100");
            assertThat(r.intake().state()).isEqualTo(IntakeState.PENDING);
            assertThat(r.intake().expectedCustomer()).isEqualTo("C-100");
            assertThat(r.intake().parcelId()).isEqualTo("P0000000001");
            assertThat(r.intake().scannedAt()).isEqualTo(CLOCK.instant());
            opId = r.intake().opId();
            assertThat(book.cursor("acme", "SH01")).isEqualTo("c1");
        }
        try (ParcelBook book = open()) { // a restart: the intake is still there, with its opId, pending
            assertThat(book.pending(10)).singleElement().satisfies(i -> {
                assertThat(i.opId()).isEqualTo(opId);
                assertThat(i.trackingNumber()).isEqualTo("1z 5r8 939 0357567127");
                assertThat(i.location()).isEqualTo("SHELF-A-3");
                assertThat(i.station()).isEqualTo("IN-1");
            });
            assertThat(book.stats().pendingIntakes()).isEqualTo(1);
            assertThat(book.stats().cachedParcels()).isEqualTo(1);
            assertThat(book.stats().feedAge()).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void aDoubleScanIsTheSameIntakeNotASecondOne() throws Exception {
        try (ParcelBook book = open()) {
            ParcelBook.Receipt first = book.receive("acme", "SH01", "LX123456785CN", null, "NO-OWNER-1", null, null);
            ParcelBook.Receipt again = book.receive("acme", "SH01", "LX123456785CN", null, "SHELF-B-1", null, null);
            assertThat(again.repeated()).isTrue();
            assertThat(again.intake().opId()).isEqualTo(first.intake().opId());
            assertThat(again.intake().location()).isEqualTo("NO-OWNER-1");
            assertThat(first.cached()).isEmpty();
            assertThat(first.intake().expectedCustomer()).isNull();
            assertThat(book.pending(10)).hasSize(1);
            // another tenant's parcel with the same number is its own intake
            assertThat(book.receive("beta", "SH01", "LX123456785CN", null, "S-1", null, null).repeated()).isFalse();
            assertThat(book.pending(10)).hasSize(2);
        }
    }

    @Test
    void anAnswerIsStoredOnceAndAClosedParcelLeavesTheCache() throws Exception {
        try (ParcelBook book = open()) {
            book.applyPage("acme", "SH01", List.of(new ParcelBook.FeedParcel(
                    announced("1Z5R89390357567127", "P0000000001", "C-100"), 1)), "c1");
            ParcelIntake i = book.receive("acme", "SH01", "1Z5R89390357567127", null, "A-1", null, null).intake();
            ParcelRecord received = new ParcelRecord("acme", "SH01", "1Z5R89390357567127", "P0000000001", "UPS",
                    "RECEIVED", "C-100", "Ana", "A-1");
            book.answered(i, IntakeState.RECEIVED, received, null);
            book.answered(i, IntakeState.REFUSED, null, "ALREADY_RECEIVED: late"); // a second answer changes nothing
            assertThat(book.intakes(null, 10)).singleElement().satisfies(x -> {
                assertThat(x.state()).isEqualTo(IntakeState.RECEIVED);
                assertThat(x.failure()).isNull();
            });
            assertThat(book.find("acme", "1Z5R89390357567127")).get().extracting(ParcelRecord::state,
                    ParcelRecord::location).containsExactly("RECEIVED", "A-1");
            assertThat(book.pending(10)).isEmpty();
            ParcelRecord closed = new ParcelRecord("acme", "SH01", "1Z5R89390357567127", "P0000000001", "UPS",
                    "CLOSED", "C-100", "Ana", "A-1");
            book.applyPage("acme", "SH01", List.of(new ParcelBook.FeedParcel(closed, 9)), "c9");
            assertThat(book.find("acme", "1Z5R89390357567127")).isEmpty();
            assertThat(book.cursor("acme", "SH01")).isEqualTo("c9");
            // answered intakes are purged after their retention, pending ones never
            book.receive("acme", "SH01", "LX123456785CN", null, "A-2", null, null);
            assertThat(book.purge(Duration.ZERO.minusMillis(1))).isEqualTo(1);
            assertThat(book.pending(10)).hasSize(1);
        }
    }

    @Test
    void badFieldsAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        try (ParcelBook book = open()) {
            assertThatThrownBy(() -> book.receive("ac me", "SH01", "1Z5R89390357567127", null, "A-1", null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tenant:");
            assertThatThrownBy(() -> book.receive("acme", "SH01", "1Z5R", null, "", null, null))
                    .hasMessageStartingWith("location:");
            assertThatThrownBy(() -> book.receive("acme", "SH01", "AB", null, "A-1", null, null))
                    .hasMessageStartingWith("trackingKey:");
            assertThatThrownBy(() -> book.receive("acme", "SH01", "ABC DEF", null, "A-1", null, null))
                    .hasMessageStartingWith("trackingKey:");
            assertThatThrownBy(() -> book.receive("acme", "SH01", "ABCDEF", "x".repeat(201), "A-1", null, null))
                    .hasMessageStartingWith("trackingNumber:");
            assertThatThrownBy(() -> book.receive("acme", "SH01", "ABCDEF", null, "A-1", "st/1", null))
                    .hasMessageStartingWith("station:");
            assertThat(book.intakes(null, 10)).isEmpty();
        }
    }

    @Test
    void underTheDiskFloorAnIntakeIsRefusedLikeAnOperationAndNothingIsWritten() throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        try (ParcelBook book = ParcelBook.open(dir.resolve("parcels.db"), new DiskGuard(dir, free * 4), CLOCK)) {
            assertThatThrownBy(() -> book.receive("acme", "SH01", "1Z5R89390357567127", null, "A-1", null, null))
                    .isInstanceOf(DiskFullException.class);
            assertThat(book.intakes(null, 10)).isEmpty();
        }
    }
}
