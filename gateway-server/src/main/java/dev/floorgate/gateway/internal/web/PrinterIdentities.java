package dev.floorgate.gateway.internal.web;

import dev.floorgate.devices.PrinterIdentity;
import dev.floorgate.devices.ZebraPrinterDriver;
import dev.floorgate.gateway.internal.devices.PrinterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model and firmware of each printer ({@code ~HI}), for site IT's page. Asking takes the printer's one query slot
 * for a moment, so it is asked in the background, once, and again after {@link #REFRESH} (a printer may be swapped
 * for another behind the same address); the page shows what is known meanwhile.
 */
final class PrinterIdentities implements AutoCloseable {
    static final Duration REFRESH = Duration.ofMinutes(30);
    /** After a failed ask, wait this long before asking that printer again. */
    static final Duration RETRY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(PrinterIdentities.class);

    private record Known(PrinterIdentity identity, Instant askedAt) {
    }

    private final PrinterRegistry printers;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, Boolean> asking = new ConcurrentHashMap<>();
    private final ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(256), r -> {
                Thread t = new Thread(r, "fg-printer-identity");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    PrinterIdentities(PrinterRegistry printers) {
        this.printers = printers;
    }

    /** What is known of the printer; asks it in the background when nothing or old news is known. */
    Optional<PrinterIdentity> identity(String printer, boolean answering) {
        Known k = known.get(printer);
        Instant now = Instant.now();
        boolean stale = k == null || k.askedAt().plus(k.identity() == null ? RETRY : REFRESH).isBefore(now);
        if (stale && answering && asking.putIfAbsent(printer, Boolean.TRUE) == null) {
            executor.execute(() -> ask(printer));
        }
        return k == null ? Optional.empty() : Optional.ofNullable(k.identity());
    }

    private void ask(String printer) {
        try {
            Optional<ZebraPrinterDriver> driver = printers.driver(printer);
            if (driver.isPresent()) {
                PrinterIdentity id = null;
                try {
                    id = driver.get().identity();
                } catch (IOException e) {
                    LOG.debug("printer '{}' did not say who it is: {}", printer, e.getMessage());
                }
                Known previous = known.get(printer);
                known.put(printer, new Known(id != null ? id : previous == null ? null : previous.identity(),
                        Instant.now()));
            }
        } finally {
            asking.remove(printer);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
