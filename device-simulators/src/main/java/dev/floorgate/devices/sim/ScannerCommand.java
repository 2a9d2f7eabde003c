package dev.floorgate.devices.sim;

import dev.floorgate.devices.ScannerOptions;
import dev.floorgate.devices.internal.OptionValues;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code simulate scanner}: a {@link ScannerSimulator} run from the command line. */
@Command(name = "scanner", mixinStandardHelpOptions = true,
        description = "A barcode scanner that sends framed reads over TCP or serial.")
final class ScannerCommand implements Callable<Integer> {
    @ParentCommand
    SimulatorCommand parent;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Link link;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "listen address for --listen")
    String bind;

    @Option(names = "--suffix", defaultValue = "CRLF", description = "CR, LF, CRLF or NONE")
    String suffix;

    @Option(names = "--prefix", defaultValue = "")
    String prefix;

    @Option(names = "--stx-etx", description = "frame reads as STX ... ETX")
    boolean stxEtx;

    @Option(names = "--aim", description = "AIM id before each read, e.g. ]C1")
    String aim;

    @Option(names = "--baud", defaultValue = "9600")
    int baud;

    @Option(names = "--send", description = "a read to send (repeatable)")
    List<String> send = new ArrayList<>();

    @Option(names = "--file", description = "a file with one read per line")
    Path file;

    @Option(names = "--interval-ms", defaultValue = "100", description = "pause between reads")
    long intervalMillis;

    @Option(names = "--repeat", defaultValue = "1", description = "send the reads this many times")
    int repeat;

    @Option(names = "--interactive", description = "send each stdin line as a read")
    boolean interactive;

    @Option(names = "--trigger", defaultValue = "none", description = "answer triggers: none, keyence or cognex; "
            + "stdin lines queue the reads to answer with")
    String trigger;

    @Option(names = "--no-read", defaultValue = "ERROR")
    String noRead;

    @Option(names = "--wait-ms", defaultValue = "30000", description = "with --listen: wait this long for the gateway")
    long waitMillis;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = parent.out;
        ScannerSimulator.Builder b;
        if (link.connect != null) {
            int colon = link.connect.lastIndexOf(':');
            if (colon < 1) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--connect needs host:port, got '" + link.connect + "'");
            }
            b = ScannerSimulator.connect(link.connect.substring(0, colon), Integer.parseInt(link.connect.substring(colon + 1)));
        } else if (link.listen != null) {
            b = ScannerSimulator.listen(bind, link.listen);
        } else {
            b = ScannerSimulator.serial(link.serial).baud(baud);
        }
        ScannerOptions.TriggerMode mode = SimulatorCommand.parseTrigger(trigger);
        b.suffix(OptionValues.parseChoice(suffix, ScannerOptions.Suffix.class, "--suffix")).prefix(SimulatorCommand.unescape(prefix))
                .stxEtx(stxEtx).aimId(aim).trigger(mode).noRead(noRead);
        List<String> reads = new ArrayList<>();
        for (String s : send) {
            reads.add(SimulatorCommand.unescape(s));
        }
        if (file != null) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    reads.add(SimulatorCommand.unescape(line));
                }
            }
        }
        try (ScannerSimulator scanner = b.start()) {
            if (link.listen != null) {
                out.println("scanner simulator listening on " + bind + ":" + scanner.port() + "; waiting for the gateway");
                if (!scanner.awaitGateway(Duration.ofMillis(waitMillis))) {
                    out.println("error no gateway connected within " + waitMillis + " ms");
                    return 1;
                }
                out.println("gateway connected");
            } else {
                out.println("scanner simulator connected via " + (link.connect != null ? link.connect : link.serial));
            }
            for (int r = 0; r < repeat; r++) {
                for (String read : reads) {
                    scanner.scan(read);
                    out.println("sent " + SimulatorCommand.printable(read));
                    Thread.sleep(intervalMillis);
                }
            }
            if (mode != ScannerOptions.TriggerMode.NONE) {
                out.println("answering " + mode + " triggers; each stdin line queues a read, quit to stop");
                String line;
                while ((line = parent.in.readLine()) != null && !line.trim().equalsIgnoreCase("quit")) {
                    scanner.queueRead(SimulatorCommand.unescape(line));
                    out.println("queued " + SimulatorCommand.printable(line));
                }
            } else if (interactive) {
                out.println("each stdin line is sent as a read; !noread, !garbage HEX, !endless BYTES, "
                        + "!burst A|B|C, !split PIECES DATA, !quit");
                String line;
                while ((line = parent.in.readLine()) != null) {
                    if (!interactiveLine(scanner, line, out)) {
                        break;
                    }
                }
            }
            Thread.sleep(50); // let the last write drain before closing
        }
        return 0;
    }

    private boolean interactiveLine(ScannerSimulator scanner, String line, PrintWriter out) throws Exception {
        if (!line.startsWith("!")) {
            scanner.scan(SimulatorCommand.unescape(line));
            out.println("sent " + SimulatorCommand.printable(SimulatorCommand.unescape(line)));
            return true;
        }
        String[] words = line.substring(1).trim().split("\\s+", 2);
        switch (words[0].toLowerCase(java.util.Locale.ROOT)) {
            case "quit":
                return false;
            case "noread":
                scanner.noRead();
                break;
            case "garbage":
                scanner.garbage(words.length > 1 ? SimulatorCommand.hex(words[1]) : new byte[] {0x00, (byte) 0xff, 0x13, 0x07});
                break;
            case "endless":
                scanner.endlessLine(words.length > 1 ? Long.parseLong(words[1]) : 1024 * 1024);
                break;
            case "burst":
                scanner.burst(words.length > 1 ? SimulatorCommand.unescape(words[1]).split("\\|") : new String[0]);
                break;
            case "split":
                String[] args = words.length > 1 ? words[1].split("\\s+", 2) : new String[0];
                if (args.length < 2) {
                    out.println("error !split needs PIECES DATA");
                    return true;
                }
                scanner.scanSplit(SimulatorCommand.unescape(args[1]), Integer.parseInt(args[0]), Duration.ofMillis(20));
                break;
            default:
                out.println("error unknown command " + words[0]);
                return true;
        }
        out.println("ok " + words[0]);
        return true;
    }

    /** Exactly one way to reach the gateway. */
    static final class Link {
        @Option(names = "--connect", description = "dial the gateway's tcp-listen port, host:port")
        String connect;

        @Option(names = "--listen", description = "listen on this port for the gateway (tcp://)")
        Integer listen;

        @Option(names = "--serial", description = "serial device, e.g. /dev/pts/3")
        String serial;
    }
}
