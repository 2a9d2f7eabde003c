package dev.floorgate.gateway.internal.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The gateway's command-line tools, {@code floorgate-gateway backup FILE | restore FILE | doctor}, run from the same
 * jar as the server ({@code GatewayApplication} hands them over when the first argument names one). They read the
 * configuration the server reads (FG_* variables, /etc/floorgate/gateway.env in the package) and never start the
 * server. Exit status: 0 done, 1 failed (a FAIL line for doctor), 2 misuse.
 */
public final class GatewayCommands {
    private static final Set<String> NAMES = Set.of("backup", "restore", "doctor");

    private GatewayCommands() {
    }

    /** Whether {@code args} asks for a tool rather than the server. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && NAMES.contains(args[0]);
    }

    /** Runs the tool {@code args[0]} with its arguments; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try (ToolSettings settings = ToolSettings.load()) {
            Path dataDir = Path.of(settings.text("fg.data-dir", "./data"));
            switch (args[0]) {
                case "backup" -> {
                    Path file = fileArgument(args, "backup");
                    List<String> saved = GatewayBackup.backup(dataDir, file);
                    out.println("backup of " + dataDir.toAbsolutePath().normalize() + " written to " + file + ": "
                            + String.join(", ", saved));
                    return 0;
                }
                case "restore" -> {
                    Path file = fileArgument(args, "restore");
                    List<String> restored = GatewayBackup.restore(file, dataDir);
                    out.println("restored " + String.join(", ", restored) + " from " + file + " into "
                            + dataDir.toAbsolutePath().normalize() + "; start the gateway (systemctl start "
                            + "floorgate-gateway): operations the core already has are answered DUPLICATE, not "
                            + "applied twice");
                    return 0;
                }
                default -> {
                    List<GatewayDoctor.Check> checks = new GatewayDoctor(settings, Clock.systemUTC()).run();
                    checks.forEach(out::println);
                    long failed = checks.stream().filter(c -> c.status() == GatewayDoctor.Status.FAIL).count();
                    out.println(failed == 0 ? "doctor: no failed check" : "doctor: " + failed + " failed check(s)");
                    return failed == 0 ? 0 : 1;
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("floorgate-gateway " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("floorgate-gateway " + args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static Path fileArgument(String[] args, String command) {
        if (args.length != 2 || args[1].isBlank()) {
            throw new IllegalArgumentException("usage: floorgate-gateway " + command + " FILE");
        }
        return Path.of(args[1]);
    }
}
