package dev.floorgate.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One table row: a jar and a fleet size. */
final class FleetRow {
    final String label;
    final int pdas;
    long heapIdle;
    long heapConnected;
    long connected;
    double setupSeconds;
    long threadsIdle;
    long threadsConnected;
    long threadsAfter;
    Map<String, Integer> threadGroups = new HashMap<>();
    Map<String, Long> threadCpu = new HashMap<>();
    boolean jfr;
    String nativeMemory;
    FleetGenerator.Report report;
    double windowSeconds;
    long windowOps;
    double opsPerSecond;
    double cpuMicrosPerOp = -1;
    double cpuNoJitMicrosPerOp = -1;
    double cpuNetMicrosPerOp = -1;
    double idleCpuShare;
    double generatorShare = -1;
    double[] coreBusy = new double[0];
    double cpuShare;
    double firstOpSeconds;
    String windowNote = "";
    /** The gateway's own time to answer over the load phase (its /metrics histogram); null for an older jar. */
    GatewayLatency gatewayLatency;
    long peakRssKb;
    long endRssKb;

    FleetRow(String label, int pdas) {
        this.label = label;
        this.pdas = pdas;
    }

    static String header() {
        return String.format(Locale.ROOT, "%-22s %5s %6s %8s %8s %5s %9s %6s %10s %13s %8s %8s", "jar", "PDAs",
                "ops/s", "p50 ms", "p99 ms", "lost", "CPU us/op", "CPU %", "heap B/PDA", "threads 0/N/-",
                "peak MB", "end MB");
    }

    String line() {
        long heapPerPda = connected == 0 ? -1 : (heapConnected - heapIdle) / connected;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%-22s %5d %6.0f %8.1f %8.1f %5d %9.0f %6.0f %10d %13s %8d %8d", label, pdas, opsPerSecond,
                report == null ? -1 : report.p50Millis, report == null ? -1 : report.p99Millis,
                report == null ? -1 : report.lost, cpuMicrosPerOp, cpuShare * 100, heapPerPda,
                threadsIdle + "/" + threadsConnected + "/" + threadsAfter, peakRssKb / 1024, endRssKb / 1024));
        b.append(String.format(Locale.ROOT, "%n    window %.0f s%s, %d ops, first op after %.1f s; %d of %d "
                + "connected (heap %.1f -> %.1f MB)", windowSeconds, windowNote, windowOps, firstOpSeconds,
                connected, pdas, heapIdle / 1e6, heapConnected / 1e6));
        if (report != null) {
            b.append(String.format(Locale.ROOT, "; generator: %d ready, %d sent, %d accepted, %d send failures,"
                    + " exit %d", report.ready, report.sent, report.accepted, report.sendFailures,
                    report.exitCode));
        }
        if (gatewayLatency != null && gatewayLatency.present()) {
            b.append(String.format(Locale.ROOT, "%n    inside the gateway (routed POST to answer ready, its /metrics "
                    + "histogram): %d answers, p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms", gatewayLatency.count(),
                    gatewayLatency.quantileMillis(0.5), gatewayLatency.quantileMillis(0.99),
                    gatewayLatency.quantileMillis(0.999)));
        }
        StringBuilder busy = new StringBuilder();
        for (int c = 0; c < coreBusy.length; c++) {
            busy.append(String.format(Locale.ROOT, "%scpu%d %.0f%%", c == 0 ? "" : ", ", c, coreBusy[c] * 100));
        }
        b.append(String.format(Locale.ROOT, "%n    over the window: gateway CPU %.0f us/op without its JIT "
                + "compiler threads, %.0f us/op net of that and of its idle CPU (%.1f%% of a core with no PDA); "
                + "generator JVM %.0f%% of a core; machine busy %s (other work included)",
                cpuNoJitMicrosPerOp, cpuNetMicrosPerOp, idleCpuShare * 100, generatorShare * 100, busy));
        b.append(String.format(Locale.ROOT, "%n    threads with %d connected: %s", connected,
                top(threadGroups, 10, "")));
        long cpu = threadCpu.values().stream().mapToLong(Long::longValue).sum();
        b.append(String.format(Locale.ROOT, "%n    gateway CPU s by thread over the whole fleet run (%.1f s): %s",
                cpu / 1e6, top(threadCpu, 12, "s")));
        if (nativeMemory != null) {
            b.append(String.format(Locale.ROOT, "%n    native memory tracking (MB), end of the fleet run: %s",
                    nativeMemory));
        }
        if (jfr) {
            b.append(String.format("%n    (JFR was recording: CPU per op includes its overhead)"));
        }
        return b.toString();
    }

    private static <N extends Number> String top(Map<String, N> groups, int n, String unit) {
        List<Map.Entry<String, N>> g = new ArrayList<>(groups.entrySet());
        g.sort((x, y) -> Double.compare(y.getValue().doubleValue(), x.getValue().doubleValue()));
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, N> e : g.subList(0, Math.min(n, g.size()))) {
            String v = unit.isEmpty() ? e.getValue().toString()
                    : String.format(Locale.ROOT, "%.1f", e.getValue().doubleValue() / 1e6);
            b.append(b.length() == 0 ? "" : ", ").append(v).append(unit).append(' ').append(e.getKey());
        }
        return b.toString();
    }

    static String legend() {
        return "ops/s and CPU us/op (utime+stime of the gateway per accepted op) over the window; CPU % of one "
                + "core;\nheap B/PDA = (heap after full GC with N connected - with none) / N; threads idle / N "
                + "connected / after they left;\npeak = VmHWM over the gateway's life, end = VmRSS after the "
                + "fleet run; p50/p99 time to 202 as the generator saw it.\n";
    }
}
