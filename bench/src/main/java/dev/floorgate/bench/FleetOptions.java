package dev.floorgate.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line of {@link PdaFleetBench}; see {@link #USAGE}. */
final class FleetOptions {
    static final String USAGE = String.join("\n",
            "usage: PdaFleetBench [pdas] [seconds]",
            "       PdaFleetBench [--pdas 300,50] [--seconds 30] [--warmup-seconds 20]",
            "                     [--gateway-jar A.jar [--label before] [--jvm-options \"-XX:...\"]]...",
            "                     [--think-ms 200] [--no-events] [--jfr] [--nmt] [--soak-minutes M [--soak-pdas N]",
            "                     [--soak-think-ms 2000]] [--gateway-cpu 0] [--load-cpu 1] [--no-pin]",
            "                     [--gateway-active-cpus 2] [--out DIR]",
            "  --gateway-jar    a gateway jar to measure (repeatable: one table row per jar and fleet size, one run;",
            "                   default gateway-server/target/gateway-server.jar); --label names the jar before it,",
            "                   --jvm-options adds JVM flags to it (after the defaults: the same jar twice compares",
            "                   flags)",
            "  --warmup-seconds the same fleet first for this long, unmeasured, so the JIT has settled",
            "  --jfr            record each fleet run with JFR (settings=profile) and print its summary; the generator's",
            "                   own recording goes beside it (NAME-generator.jfr)",
            "  --nmt            native memory tracking in the gateway: what its RSS is made of, after each fleet run",
            "  --soak-minutes   then keep --soak-pdas PDAs working (think --soak-think-ms) and the admin page's API",
            "                   polled every 5 s for M minutes per jar, RSS sampled every 10 s (CSV and PNG in --out)",
            "  --gateway-cpu / --load-cpu   taskset cores of the gateway and of everything else (generator, core,",
            "                   Redis, the local MariaDB): a core or a list, e.g. 0,1 and 2-3 on a 4-core machine");

    List<Integer> pdas = new ArrayList<>(List.of(300));
    int seconds = 30;
    int warmupSeconds = 20;
    List<Path> jars = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<List<String>> jvmOptions = new ArrayList<>();
    long thinkMillis = 200;
    boolean events = true;
    boolean jfr;
    boolean nmt;
    int soakMinutes;
    int soakPdas = -1;
    long soakThinkMillis = 2000;
    /** taskset CPU lists ("0", "0,1", "2-3"). */
    String gatewayCpu = "0";
    String loadCpu = "1";
    boolean pin = true;
    int gatewayActiveCpus = 2;
    Path out = Paths.get("bench", "target",
            "fleet-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));

    static FleetOptions parse(String[] args) {
        FleetOptions o = new FleetOptions();
        List<String> labels = new ArrayList<>();
        int positional = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                if (positional == 0) {
                    o.pdas = List.of(number(a, "pdas"));
                } else if (positional == 1) {
                    o.seconds = number(a, "seconds");
                } else {
                    throw new IllegalArgumentException("unexpected argument '" + a + "'\n" + USAGE);
                }
                positional++;
                continue;
            }
            switch (a) {
                case "--no-events": o.events = false; continue;
                case "--jfr": o.jfr = true; continue;
                case "--nmt": o.nmt = true; continue;
                case "--no-pin": o.pin = false; continue;
                case "--help": throw new IllegalArgumentException(USAGE);
                default: break;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a + "\n" + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--pdas":
                    o.pdas = new ArrayList<>();
                    for (String n : v.split(",")) {
                        o.pdas.add(number(n.trim(), a));
                    }
                    break;
                case "--seconds": o.seconds = number(v, a); break;
                case "--warmup-seconds": o.warmupSeconds = number(v, a); break;
                case "--gateway-jar":
                    o.jars.add(Paths.get(v));
                    labels.add(null);
                    o.jvmOptions.add(List.of());
                    break;
                case "--jvm-options":
                    if (o.jars.isEmpty()) {
                        throw new IllegalArgumentException("--jvm-options belongs to the --gateway-jar before it\n"
                                + USAGE);
                    }
                    o.jvmOptions.set(o.jvmOptions.size() - 1, List.of(v.trim().split("\\s+")));
                    break;
                case "--label":
                    if (labels.isEmpty()) {
                        throw new IllegalArgumentException("--label names the --gateway-jar before it\n" + USAGE);
                    }
                    labels.set(labels.size() - 1, v);
                    break;
                case "--think-ms": o.thinkMillis = number(v, a); break;
                case "--soak-minutes": o.soakMinutes = number(v, a); break;
                case "--soak-pdas": o.soakPdas = number(v, a); break;
                case "--soak-think-ms": o.soakThinkMillis = number(v, a); break;
                case "--gateway-cpu": o.gatewayCpu = cpuList(v, a); break;
                case "--load-cpu": o.loadCpu = cpuList(v, a); break;
                case "--gateway-active-cpus": o.gatewayActiveCpus = number(v, a); break;
                case "--out": o.out = Paths.get(v); break;
                default: throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        if (o.jars.isEmpty()) {
            o.jars.add(Paths.get(System.getProperty("fg.gateway.jar", "gateway-server/target/gateway-server.jar")));
            labels.add(null);
            o.jvmOptions.add(List.of());
        }
        if (o.soakPdas < 0) {
            o.soakPdas = o.pdas.get(0);
        }
        o.labels = labelsFor(o.jars, labels);
        return o;
    }

    /** A label per jar: the one given, else the file name without .jar, with its folder when names repeat. */
    private static List<String> labelsFor(List<Path> jars, List<String> given) {
        List<String> result = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (int i = 0; i < jars.size(); i++) {
            String label = given.get(i);
            if (label == null) {
                Path jar = jars.get(i).toAbsolutePath().normalize();
                label = jar.getFileName().toString().replaceFirst("\\.jar$", "");
                if (used.contains(label) && jar.getParent() != null && jar.getParent().getFileName() != null) {
                    label = jar.getParent().getFileName() + "/" + label;
                }
            }
            String unique = label;
            for (int n = 2; used.contains(unique); n++) {
                unique = label + "#" + n;
            }
            used.add(unique);
            result.add(unique);
        }
        return result;
    }

    /** The orders' quantity: enough units that no fleet or soak run of this invocation picks a task empty. */
    long orderQty() {
        long fleetPicks = 2L * jars.size() * pdas.size() * (seconds + warmupSeconds) * 1000 / Math.max(1, thinkMillis);
        long soakPicks = 2L * jars.size() * soakMinutes * 60_000L / Math.max(1, soakThinkMillis);
        return Math.min(150_000, Math.max(5000, fleetPicks + soakPicks + 1000));
    }

    /** A taskset CPU list: cores and ranges joined by commas ("1", "0,1", "2-3"). */
    private static String cpuList(String v, String what) {
        if (!v.matches("[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*")) {
            throw new IllegalArgumentException(what + " needs a core or a list of cores such as 1, 0,1 or 2-3, got '"
                    + v + "'\n" + USAGE);
        }
        return v;
    }

    private static int number(String v, String what) {
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new IllegalArgumentException(what + " must not be negative, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " needs a whole number, got '" + v + "'\n" + USAGE, e);
        }
    }
}
