package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.Scan;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops a read of the same code (same AIM id and data) that comes within the duplicate window of the previous
 * read of it: a scanner left on a label repeats it. The window slides: each repeat restarts it, so a code held
 * under the scanner counts once. Remembers the most recent {@value #MAX_CODES} codes.
 */
final class DuplicateScanFilter extends MessageToMessageDecoder<Scan> {

    static final int MAX_CODES = 256;

    private final String scanner;
    private final long windowNanos;
    private final DeviceEventSink events;
    private final Map<String, Long> lastSeen = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_CODES;
        }
    };

    DuplicateScanFilter(String scanner, Duration window, DeviceEventSink events) {
        this.scanner = scanner;
        this.windowNanos = window.toNanos();
        this.events = events;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Scan scan, List<Object> out) {
        if (windowNanos == 0) {
            out.add(scan);
            return;
        }
        long now = ctx.executor().ticker().nanoTime();
        Long previous = lastSeen.put(scan.aimId() + "\u0000" + scan.data(), now);
        if (previous != null && now - previous < windowNanos) {
            events.emit(DeviceEvent.Kind.DUPLICATE_SUPPRESSED, "scanner '" + scanner + "' read the same code again "
                    + (now - previous) / 1_000_000 + " ms after the previous read (window "
                    + windowNanos / 1_000_000 + " ms); dropped");
            return;
        }
        out.add(scan);
    }
}
