package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.devices.sim.PrintedLabel;
import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.devices.sim.ScannerSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Packing stations on a test LAN: each a TCP scanner simulator and a printer simulator on the host's end of a
 * {@link NetNs} LAN link, joined at the gateway by a raw station (a scan carries its label, printed as it is). A
 * soak scans at every station while it breaks other things, then checks each station printed every scan once, in
 * order.
 */
final class LanStations implements AutoCloseable {
    private final List<PrinterSimulator> printers = new ArrayList<>();
    private final List<ScannerSimulator> scanners = new ArrayList<>();
    private final List<List<String>> sent = new ArrayList<>();

    LanStations(NetNs ns, int count) throws IOException {
        try {
            for (int i = 0; i < count; i++) {
                printers.add(PrinterSimulator.builder().bindAddress(ns.hostLanIp()).labelMillis(20).start());
                scanners.add(ScannerSimulator.listen(ns.hostLanIp(), 0).start());
                sent.add(new CopyOnWriteArrayList<>());
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The gateway's configuration of the stations (printers, scanners, stations), as a YAML file. */
    Path writeConfig(Path file, String hostLanIp) throws IOException {
        List<String> y = new ArrayList<>(List.of("fg:", "  printers:"));
        for (int i = 0; i < printers.size(); i++) {
            y.add("    p" + i + ":");
            y.add("      url: tcp://" + hostLanIp + ":" + printers.get(i).port() + "?pollInterval=0");
        }
        y.add("  scanners:");
        for (int i = 0; i < scanners.size(); i++) {
            y.add("    s" + i + ":");
            y.add("      url: tcp://" + hostLanIp + ":" + scanners.get(i).port() + "?reconnectMax=500ms");
        }
        y.add("  stations:");
        for (int i = 0; i < printers.size(); i++) {
            y.addAll(List.of("    st" + i + ":", "      scanner: s" + i, "      printer: p" + i, "      on-scan: raw",
                    "      tenant: acme"));
        }
        Files.writeString(file, String.join("\n", y) + "\n");
        return file;
    }

    /** Waits until the gateway has connected to every scanner. */
    void awaitConnected() throws InterruptedException {
        for (ScannerSimulator s : scanners) {
            assertThat(s.awaitGateway(Duration.ofSeconds(30))).as("the gateway connected to a station's scanner")
                    .isTrue();
        }
    }

    /** Scans at every station, one each per {@code pauseMillis}, until {@code keepGoing} says stop. */
    void scanWhile(BooleanSupplier keepGoing, long pauseMillis) throws IOException, InterruptedException {
        int n = 0;
        while (keepGoing.getAsBoolean()) {
            for (int i = 0; i < scanners.size(); i++) {
                String label = "ST" + i + "-" + n;
                scanners.get(i).scan("^XA^FO30,30^A0N,40,40^FD" + label + "^FS^XZ");
                sent.get(i).add(label);
            }
            n++;
            Thread.sleep(pauseMillis);
        }
    }

    int scans() {
        return sent.stream().mapToInt(List::size).sum();
    }

    /** Every station printed each of its scans once, in scan order. */
    void assertEachScanPrintedOnceInOrder() throws InterruptedException {
        for (int i = 0; i < printers.size(); i++) {
            PrinterSimulator printer = printers.get(i);
            int expected = sent.get(i).size();
            await("station st" + i).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> printer.printed().size() >= expected);
        }
        Thread.sleep(1000); // a scan counted twice would print now
        for (int i = 0; i < printers.size(); i++) {
            List<String> printed = printers.get(i).printed().stream().map(PrintedLabel::fieldData)
                    .map(f -> f.stream().filter(v -> v.startsWith("ST")).findFirst().orElse("?"))
                    .collect(Collectors.toList());
            assertThat(printed).as("labels of station st%d, in order, each once", i)
                    .containsExactlyElementsOf(sent.get(i));
        }
    }

    @Override
    public void close() {
        for (ScannerSimulator s : scanners) {
            s.close();
        }
        for (PrinterSimulator p : printers) {
            p.close();
        }
    }
}
