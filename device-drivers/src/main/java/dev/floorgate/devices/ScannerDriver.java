package dev.floorgate.devices;

import dev.floorgate.devices.internal.DeviceEventSink;
import dev.floorgate.devices.internal.DeviceTransport;
import dev.floorgate.devices.internal.ScannerPipelineInitializer;
import dev.floorgate.devices.internal.TransportSettings;
import dev.floorgate.devices.internal.TriggerCommand;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A barcode scanner on a serial port or TCP (either side dialing). Decoded reads go to the scan consumer, and
 * everything else (connection changes, garbage, over-long or incomplete frames, no-reads, suppressed duplicates)
 * to the event listener; both are called in order from one thread per scanner, never concurrently. The driver
 * reconnects on its own and never stops reading because of bad input. Thread-safe.
 *
 * <pre>{@code
 * ScannerDriver dock = ScannerDriver.open("dock-1", DeviceUrl.parse("serial:///dev/ttyUSB0?baud=9600&suffix=CR"),
 *         null, scan -> handle(scan), event -> log(event));
 * }</pre>
 */
public final class ScannerDriver implements AutoCloseable {

    private final String name;
    private final DeviceUrl url;
    private final ScannerOptions options;
    private final DeviceEventSink events;
    private final DeviceTransport transport;

    private ScannerDriver(String name, DeviceUrl url, ScannerOptions options, DeviceEventSink events, DeviceTransport transport) {
        this.name = name;
        this.url = url;
        this.options = options;
        this.events = events;
        this.transport = transport;
    }

    /**
     * Opens a scanner and starts connecting in the background; returns at once (for tcp-listen, once the port
     * is bound or the first bind attempt failed).
     *
     * @param options null to read them from the URL's query ({@link ScannerOptions#fromUrl})
     * @throws IllegalArgumentException for a bad URL or option
     */
    public static ScannerDriver open(String name, DeviceUrl url, ScannerOptions options, Consumer<Scan> onScan,
                                     DeviceEventListener events) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(onScan, "onScan");
        Objects.requireNonNull(events, "events");
        ScannerOptions effective = options != null ? options : ScannerOptions.fromUrl(url);
        DeviceEventSink sink = new DeviceEventSink(name, events, effective.eventQueueCapacity());
        DeviceTransport transport = DeviceTransport.create(name, url,
                new ScannerPipelineInitializer(name, effective, onScan, sink),
                new TransportSettings(effective.connectTimeout(), effective.reconnectBackoffMin(),
                        effective.reconnectBackoffMax(), effective.maxClients()),
                sink);
        ScannerDriver driver = new ScannerDriver(name, url, effective, sink, transport);
        transport.start();
        return driver;
    }

    /**
     * Asks a triggered reader to read once ({@code LON} or {@code ||>TRIGGER ON}); the result arrives as a scan or
     * a NO_READ event. When the command cannot be sent (not connected), a TRIGGER_FAILED event says so.
     *
     * @throws IllegalStateException when the scanner is not configured as a triggered reader
     */
    public void trigger() {
        if (options.triggerMode() == ScannerOptions.TriggerMode.NONE) {
            throw new IllegalStateException("scanner '" + name + "' is not a triggered reader (trigger mode NONE); "
                    + "configure trigger=cognex or trigger=keyence");
        }
        transport.write(TriggerCommand.ON).whenComplete((ok, failure) -> {
            if (failure != null) {
                events.emit(DeviceEvent.Kind.TRIGGER_FAILED, "trigger for scanner '" + name + "' not sent: "
                        + failure.getMessage());
            }
        });
    }

    /** Whether a connection is up (for tcp-listen: at least one device is connected). */
    public boolean connected() {
        return transport.isConnected();
    }

    /** Waits up to {@code timeout} for a connection; true when connected. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return transport.awaitConnected(timeout);
    }

    /** For tcp-listen, the bound address (useful with port 0); for tcp, our end of the connection; else null. */
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    public String name() {
        return name;
    }

    public DeviceUrl url() {
        return url;
    }

    public ScannerOptions options() {
        return options;
    }

    /** Closes the connection and stops reconnecting; events already queued are still delivered. */
    @Override
    public void close() {
        transport.close();
        events.close();
    }

    @Override
    public String toString() {
        return "ScannerDriver{" + name + ", " + url + ", " + (connected() ? "connected" : "not connected") + "}";
    }
}
