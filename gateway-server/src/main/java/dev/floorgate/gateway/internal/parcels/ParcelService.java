package dev.floorgate.gateway.internal.parcels;

import dev.floorgate.gateway.internal.access.DeviceRegistry;
import dev.floorgate.sync.PackingBook;
import dev.floorgate.sync.ParcelBook;
import dev.floorgate.sync.ParcelStats;
import dev.floorgate.sync.ParcelSync;
import dev.floorgate.sync.SyncEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's parcel intake (issue 17 item 1): the parcel book ({@link ParcelBook}, {@code <data>/parcels.db}:
 * the offline cache of announced parcels, the durable queue of intakes and, since issue 17 item 3, the packing
 * station's queue of shipments, {@link PackingBook}) and, when the gateway has a core, the
 * {@link ParcelSync} that pulls the parcel feeds and sends the intakes over the sync engine's core link. Which feeds:
 * the (tenant, warehouse) of every enrolled device that is not revoked, asked each round (a station enrolled later
 * brings its tenant's feed in). Opened by GatewayBeans after the sync engine (intakes share the operations' disk
 * floor); the sync is started and stopped by GatewayLifecycle.
 */
public final class ParcelService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParcelService.class);

    private final ParcelBook book;
    private final PackingBook packing;
    private final ParcelSync sync;

    private ParcelService(ParcelBook book, PackingBook packing, ParcelSync sync) {
        this.book = book;
        this.packing = packing;
        this.sync = sync;
    }

    /**
     * Opens the book in {@code file} and deletes intakes the core answered more than {@code keepAnswered} ago
     * (pending ones are never deleted); a sync is made (not started) when the engine has a core URL.
     */
    public static ParcelService open(Path file, SyncEngine engine, DeviceRegistry devices, String gatewayId,
            Duration keepAnswered) throws IOException {
        ParcelBook book = ParcelBook.open(file, engine.diskGuard(), Clock.systemUTC());
        try {
            PackingBook packing = PackingBook.of(book, engine.diskGuard(), Clock.systemUTC());
            int purged = book.purge(keepAnswered) + packing.purge(keepAnswered);
            if (purged > 0) {
                LOG.info("parcel book: {} intakes and shipments answered more than {} ago purged", purged, keepAnswered);
            }
            ParcelSync sync = engine.options().coreUrl() == null ? null
                    : ParcelSync.create(book, engine.options(), () -> feeds(devices), gatewayId).packing(packing);
            ParcelStats s = book.stats();
            LOG.info("parcel book {}: {} parcels cached, {} intakes pending; {}", file, s.cachedParcels(),
                    s.pendingIntakes(), sync == null ? "offline: intakes wait until a core is configured"
                            : "syncing with the core");
            return new ParcelService(book, packing, sync);
        } catch (IOException | RuntimeException e) {
            book.close();
            throw e;
        }
    }

    private static Set<ParcelSync.Feed> feeds(DeviceRegistry devices) {
        Set<ParcelSync.Feed> out = new LinkedHashSet<>();
        try {
            for (DeviceRegistry.EnrolledDevice d : devices.list()) {
                if (d.revokedAt() == null) {
                    out.add(new ParcelSync.Feed(d.tenant(), d.warehouse()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the enrolled devices for the parcel feeds: "
                    + e.getMessage(), e);
        }
        return out;
    }

    /** Starts the background sync (nothing offline). */
    public void start() {
        if (sync != null) {
            sync.start();
        }
    }

    public ParcelBook book() {
        return book;
    }

    /** The packing station's queue of shipments in the same file (issue 17 item 3), sent by the same sync. */
    public PackingBook packing() {
        return packing;
    }

    /** Why the last sync round stopped, or null (also offline). */
    public String lastError() {
        return sync == null ? null : sync.lastError();
    }

    /** Stops the sync (an intake in flight goes again next start, same opId), then closes the book. */
    @Override
    public void close() {
        if (sync != null) {
            sync.close();
        }
        book.close();
    }
}
