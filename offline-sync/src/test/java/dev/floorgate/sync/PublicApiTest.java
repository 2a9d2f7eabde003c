package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What gateway-server, bench and system-tests may use of offline-sync, and what they may not. */
class PublicApiTest {
    private static Set<String> publicMethods(Class<?> type) {
        Set<String> out = new TreeSet<>();
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())) {
                out.add(m.getName());
            }
        }
        return out;
    }

    @Test
    void theOutboxShowsAppendsLookupsAndStatsButNotTheUploadersSide() {
        assertThat(publicMethods(Outbox.class)).containsExactlyInAnyOrder("open", "schema", "file", "append",
                "find", "prune", "stats", "close");
    }

    @Test
    void theUploaderAndItsPartsAreNotPublic() {
        for (Class<?> c : new Class<?>[] {Uploader.class, TenantLane.class, CoreClient.class, BatchOutcome.class,
                ChangesPoller.class}) {
            assertThat(Modifier.isPublic(c.getModifiers())).as(c.getSimpleName()).isFalse();
        }
        assertThat(publicMethods(SyncEngine.class)).doesNotContain("uploader", "poller", "coreClient");
    }

    @Test
    void aTenantLaneHasNoFieldAnotherClassCanWrite() {
        for (Field f : TenantLane.class.getDeclaredFields()) {
            assertThat(Modifier.isPrivate(f.getModifiers()) || Modifier.isFinal(f.getModifiers()))
                    .as(f.getName()).isTrue();
            assertThat(Modifier.isPrivate(f.getModifiers())).as(f.getName() + " is private").isTrue();
        }
    }

    @Test
    void thePhotoBufferShowsAddLookupsAndStatsButNotTheUploadersSide() {
        assertThat(publicMethods(PhotoOutbox.class)).containsExactlyInAnyOrder("open", "add", "find", "findKept", "forParcel",
                "prune", "stats", "options", "diskGuard", "fileOf", "close");
        assertThat(publicMethods(PhotoUploader.class)).containsExactlyInAnyOrder("create", "start", "syncNow",
                "sendPending", "chunksSent", "uploaded", "lastError", "chunkBytes", "close");
    }

    @Test
    void theParcelBookShowsScansLookupsAndStatsButNotTheSyncsSide() {
        assertThat(publicMethods(ParcelBook.class)).containsExactlyInAnyOrder("open", "receive", "find", "intakes",
                "stats", "purge", "addIntakeListener", "file", "close");
        assertThat(publicMethods(ParcelSync.class)).containsExactlyInAnyOrder("create", "packing", "start", "syncNow",
                "round", "lastError", "answered", "close");
        // byOpId and sameShipment: a station's retry is answered before its weight is read again (PackingController)
        assertThat(publicMethods(PackingBook.class)).containsExactlyInAnyOrder("of", "waiting", "check", "pack",
                "byOpId", "sameShipment", "shipments", "count", "purge");
    }
}
