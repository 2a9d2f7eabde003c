package dev.floorgate.devices.sim;

import java.util.Locale;

/**
 * The printer simulator's text control commands, one per line, shared by stdin and the control port. Every
 * command answers one line starting with {@code ok} or {@code error}.
 *
 * <pre>
 * paper-out on|off       ribbon-out on|off       head-open on|off
 * pause | resume         (also: pause on|off)
 * silent on|off          answer nothing at all (a hung printer); printing stops too
 * drop-next-connection [BYTES]   reset the next connection that sends data after BYTES more bytes (default 0)
 * drop-next-format [BYTES]       reset the connection of the next format BYTES bytes after its ^XA (default 0)
 * power-cycle            clear the buffer, R: formats and pause; drop the connections (the label counter stays)
 * cancel-all             the front panel's cancel-all (as ~JA): buffer and batch lost
 * jam on|off             a paper jam stops printing; clearing it cancels the rest of the batch
 * label-ms MILLIS        time to print one label from now on
 * status                 one line of state
 * help
 * </pre>
 */
final class PrinterControl {

    static final String HELP = "commands: paper-out on|off, ribbon-out on|off, head-open on|off, pause, resume, "
            + "silent on|off, drop-next-connection [BYTES], drop-next-format [BYTES], power-cycle, cancel-all, jam on|off, label-ms MILLIS, status, help";

    private final PrinterSimulator simulator;

    PrinterControl(PrinterSimulator simulator) {
        this.simulator = simulator;
    }

    String execute(String line) {
        String[] words = line.trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return "error empty command; " + HELP;
        }
        try {
            switch (words[0]) {
                case "paper-out":
                    simulator.paperOut(onOff(words));
                    break;
                case "ribbon-out":
                    simulator.ribbonOut(onOff(words));
                    break;
                case "head-open":
                    simulator.headOpen(onOff(words));
                    break;
                case "pause":
                    simulator.pause(words.length < 2 || onOff(words));
                    break;
                case "resume":
                case "unpause":
                    simulator.pause(false);
                    break;
                case "silent":
                    simulator.silent(onOff(words));
                    break;
                case "drop-next-connection":
                    simulator.dropNextConnection(words.length > 1 ? Long.parseLong(words[1]) : 0);
                    break;
                case "drop-next-format":
                    simulator.dropNextFormat(words.length > 1 ? Long.parseLong(words[1]) : 0);
                    break;
                case "power-cycle":
                    simulator.powerCycle();
                    break;
                case "cancel-all":
                    simulator.cancelAll();
                    break;
                case "jam":
                    simulator.jam(onOff(words));
                    break;
                case "label-ms":
                    if (words.length < 2) {
                        throw new IllegalArgumentException("'label-ms' needs a number of milliseconds");
                    }
                    simulator.labelMillis(Long.parseLong(words[1]));
                    break;
                case "status":
                    break;
                case "help":
                    return "ok " + HELP;
                default:
                    return "error unknown command '" + words[0] + "'; " + HELP;
            }
        } catch (IllegalArgumentException e) {
            return "error " + e.getMessage();
        }
        return "ok " + simulator.describeState();
    }

    private static boolean onOff(String[] words) {
        if (words.length < 2) {
            throw new IllegalArgumentException("'" + words[0] + "' needs on or off");
        }
        switch (words[1]) {
            case "on": case "true": case "1": case "yes":
                return true;
            case "off": case "false": case "0": case "no":
                return false;
            default:
                throw new IllegalArgumentException("'" + words[0] + "' needs on or off, got '" + words[1] + "'");
        }
    }
}
