package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.protocol.Operation;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The photo buffer on real files and a real SQLite index (issue 17). */
class PhotoOutboxTest {
    @TempDir
    Path dir;

    private PhotoOutbox open(PhotoOptions options) throws Exception {
        return PhotoOutbox.open(dir.resolve("photos"), new DiskGuard(dir, 0), options);
    }

    private PhotoOutbox open() throws Exception {
        return open(PhotoOptions.builder().diskFloorBytes(0).build());
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("photos").resolve("files"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void anAddedPhotoIsDurableAcrossCloseAndReopenWithItsBytesUnderItsHash() throws Exception {
        byte[] jpeg = Jpegs.of(300_000, 1);
        StoredPhoto added;
        try (PhotoOutbox photos = open()) {
            added = photos.add("acme", "SH01", "P-100", "top", jpeg);
            assertThat(added.state()).isEqualTo(PhotoState.PENDING);
            assertThat(added.sha256()).isEqualTo(Jpegs.sha256(jpeg));
            assertThat(added.size()).isEqualTo(300_000);
        }
        // what another process sees: the row committed, the file named by its hash
        assertThat(Ops.count(dir.resolve("photos/photos.db"), "SELECT count(*) FROM photos WHERE state='PENDING'"))
                .isEqualTo(1);
        try (PhotoOutbox photos = open()) {
            StoredPhoto again = photos.find(added.id());
            assertThat(again).isEqualTo(added);
            assertThat(Files.readAllBytes(photos.fileOf(added.sha256()))).isEqualTo(jpeg);
            PhotoStats stats = photos.stats();
            assertThat(stats.pending()).isEqualTo(1);
            assertThat(stats.pendingBytes()).isEqualTo(300_000);
            assertThat(stats.usedBytes()).isEqualTo(300_000);
            assertThat(stats.missingFiles()).isZero();
        }
    }

    @Test
    void aPhotoFromAStreamIsStoredLikeOneFromBytes() throws Exception {
        byte[] jpeg = Jpegs.of(700_001, 2);
        try (PhotoOutbox photos = open()) {
            StoredPhoto p = photos.add("acme", "SH01", "P-1", "side", new ByteArrayInputStream(jpeg));
            assertThat(p.sha256()).isEqualTo(Jpegs.sha256(jpeg));
            assertThat(Files.readAllBytes(photos.fileOf(p.sha256()))).isEqualTo(jpeg);
        }
    }

    @Test
    void aCrashBetweenFileAndRowLeavesNoFileBehindOnReopen() throws Exception {
        byte[] kept = Jpegs.of(10_000, 3);
        try (PhotoOutbox photos = open()) {
            photos.add("acme", "SH01", "P-1", "top", kept);
        }
        Path files = dir.resolve("photos/files");
        // (1) crash while writing: a temp file; (2) crash after the rename, before the row: a file no row uses
        Files.write(files.resolve("incoming-0f0f.tmp"), Jpegs.of(5_000, 4));
        byte[] orphan = Jpegs.of(6_000, 5);
        Files.write(files.resolve(Jpegs.sha256(orphan) + ".jpg"), orphan);
        assertThat(files()).hasSize(3);
        try (PhotoOutbox photos = open()) {
            assertThat(files()).containsExactly(files.resolve(Jpegs.sha256(kept) + ".jpg"));
            assertThat(photos.stats().usedBytes()).isEqualTo(10_000);
            assertThat(photos.stats().pending()).isEqualTo(1);
        }
    }

    @Test
    void aRowWhoseFileIsMissingIsReportedAndNotSentNorLostSilently() throws Exception {
        StoredPhoto p;
        try (PhotoOutbox photos = open()) {
            p = photos.add("acme", "SH01", "P-7", "top", Jpegs.of(8_000, 6));
            Files.delete(photos.fileOf(p.sha256()));
        }
        try (PhotoOutbox photos = open()) {
            PhotoStats stats = photos.stats();
            assertThat(stats.missingFiles()).isEqualTo(1);
            assertThat(stats.failed()).isEqualTo(1);
            assertThat(stats.pending()).isZero();
            StoredPhoto row = photos.find(p.id());
            assertThat(row.state()).isEqualTo(PhotoState.FAILED);
            assertThat(row.failureCode()).isEqualTo("FILE_MISSING");
        }
    }

    /** A buffer written by the first photo gateway (schema version 1, no parcel index) opens with its photos. */
    @Test
    void aVersion1IndexIsMigratedAndItsPendingPhotoIsKeptAndListed() throws Exception {
        byte[] jpeg = Jpegs.of(30_000, 21);
        String sha = Jpegs.sha256(jpeg);
        Path buffer = dir.resolve("photos");
        Files.createDirectories(buffer.resolve("files"));
        Files.write(buffer.resolve("files").resolve(sha + ".jpg"), jpeg);
        dev.floorgate.sqlite.Schema v1 = dev.floorgate.sqlite.Schema.builder("photo index")
                .step(1, "photos and its indexes", dev.floorgate.sync.internal.PhotoTables::createVersion1).build();
        try (dev.floorgate.sqlite.SqliteStore old = dev.floorgate.sqlite.SqliteStore.open(buffer.resolve("photos.db"),
                "photo index", v1, dev.floorgate.sqlite.Durability.FULL)) {
            new dev.floorgate.sync.internal.PhotoTables(old.writeConnection())
                    .insert("acme", "SH01", "P-OLD", "label", sha, jpeg.length, 1_700_000_000_000L);
        }
        try (PhotoOutbox photos = open()) {
            List<StoredPhoto> kept = photos.forParcel("acme", "P-OLD", 10);
            assertThat(kept).hasSize(1);
            assertThat(kept.get(0).state()).isEqualTo(PhotoState.PENDING);
            assertThat(kept.get(0).sha256()).isEqualTo(sha);
            assertThat(photos.stats().usedBytes()).isEqualTo(30_000);
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + buffer.resolve("photos.db"));
                java.sql.ResultSet r = c.createStatement().executeQuery(
                        "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'photos_parcel'")) {
            assertThat(dev.floorgate.sqlite.Schema.userVersion(c)).isEqualTo(2);
            assertThat(r.next()).as("the parcel index made by step 2").isTrue();
        }
    }

    @Test
    void aParcelsPhotosAreListedAndTheKeptRowOfTheSameBytesIsFoundOnlyForItsParcelAndShot() throws Exception {
        byte[] jpeg = Jpegs.of(20_000, 11);
        try (PhotoOutbox photos = open()) {
            StoredPhoto top = photos.add("acme", "SH01", "P-7", "top", jpeg);
            StoredPhoto side = photos.add("acme", "SH01", "P-7", "side", Jpegs.of(10_000, 12));
            photos.add("acme", "SH01", "P-8", "top", jpeg);
            photos.add("beta", "SH01", "P-7", "top", Jpegs.of(10_000, 13));
            assertThat(photos.forParcel("acme", "P-7", 100)).containsExactly(top, side);
            assertThat(photos.forParcel("acme", "P-7", 1)).containsExactly(top);
            assertThat(photos.forParcel("acme", "P-9", 100)).isEmpty();
            String sha = Jpegs.sha256(jpeg);
            assertThat(photos.findKept("acme", "P-7", "top", sha)).isEqualTo(top);
            assertThat(photos.findKept("acme", "P-7", "side", sha)).isNull();
            assertThat(photos.findKept("beta", "P-7", "top", sha)).isNull();
            photos.markUploaded(top);
            assertThat(photos.findKept("acme", "P-7", "top", sha).state()).isEqualTo(PhotoState.UPLOADED);
            photos.markFailed(side, "NOT_A_PHOTO");
            assertThat(photos.findKept("acme", "P-7", "side", side.sha256())).isNull();
        }
    }

    @Test
    void theSamePhotoTwiceIsOneFileAndCountsOnceAgainstTheQuota() throws Exception {
        byte[] jpeg = Jpegs.of(50_000, 7);
        try (PhotoOutbox photos = open()) {
            StoredPhoto a = photos.add("acme", "SH01", "P-1", "top", jpeg);
            StoredPhoto again = photos.add("acme", "SH01", "P-1", "top", new ByteArrayInputStream(jpeg));
            StoredPhoto other = photos.add("acme", "SH01", "P-2", "top", jpeg);
            assertThat(again).isEqualTo(a); // a repeated add (the device retried) is the same row
            assertThat(other.id()).isNotEqualTo(a.id());
            assertThat(other.sha256()).isEqualTo(a.sha256());
            assertThat(files()).hasSize(1);
            PhotoStats stats = photos.stats();
            assertThat(stats.pending()).isEqualTo(2);
            assertThat(stats.usedBytes()).isEqualTo(50_000);
        }
    }

    @Test
    void overTheQuotaAPhotoIsRefusedWithTheNumbersWhileOperationsStillAppend() throws Exception {
        PhotoOptions options = PhotoOptions.builder().quotaBytes(250_000).maxPhotoBytes(200_000)
                .diskFloorBytes(0).build();
        try (PhotoOutbox photos = open(options);
                Outbox outbox = Outbox.open(dir.resolve("outbox.db"), new DiskGuard(dir, 0))) {
            photos.add("acme", "SH01", "P-1", "top", Jpegs.of(200_000, 8));
            assertThatThrownBy(() -> photos.add("acme", "SH01", "P-2", "top", Jpegs.of(60_000, 9)))
                    .isInstanceOfSatisfying(PhotoQuotaException.class, e -> {
                        assertThat(e.usedBytes()).isEqualTo(200_000);
                        assertThat(e.quotaBytes()).isEqualTo(250_000);
                        assertThat(e.photoBytes()).isEqualTo(60_000);
                    })
                    .hasMessageContaining("200000 bytes used of the quota of 250000 bytes, a photo of 60000 bytes");
            // the same through a stream: written to a temp file, then refused and the temp file removed
            assertThatThrownBy(() -> photos.add("acme", "SH01", "P-3", "top",
                    new ByteArrayInputStream(Jpegs.of(60_000, 10)))).isInstanceOf(PhotoQuotaException.class);
            assertThat(files()).hasSize(1);
            assertThat(photos.stats().pending()).isEqualTo(1);
            // operations are not affected
            Operation op = Ops.receive("acme");
            AppendResult r = outbox.append(op, "pda-1").get(10, TimeUnit.SECONDS);
            assertThat(r.kind()).isEqualTo(AppendResult.Kind.ACCEPTED);
            assertThat(outbox.find(op.opId())).isPresent();
            // a repeat of bytes already held costs nothing and still fits
            assertThat(photos.add("acme", "SH01", "P-4", "top", Jpegs.of(200_000, 8)).state())
                    .isEqualTo(PhotoState.PENDING);
        }
    }

    @Test
    void underThePhotoDiskFloorPhotosAreRefusedFirstAndOperationsGoOn() throws Exception {
        long free = new DiskGuard(dir, 0).freeBytes();
        DiskGuard operations = new DiskGuard(dir, 1);
        // the photos' floor is above what is free: photos refused, operations (floor 1 byte) still taken
        PhotoOptions options = PhotoOptions.builder().diskFloorBytes(free + (1L << 40)).build();
        try (PhotoOutbox photos = PhotoOutbox.open(dir.resolve("photos"), operations, options);
                Outbox outbox = Outbox.open(dir.resolve("outbox.db"), operations)) {
            assertThatThrownBy(() -> photos.add("acme", "SH01", "P-1", "top", Jpegs.of(1_000, 11)))
                    .isInstanceOf(DiskFullException.class).hasMessageContaining("below the floor of");
            assertThat(outbox.append(Ops.receive("acme"), "pda-1").get(10, TimeUnit.SECONDS).kind())
                    .isEqualTo(AppendResult.Kind.ACCEPTED);
            assertThat(files()).isEmpty();
        }
        assertThatThrownBy(() -> PhotoOutbox.open(dir.resolve("photos"), new DiskGuard(dir, 5_000),
                PhotoOptions.builder().diskFloorBytes(5_000).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("photo disk floor of 5000 bytes must be above the operations' floor of 5000 bytes");
    }

    @Test
    void garbageIsRefusedByNameAndNothingIsStored() throws Exception {
        PhotoOptions options = PhotoOptions.builder().maxPhotoBytes(100_000).diskFloorBytes(0).build();
        try (PhotoOutbox photos = open(options)) {
            assertThatThrownBy(() -> photos.add("acme", "SH01", "P-1", "top", new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P-1 shot top")
                    .hasMessageContaining("is empty (0 bytes)");
            assertThatThrownBy(() -> photos.add("acme", "SH01", "P-1", "top", new ByteArrayInputStream(new byte[0])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is empty (0 bytes)");
            assertThatThrownBy(() -> photos.add("acme", "SH01", "P-1", "top", Jpegs.of(100_001, 12)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has 100001 bytes, over the largest photo of 100000 bytes");
            assertThatThrownBy(() -> photos.add("acme", "SH01", "P-1", "top",
                    new ByteArrayInputStream(Jpegs.of(300_000, 13))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exceeds the largest photo of 100000 bytes");
            assertThatThrownBy(() -> photos.add("acme", "SH01", "P-1", "top", "GIF89a....".getBytes()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a JPEG")
                    .hasMessageContaining("474946");
            assertThatThrownBy(() -> photos.add("acme", "SH01", "P 1/../x", "top", Jpegs.of(100, 14)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("parcelId must be 1-64 of letters, digits");
            assertThatThrownBy(() -> photos.add(null, "SH01", "P-1", "top", Jpegs.of(100, 14)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant");
            assertThat(files()).isEmpty();
            assertThat(photos.stats().pending()).isZero();
            assertThat(photos.stats().usedBytes()).isZero();
        }
    }
}
