package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.floorgate.protocol.RequestSigner;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resumable photo upload against a core that keeps the protocol's rules, over real HTTP. */
class PhotoUploaderTest {
    @TempDir
    Path dir;
    private final PhotoCore core = new PhotoCore();
    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient http = new OkHttpClient();
    private final List<Long> offsetsSent = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(core);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private PhotoOutbox open(int chunk) throws Exception {
        return PhotoOutbox.open(dir.resolve("photos"), new DiskGuard(dir, 0), PhotoOptions.builder().diskFloorBytes(0)
                .chunkBytes(chunk).backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build());
    }

    private PhotoUploader uploader(PhotoOutbox photos, String url) {
        CoreClient client = new CoreClient(url, new RequestSigner(ScriptedCore.KEY_ID, ScriptedCore.SECRET), http);
        return new PhotoUploader(photos, client, (p, offset, len, now) -> offsetsSent.add(offset));
    }

    private PhotoUploader uploader(PhotoOutbox photos) {
        return uploader(photos, server.url("/").toString());
    }

    private PhotoCore.Upload onlyUpload() {
        assertThat(core.uploads).hasSize(1);
        return core.uploads.values().iterator().next();
    }

    @Test
    void pendingPhotosGoUpInChunksAndAFileIsDeletedOnlyWhenNoPendingRowNeedsIt() throws Exception {
        byte[] jpeg = Jpegs.of(600_000, 1);
        try (PhotoOutbox photos = open(256 * 1024)) {
            StoredPhoto a = photos.add("acme", "SH01", "P-1", "top", jpeg);
            StoredPhoto b = photos.add("acme", "SH01", "P-2", "top", jpeg); // same bytes, another parcel
            PhotoUploader up = uploader(photos);
            assertThat(up.sendPending(3)).isEqualTo(3); // a's three chunks and its complete; b not started
            assertThat(photos.find(a.id()).state()).isEqualTo(PhotoState.UPLOADED);
            assertThat(photos.find(b.id()).state()).isEqualTo(PhotoState.PENDING);
            assertThat(Files.exists(photos.fileOf(a.sha256()))).isTrue();
            assertThat(up.sendPending(Integer.MAX_VALUE)).isEqualTo(3);
            assertThat(photos.find(b.id()).state()).isEqualTo(PhotoState.UPLOADED);
            assertThat(Files.exists(photos.fileOf(a.sha256()))).isFalse();
            for (PhotoCore.Upload u : core.uploads.values()) {
                assertThat(u.state).isEqualTo("COMPLETE");
                assertThat(u.data.toByteArray()).isEqualTo(jpeg);
            }
            PhotoStats stats = photos.stats();
            assertThat(stats.uploaded()).isEqualTo(2);
            assertThat(stats.pending()).isZero();
            assertThat(stats.usedBytes()).isZero();
            assertThat(stats.bytesSent()).isEqualTo(1_200_000);
            assertThat(offsetsSent).containsExactly(0L, 262_144L, 524_288L, 0L, 262_144L, 524_288L);
            assertThat(core.signatureProblems).isEmpty();
            // retention: uploaded rows go, a pending one would stay
            StoredPhoto c = photos.add("acme", "SH01", "P-3", "top", Jpegs.of(1_000, 99));
            assertThat(photos.prune(Duration.ofDays(1))).isZero();
            assertThat(photos.prune(Duration.ofMillis(-1))).isEqualTo(2);
            assertThat(photos.find(a.id())).isNull();
            assertThat(photos.find(c.id()).state()).isEqualTo(PhotoState.PENDING);
        }
    }

    @Test
    void anUploadCutMidwayResumesFromTheCoresOffsetAfterTheGatewayReopens() throws Exception {
        byte[] jpeg = Jpegs.of(1_100_000, 2);
        try (PhotoOutbox photos = open(64 * 1024)) {
            photos.add("acme", "SH01", "P-1", "top", jpeg);
            assertThat(uploader(photos).sendPending(5)).isEqualTo(5); // cut: the gateway stops here
        }
        offsetsSent.clear();
        try (PhotoOutbox photos = open(64 * 1024)) {
            StoredPhoto p = photos.pending(0, 10).get(0);
            assertThat(p.offset()).isEqualTo(5 * 65_536L);
            uploader(photos).sendPending(Integer.MAX_VALUE);
            assertThat(offsetsSent.get(0)).isEqualTo(5 * 65_536L); // continued, not restarted
            assertThat(photos.stats().uploaded()).isEqualTo(1);
        }
        PhotoCore.Upload u = onlyUpload();
        assertThat(u.data.toByteArray()).isEqualTo(jpeg);
        String id = core.uploads.keySet().iterator().next();
        assertThat(core.chunksAtZero(id)).isEqualTo(1);
        assertThat(core.bytesReceived()).isEqualTo(1_100_000);
    }

    @Test
    void aChunkWhoseAnswerWasLostIsNotSentAgainTheCoresOffsetIsAsked() throws Exception {
        byte[] jpeg = Jpegs.of(500_000, 3);
        try (PhotoOutbox photos = open(64 * 1024)) {
            photos.add("acme", "SH01", "P-1", "top", jpeg);
            PhotoUploader up = uploader(photos);
            up.sendPending(2);
            core.dropAnswers.set(1); // the third chunk is stored, its answer lost
            assertThatThrownBy(() -> up.sendPending(Integer.MAX_VALUE)).isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("503");
            assertThat(up.lastError()).contains("503");
            assertThat(photos.pending(0, 1).get(0).offset()).isEqualTo(2 * 65_536L);
            up.sendPending(Integer.MAX_VALUE);
            assertThat(up.lastError()).isNull();
            assertThat(photos.stats().uploaded()).isEqualTo(1);
        }
        assertThat(onlyUpload().data.toByteArray()).isEqualTo(jpeg);
        assertThat(core.bytesReceived()).isEqualTo(500_000).isLessThan(2 * 500_000);
        assertThat(core.chunks).extracting(PhotoCore.Chunk::offset).doesNotHaveDuplicates();
    }

    @Test
    void offsetMismatchContinuesFromTheExpectedOffset() throws Exception {
        byte[] jpeg = Jpegs.of(300_000, 4);
        try (PhotoOutbox photos = open(64 * 1024)) {
            photos.add("acme", "SH01", "P-1", "top", jpeg);
            core.mismatchAnswers.set(1);
            uploader(photos).sendPending(Integer.MAX_VALUE);
            assertThat(photos.stats().uploaded()).isEqualTo(1);
        }
        assertThat(onlyUpload().data.toByteArray()).isEqualTo(jpeg);
        assertThat(core.chunks).extracting(PhotoCore.Chunk::offset).doesNotHaveDuplicates();
    }

    @Test
    void aPhotoTheCoreRefusesAtCompleteIsFailedWithItsCodeKeptAndNeverRetried() throws Exception {
        core.refuseComplete = "NOT_A_PHOTO";
        try (PhotoOutbox photos = open(64 * 1024)) {
            StoredPhoto p = photos.add("acme", "SH01", "P-1", "top", Jpegs.of(100_000, 5));
            StoredPhoto q = photos.add("acme", "SH01", "P-2", "top", Jpegs.of(90_000, 6));
            PhotoUploader up = uploader(photos);
            up.sendPending(Integer.MAX_VALUE);
            assertThat(photos.find(p.id()).state()).isEqualTo(PhotoState.FAILED);
            assertThat(photos.find(p.id()).failureCode()).isEqualTo("NOT_A_PHOTO");
            assertThat(photos.find(q.id()).state()).isEqualTo(PhotoState.FAILED); // one refusal blocks nothing
            assertThat(Files.exists(photos.fileOf(p.sha256()))).isTrue(); // kept
            int completes = core.completes.get();
            int chunks = core.chunks.size();
            assertThat(up.sendPending(Integer.MAX_VALUE)).isZero();
            assertThat(core.completes.get()).isEqualTo(completes);
            assertThat(core.chunks).hasSize(chunks);
            PhotoStats stats = photos.stats();
            assertThat(stats.failed()).isEqualTo(2);
            assertThat(stats.usedBytes()).isEqualTo(190_000);
        }
    }

    @Test
    void aChunkTooLargeForTheCoreHalvesTheChunkSize() throws Exception {
        core.maxChunkBytes = 100_000;
        byte[] jpeg = Jpegs.of(400_000, 7);
        try (PhotoOutbox photos = open(256 * 1024)) {
            photos.add("acme", "SH01", "P-1", "top", jpeg);
            PhotoUploader up = uploader(photos);
            up.sendPending(Integer.MAX_VALUE);
            assertThat(up.chunkBytes()).isEqualTo(65_536);
            assertThat(photos.stats().uploaded()).isEqualTo(1);
        }
        assertThat(onlyUpload().data.toByteArray()).isEqualTo(jpeg);
    }

    @Test
    void withTheCoreUnreachableThePhotoStaysAndGoesUpLater() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        byte[] jpeg = Jpegs.of(200_000, 8);
        try (PhotoOutbox photos = open(64 * 1024)) {
            StoredPhoto p = photos.add("acme", "SH01", "P-1", "top", jpeg);
            PhotoUploader dead = uploader(photos, "http://127.0.0.1:" + deadPort);
            assertThatThrownBy(() -> dead.sendPending(Integer.MAX_VALUE)).isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("unreachable");
            assertThat(photos.find(p.id()).state()).isEqualTo(PhotoState.PENDING);
            assertThat(Files.exists(photos.fileOf(p.sha256()))).isTrue();
            try (PhotoUploader up = uploader(photos)) {
                up.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> photos.stats().uploaded() == 1);
                photos.add("acme", "SH01", "P-2", "top", Jpegs.of(10_000, 9)); // the add wakes it, no syncNow
                await().atMost(Duration.ofSeconds(20)).until(() -> photos.stats().uploaded() == 2);
            }
        }
        assertThat(core.uploads).hasSize(2);
    }

    @Test
    void aFileGoneBehindTheBuffersBackFailsThatPhotoAndTheNextOneStillGoes() throws Exception {
        try (PhotoOutbox photos = open(64 * 1024)) {
            StoredPhoto gone = photos.add("acme", "SH01", "P-1", "top", Jpegs.of(100_000, 10));
            StoredPhoto next = photos.add("acme", "SH01", "P-2", "top", Jpegs.of(100_000, 11));
            Files.delete(photos.fileOf(gone.sha256()));
            uploader(photos).sendPending(Integer.MAX_VALUE);
            assertThat(photos.find(gone.id()).state()).isEqualTo(PhotoState.FAILED);
            assertThat(photos.find(gone.id()).failureCode()).isEqualTo("FILE_MISSING");
            assertThat(photos.find(next.id()).state()).isEqualTo(PhotoState.UPLOADED);
        }
    }
}
