package dev.floorgate.gateway.internal.devices;

import dev.floorgate.gateway.GatewayConfigurationException;
import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.DeviceUrl;
import dev.floorgate.devices.Scan;
import dev.floorgate.devices.ScannerDriver;
import dev.floorgate.devices.ScannerOptions;
import dev.floorgate.gateway.internal.events.EventHub;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The site's configured scanners ({@code fg.scanners.*}). URLs and framing options are checked when the gateway
 * starts (a bad one stops the start, naming the key); the drivers open when the stations call {@link #start}
 * with the consumer of every scan, so no read arrives before someone can handle it. A scanner that is not there
 * yet connects in the background and shows as offline. Connection changes and problems (garbage, over-long
 * frames, no-reads) become {@code device} events.
 */
public final class ScannerRegistry implements AutoCloseable {
    private final Map<String, Entry> scanners = new LinkedHashMap<>();
    private final DeviceEventRelay relay;
    private boolean started;
    private boolean closed;

    private static final class Entry {
        final ScannerConfiguration config;
        final DeviceUrl url;
        final ScannerOptions options;
        volatile ScannerDriver driver;
        final AtomicLong scans = new AtomicLong();
        final AtomicLong problems = new AtomicLong();
        volatile Instant lastScanAt;
        volatile Instant since = Instant.now();
        volatile String lastProblem;
        volatile Instant lastProblemAt;

        Entry(ScannerConfiguration config, DeviceUrl url, ScannerOptions options) {
            this.config = config;
            this.url = url;
            this.options = options;
        }
    }

    public ScannerRegistry(List<ScannerConfiguration> configs, EventHub events) {
        this.relay = new DeviceEventRelay(events);
        List<ScannerConfiguration> sorted = new ArrayList<>(configs);
        sorted.sort((a, b) -> a.getName().compareTo(b.getName()));
        for (ScannerConfiguration c : sorted) {
            c.requireValidName();
            String key = c.urlKey();
            DeviceUrl url = c.deviceUrl();
            ScannerOptions options;
            try {
                options = ScannerOptions.fromUrl(url);
            } catch (IllegalArgumentException e) {
                throw new GatewayConfigurationException(key + ": " + e.getMessage(), e);
            }
            scanners.put(c.getName(), new Entry(c, url, options));
        }
    }

    /**
     * Opens every scanner; each read goes to {@code onScan}, called in order from one thread per scanner.
     *
     * @throws IllegalStateException when called twice
     */
    public synchronized void start(Consumer<Scan> onScan) {
        if (started) {
            throw new IllegalStateException("scanners were already started");
        }
        started = true;
        if (closed) {
            return;
        }
        for (Entry e : scanners.values()) {
            e.driver = ScannerDriver.open(e.config.getName(), e.url, e.options, scan -> {
                e.scans.incrementAndGet();
                e.lastScanAt = scan.receivedAt();
                onScan.accept(scan);
            }, event -> onEvent(e, event));
        }
    }

    private void onEvent(Entry e, DeviceEvent event) {
        switch (event.kind()) {
            case CONNECTED:
            case DISCONNECTED:
                e.since = event.at();
                break;
            case RECONNECTING:
            case DUPLICATE_SUPPRESSED:
                break;
            default:
                e.problems.incrementAndGet();
                e.lastProblem = event.kind().name() + ": " + event.message();
                e.lastProblemAt = event.at();
        }
        relay.relay("scanner", event);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(scanners.keySet());
    }

    public boolean contains(String name) {
        return scanners.containsKey(name);
    }

    /** What each scanner is doing. */
    public List<ScannerView> snapshot() {
        List<ScannerView> out = new ArrayList<>();
        for (Entry e : scanners.values()) {
            ScannerDriver d = e.driver;
            out.add(new ScannerView(e.config.getName(), e.config.getDescription(), e.url.toString(),
                    d != null && d.connected(), e.since, e.lastScanAt, e.scans.get(), e.problems.get(),
                    e.lastProblem, e.lastProblemAt));
        }
        return out;
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Entry e : scanners.values()) {
            ScannerDriver d = e.driver;
            if (d != null) {
                d.close();
            }
        }
    }

    /** A scanner as the device list shows it. */
    public static final class ScannerView {
        public final String name;
        public final String description;
        public final String url;
        public final boolean connected;
        public final Instant since;
        public final Instant lastScanAt;
        public final long scans;
        public final long problems;
        public final String lastProblem;
        public final Instant lastProblemAt;

        ScannerView(String name, String description, String url, boolean connected, Instant since,
                Instant lastScanAt, long scans, long problems, String lastProblem, Instant lastProblemAt) {
            this.name = name;
            this.description = description;
            this.url = url;
            this.connected = connected;
            this.since = since;
            this.lastScanAt = lastScanAt;
            this.scans = scans;
            this.problems = problems;
            this.lastProblem = lastProblem;
            this.lastProblemAt = lastProblemAt;
        }
    }
}
