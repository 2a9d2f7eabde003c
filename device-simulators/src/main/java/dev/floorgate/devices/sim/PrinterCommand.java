package dev.floorgate.devices.sim;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code simulate printer}: a {@link PrinterSimulator} run from the command line, controlled on stdin. */
@Command(name = "printer", mixinStandardHelpOptions = true,
        description = "A Zebra printer: ZPL on a raw port, ~HS/~HQES/~HI, SGD, UDP discovery; each label to a file.")
final class PrinterCommand implements Callable<Integer> {
    @ParentCommand
    SimulatorCommand parent;

    @Option(names = "--port", defaultValue = "9100", description = "raw print port (0 = any free port)")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "address to listen on (0.0.0.0 for the LAN)")
    String bind;

    @Option(names = "--capture-dir", required = true, description = "directory for label-NNNNNN.zpl files")
    Path captureDir;

    @Option(names = "--dpi", defaultValue = "203", description = "152, 203, 300 or 600")
    int dpi;

    @Option(names = "--discovery-port", defaultValue = "-1", description = "answer UDP discovery on this port (4201)")
    int discoveryPort;

    @Option(names = "--control-port", defaultValue = "-1", description = "line-based control commands on this loopback port")
    int controlPort;

    @Option(names = "--serial", description = "also serve ZPL on this serial device")
    String serial;

    @Option(names = "--baud", defaultValue = "9600", description = "serial baud rate")
    int baud;

    @Option(names = "--label-ms", defaultValue = "0", description = "time to print one label")
    long labelMillis;

    @Option(names = "--model", defaultValue = "ZT410")
    String model;

    @Option(names = "--name", defaultValue = "FG-SIM-PRINTER", description = "device.friendly_name")
    String name;

    @Option(names = "--serial-number", defaultValue = "SIM0000001")
    String serialNumber;

    @Option(names = "--no-counters", description = "a model without label counters (odometer.total_label_count is \"?\")")
    boolean noCounters;

    @Option(names = "--no-clock", description = "a model without a real-time clock (rtc.date and rtc.time are \"?\")")
    boolean noClock;

    @Option(names = "--clock-zone", description = "zone of the printer's local clock (default this machine's)")
    String clockZone;

    @Option(names = "--odometer", defaultValue = "0", description = "the label counter's value at start")
    long odometer;

    @Override
    public Integer call() throws Exception {
        PrinterSimulator.Builder b = PrinterSimulator.builder().bindAddress(bind).port(port).captureDir(captureDir)
                .dpi(dpi).labelMillis(labelMillis).model(model).friendlyName(name).serial(serialNumber).odometer(odometer);
        if (noCounters) {
            b.withoutCounters();
        }
        if (noClock) {
            b.withoutClock();
        }
        if (clockZone != null) {
            b.clockZone(java.time.ZoneId.of(clockZone));
        }
        if (discoveryPort >= 0) {
            b.discoveryPort(discoveryPort);
        }
        if (controlPort >= 0) {
            b.controlPort(controlPort);
        }
        if (serial != null) {
            b.serial(serial, baud);
        }
        PrintWriter out = parent.out;
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (PrinterSimulator printer = b.start()) {
            // On SIGTERM: let this thread close the simulator, and give it a moment to do so.
            Thread hook = new Thread(() -> {
                stopped.countDown();
                try {
                    closed.await(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "sim-printer-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("printer simulator listening on " + bind + ":" + printer.port() + ", capturing labels to "
                    + captureDir.toAbsolutePath()
                    + (printer.discoveryPort() >= 0 ? ", discovery on UDP " + printer.discoveryPort() : "")
                    + (printer.controlPort() >= 0 ? ", control on 127.0.0.1:" + printer.controlPort() : "")
                    + (serial != null ? ", serial " + serial : ""));
            out.println(PrinterControl.HELP + ", quit");
            String line;
            while ((line = parent.in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.trim().equalsIgnoreCase("quit") || line.trim().equalsIgnoreCase("exit")) {
                    out.println("ok stopping");
                    stopped.countDown();
                    break;
                }
                out.println(printer.control(line));
            }
            // stdin closed (run in the background): serve until the process is stopped
            stopped.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting; the simulator closes below
            }
        } finally {
            closed.countDown();
        }
        return 0;
    }
}
