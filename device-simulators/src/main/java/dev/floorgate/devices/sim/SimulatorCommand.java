package dev.floorgate.devices.sim;

import dev.floorgate.devices.ScannerOptions;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The simulators' command line ({@code ./floorgate simulate printer|scanner ...} runs
 * {@code java -cp <jar> dev.floorgate.devices.sim.SimulatorCommand printer ...}), so that site IT can rehearse
 * without hardware.
 *
 * <pre>
 * printer --port 9100 --capture-dir DIR [--bind 127.0.0.1] [--dpi 203] [--discovery-port 4201]
 *         [--control-port N] [--serial PATH] [--label-ms N]
 *     stdin (and the control port) take commands: paper-out on|off, head-open on|off, ribbon-out on|off,
 *     pause, resume, silent on|off, drop-next-connection [BYTES], drop-next-format [BYTES], power-cycle, status, help, quit
 * scanner --connect host:port | --listen port | --serial /dev/pts/N [--suffix CRLF] [--aim ]C1]
 *         [--send DATA]... [--file F] [--interval-ms N] [--repeat N] [--interactive] [--trigger keyence|cognex]
 *     DATA may hold \xNN escapes (\x1D is GS), \r, \n, \t and \\. In interactive mode each stdin line is a
 *     scan; lines starting with ! are commands: !noread, !garbage HEX, !endless BYTES, !burst A|B|C,
 *     !split PIECES DATA, !quit.
 * scale --listen port | --serial /dev/pts/N [--protocol sics|continuous] [--unit kg] [--weight 0.000]
 *       [--interval-ms 100] [--baud 9600]
 *     stdin takes: weight KG, stable on|off, overload, underload, normal, fault none|garbage|silence|half-line,
 *     disconnect, status, quit.
 * </pre>
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        subcommands = {PrinterCommand.class, ScannerCommand.class, ScaleCommand.class},
        description = "Simulated Zebra printer, barcode scanner and scale that speak the real protocols.")
public final class SimulatorCommand implements Callable<Integer> {

    final BufferedReader in;
    final PrintWriter out;

    public SimulatorCommand(InputStream in, PrintStream out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = new PrintWriter(out, true);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new SimulatorCommand(in, out));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        out.println("usage: simulate printer|scanner|scale [options]; simulate <command> --help for details");
        return 2;
    }

    static ScannerOptions.TriggerMode parseTrigger(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "keyence": return ScannerOptions.TriggerMode.KEYENCE_LON;
            case "cognex": return ScannerOptions.TriggerMode.COGNEX_DMCC;
            case "none": return ScannerOptions.TriggerMode.NONE;
            default: throw new IllegalArgumentException("--trigger must be none, keyence or cognex, got '" + text + "'");
        }
    }

    /** Expands {@code \xNN}, {@code \r}, {@code \n}, {@code \t} and {@code \\}. */
    static String unescape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                sb.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'r': sb.append('\r'); break;
                case 'n': sb.append('\n'); break;
                case 't': sb.append('\t'); break;
                case '\\': sb.append('\\'); break;
                case 'x':
                    if (i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                            && Character.digit(text.charAt(i + 2), 16) >= 0) {
                        sb.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                        i += 2;
                    } else {
                        sb.append("\\x");
                    }
                    break;
                default:
                    sb.append('\\').append(next);
            }
        }
        return sb.toString();
    }

    static byte[] hex(String text) {
        String digits = text.replaceAll("[^0-9a-fA-F]", "");
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    static String printable(String text) {
        return text.replace("\u001d", "<GS>").replace("\r", "<CR>").replace("\n", "<LF>");
    }
}
