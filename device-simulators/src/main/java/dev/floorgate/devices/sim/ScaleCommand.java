package dev.floorgate.devices.sim;

import dev.floorgate.devices.ScaleOptions;
import dev.floorgate.devices.ScaleUnit;
import dev.floorgate.devices.internal.OptionValues;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code simulate scale}: a {@link ScaleSimulator} run from the command line, its load set on stdin. */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "A weighing scale that speaks MT-SICS or sends continuous output over TCP or serial.")
final class ScaleCommand implements Callable<Integer> {

    static final String COMMANDS = "weight KG, stable on|off, overload, underload, normal, "
            + "fault none|garbage|silence|half-line, disconnect, status, quit";

    @ParentCommand
    SimulatorCommand parent;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Link link;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "listen address for --listen")
    String bind;

    @Option(names = "--protocol", defaultValue = "sics", description = "sics or continuous")
    String protocol;

    @Option(names = "--unit", defaultValue = "kg", description = "g, kg, lb or oz")
    String unit;

    @Option(names = "--weight", defaultValue = "0.000", description = "the gross weight on the pan at start")
    String weight;

    @Option(names = "--interval-ms", defaultValue = "100", description = "continuous: pause between lines")
    long intervalMillis;

    @Option(names = "--baud", defaultValue = "9600")
    int baud;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = parent.out;
        ScaleUnit scaleUnit = ScaleUnit.ofSymbol(unit);
        if (scaleUnit == null) {
            out.println("error --unit must be g, kg, lb or oz, got '" + unit + "'");
            return 2;
        }
        ScaleSimulator.Builder b = link.listen != null ? ScaleSimulator.listen(bind, link.listen)
                : ScaleSimulator.serial(link.serial).baud(baud);
        b.protocol(OptionValues.parseChoice(protocol, ScaleOptions.Protocol.class, "--protocol")).unit(scaleUnit)
                .interval(Duration.ofMillis(intervalMillis));
        try (ScaleSimulator scale = b.start().weight(new BigDecimal(weight).toPlainString())) {
            out.println("scale simulator (" + protocol + ") " + (link.listen != null ? "listening on " + bind + ":"
                    + scale.port() : "on " + link.serial) + "; stdin: " + COMMANDS);
            String line;
            while ((line = parent.in.readLine()) != null) {
                if (!command(scale, line.trim(), out)) {
                    break;
                }
            }
        }
        return 0;
    }

    private static boolean command(ScaleSimulator scale, String line, PrintWriter out) {
        String[] words = line.split("\\s+", 2);
        String arg = words.length > 1 ? words[1].trim() : "";
        try {
            switch (words[0].toLowerCase(Locale.ROOT)) {
                case "":
                    return true;
                case "quit":
                    return false;
                case "weight":
                    scale.weight(new BigDecimal(arg).toPlainString());
                    break;
                case "stable":
                    scale.stable(!arg.equalsIgnoreCase("off"));
                    break;
                case "overload":
                    scale.load(ScaleSimulator.Load.OVERLOAD);
                    break;
                case "underload":
                    scale.load(ScaleSimulator.Load.UNDERLOAD);
                    break;
                case "normal":
                    scale.load(ScaleSimulator.Load.NORMAL);
                    break;
                case "fault":
                    scale.fault(OptionValues.parseChoice(arg, ScaleSimulator.Fault.class, "fault"));
                    break;
                case "disconnect":
                    scale.disconnect();
                    break;
                case "status":
                    out.println("commands received: " + scale.commandsReceived().size());
                    return true;
                default:
                    out.println("error unknown command '" + words[0] + "'; " + COMMANDS);
                    return true;
            }
        } catch (IllegalArgumentException e) {
            out.println("error " + e.getMessage());
            return true;
        }
        out.println("ok " + line);
        return true;
    }

    /** Exactly one way to reach the gateway. */
    static final class Link {
        @Option(names = "--listen", description = "listen on this port for the gateway (tcp://)")
        Integer listen;

        @Option(names = "--serial", description = "serial device, e.g. /dev/pts/3")
        String serial;
    }
}
