package dev.floorgate.gateway.internal.devices;

import dev.floorgate.gateway.GatewayConfigurationException;
import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.DeviceUrl;
import dev.floorgate.devices.PrinterState;
import dev.floorgate.devices.PrinterStatus;
import dev.floorgate.devices.ZebraPrinterDriver;
import dev.floorgate.gateway.internal.events.EventHub;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The site's configured printers ({@code fg.printers.*}), each behind its {@link ZebraPrinterDriver}. Drivers are
 * opened at start-up and connect in the background, so a printer that is off or unreachable never stops the
 * gateway from starting: it shows as disconnected and its jobs wait. A bad URL is a configuration error and does
 * stop the start, naming the key.
 *
 * <p>Printer state changes become {@code device} events; a printer that turns ready tells the
 * {@link #onReady ready listeners} (the spooler resumes a held queue at once instead of at its next poll).
 */
public final class PrinterRegistry implements AutoCloseable {
    /** Names of printers, scanners and stations: what fits a metric label, a URL path and a log line. */
    static final Pattern NAME = DeviceConfiguration.NAME;

    /** By name, sorted; printers adopted at run time join it, so it is concurrent. */
    private final Map<String, Entry> printers = new ConcurrentSkipListMap<>();
    private final List<Consumer<String>> readyListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> addedListeners = new CopyOnWriteArrayList<>();
    private final DeviceEventRelay relay;
    private final AdoptedPrinters adopted;

    /** One printer: its configuration, driver and what we saw of it. */
    private static final class Entry {
        final PrinterConfiguration config;
        volatile ZebraPrinterDriver driver;
        volatile Instant lastSeen;
        volatile Instant stateSince = Instant.now();

        Entry(PrinterConfiguration config) {
            this.config = config;
        }
    }

    public PrinterRegistry(List<PrinterConfiguration> configs, EventHub events, AdoptedPrinters adopted) {
        this.relay = new DeviceEventRelay(events);
        this.adopted = adopted;
        List<PrinterConfiguration> sorted = new ArrayList<>(configs);
        for (PrinterConfiguration a : adopted.all()) {
            if (configs.stream().noneMatch(c -> c.getName().equals(a.getName()))) {
                sorted.add(a); // adopted on site IT's page earlier; the configuration wins a name clash
            }
        }
        sorted.sort((a, b) -> a.getName().compareTo(b.getName()));
        for (PrinterConfiguration c : sorted) {
            c.requireValidName();
            DeviceUrl url = c.deviceUrl();
            if (url.kind() == DeviceUrl.Kind.TCP_LISTEN) {
                throw new GatewayConfigurationException(c.urlKey() + ": '" + url + "' is tcp-listen; "
                        + "a printer is reached as tcp://host:9100 or serial:///dev/ttyX");
            }
            printers.put(c.getName(), new Entry(c));
        }
    }

    /** Opens every printer's driver (each connects and polls in the background; an unreachable printer is offline). */
    public synchronized void start() {
        try {
            for (Entry e : printers.values()) {
                String key = "fg.printers." + e.config.getName() + ".url";
                try {
                    e.driver = ZebraPrinterDriver.open(e.config.getName(), DeviceUrl.parse(e.config.getUrl()), null,
                            event -> onEvent(e, event));
                } catch (IllegalArgumentException bad) {
                    throw new GatewayConfigurationException(key + ": " + bad.getMessage(), bad);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }


    private void onEvent(Entry e, DeviceEvent event) {
        if (event.kind() == DeviceEvent.Kind.PRINTER_STATE_CHANGED) {
            e.stateSince = event.at();
            if (answered(event.printerState())) {
                e.lastSeen = event.at();
            }
        }
        relay.relay("printer", event, e.config.getTenants());
        if (event.kind() == DeviceEvent.Kind.PRINTER_STATE_CHANGED && event.printerState() == PrinterState.READY) {
            for (Consumer<String> l : readyListeners) {
                l.accept(e.config.getName());
            }
        }
    }

    private static boolean answered(PrinterState state) {
        return state != PrinterState.DISCONNECTED && state != PrinterState.NOT_ANSWERING
                && state != PrinterState.UNKNOWN;
    }

    /**
     * Adopts a printer found by discovery while the gateway runs: checked like a configured one, recorded in
     * gateway.db (committed before its driver opens, so it is back after a restart), then announced to the
     * {@link #onAdded} listeners (the spooler starts its worker).
     *
     * @throws IllegalArgumentException naming what is wrong with the name or URL
     * @throws IllegalStateException when the name is taken
     */
    public synchronized PrinterView adopt(String name, String url, String description, String by)
            throws java.sql.SQLException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: must be 1 to 64 letters, digits, '.', '_' or '-', starting with a "
                    + "letter or digit");
        }
        if (printers.containsKey(name)) {
            throw new IllegalStateException("printer '" + name + "' exists already");
        }
        DeviceUrl parsed;
        try {
            parsed = DeviceUrl.parse(url == null ? "" : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url: " + e.getMessage(), e);
        }
        if (parsed.kind() == DeviceUrl.Kind.TCP_LISTEN) {
            throw new IllegalArgumentException("url: a printer is reached as tcp://host:9100 or serial:///dev/ttyX");
        }
        PrinterConfiguration config = new PrinterConfiguration(name);
        config.setUrl(url);
        config.setDescription(description);
        adopted.save(config, by);
        Entry e = new Entry(config);
        e.driver = ZebraPrinterDriver.open(name, parsed, null, event -> onEvent(e, event));
        printers.put(name, e);
        for (Consumer<String> l : addedListeners) {
            l.accept(name);
        }
        return snapshot().stream().filter(v -> v.name.equals(name)).findFirst().orElseThrow();
    }

    /** Calls {@code listener} with the name of each printer adopted at run time. */
    public void onAdded(Consumer<String> listener) {
        addedListeners.add(listener);
    }

    /** Calls {@code listener} with a printer's name whenever it turns ready (from a driver's event thread). */
    public void onReady(Consumer<String> listener) {
        readyListeners.add(listener);
    }

    /** The configured printer names, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(printers.keySet());
    }

    public boolean contains(String name) {
        return printers.containsKey(name);
    }

    /** A printer's configuration (adopted printers' included), or empty for an unknown name. */
    public Optional<PrinterConfiguration> configuration(String name) {
        Entry e = name == null ? null : printers.get(name);
        return e == null ? Optional.empty() : Optional.of(e.config);
    }

    /** The driver of a configured printer. */
    public Optional<ZebraPrinterDriver> driver(String name) {
        Entry e = printers.get(name);
        return e == null ? Optional.empty() : Optional.ofNullable(e.driver);
    }

    /** What each printer is doing, from its last status (no printer is asked). */
    public List<PrinterView> snapshot() {
        List<PrinterView> out = new ArrayList<>();
        for (Entry e : printers.values()) {
            ZebraPrinterDriver d = e.driver;
            if (d == null) {
                continue;
            }
            PrinterStatus s = d.lastStatus();
            Instant lastSeen = e.lastSeen;
            if (answered(s.state()) && (lastSeen == null || s.at().isAfter(lastSeen))) {
                lastSeen = s.at();
            }
            List<String> faults = new ArrayList<>();
            for (PrinterState f : s.faults()) {
                faults.add(f.label());
            }
            out.add(new PrinterView(e.config.getName(), e.config.getDescription(), d.url().toString(),
                    s.state(), faults, s.detail(), d.connected(), lastSeen, e.stateSince));
        }
        return out;
    }

    @Override
    public void close() {
        for (Entry e : printers.values()) {
            ZebraPrinterDriver d = e.driver;
            if (d != null) {
                d.close();
            }
        }
    }

    /** A printer as the device list shows it. */
    public static final class PrinterView {
        public final String name;
        public final String description;
        public final String url;
        public final PrinterState state;
        public final List<String> faults;
        public final String detail;
        public final boolean connected;
        public final Instant lastSeen;
        public final Instant stateSince;

        PrinterView(String name, String description, String url, PrinterState state, List<String> faults,
                String detail, boolean connected, Instant lastSeen, Instant stateSince) {
            this.name = name;
            this.description = description;
            this.url = url;
            this.state = state;
            this.faults = List.copyOf(faults);
            this.detail = detail;
            this.connected = connected;
            this.lastSeen = lastSeen;
            this.stateSince = stateSince;
        }

        /** Ready and answering. */
        public boolean online() {
            return state == PrinterState.READY;
        }
    }
}
