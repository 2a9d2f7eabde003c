package dev.floorgate.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A short profile of a JFR recording of the gateway: where the CPU samples are (top frames, first FloorGate frame,
 * thread groups), where allocation goes (by top frame, first FloorGate frame and class, from
 * jdk.ObjectAllocationSample weights) and the threads seen by name group.
 * Run: {@code ./floorgate bench JfrSummary FILE.jfr [operations]} (operations accepted during the recording:
 * to print bytes and samples per op).
 */
public final class JfrSummary {
    private static final int TOP = 15;
    private static final Pattern NUMBERS = Pattern.compile("\\d+");
    private final Map<String, Long> cpuTop = new HashMap<>();
    private final Map<String, Long> cpuApp = new HashMap<>();
    private final Map<String, Long> cpuEntry = new HashMap<>();
    private final Map<String, Long> cpuThreads = new HashMap<>();
    private final Map<String, Long> allocTop = new HashMap<>();
    private final Map<String, Long> allocApp = new HashMap<>();
    private final Map<String, Long> allocClass = new HashMap<>();
    private final Map<String, Long> allocThreads = new HashMap<>();
    private final Map<String, Set<Long>> threadsSeen = new HashMap<>();
    private final Map<String, Long> cpuLoad = new HashMap<>();
    private final Map<String, Long> cpuPackage = new HashMap<>();
    private final Map<Long, Long> allocFirst = new HashMap<>();
    private final Map<Long, Long> allocLast = new HashMap<>();
    private final Map<Long, String> threadGroupOf = new HashMap<>();
    private long gcNanos;
    private long gcCount;
    private long compileNanos;
    private long cpuSamples;
    private long allocBytes;

    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrSummary FILE.jfr [operations]");
            System.exit(2);
        }
        summarise(Paths.get(args[0]), args.length > 1 ? Long.parseLong(args[1]) : 0, System.out);
    }

    /** Reads {@code file} and prints the summary; {@code operations} > 0 adds per-operation figures. */
    static void summarise(Path file, long operations, PrintStream out) throws IOException {
        JfrSummary s = new JfrSummary();
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                s.accept(rf.readEvent());
            }
        }
        s.print(file, operations, out);
    }

    private void accept(RecordedEvent e) {
        String type = e.getEventType().getName();
        if (type.equals("jdk.ThreadCPULoad") && e.hasField("eventThread")) {
            RecordedThread t = e.getThread("eventThread");
            count(cpuLoad, group(t), Math.round((e.getFloat("user") + e.getFloat("system")) * 1e6));
            return;
        }
        if (type.equals("jdk.ThreadAllocationStatistics") && e.hasField("thread")) {
            RecordedThread t = e.getThread("thread");
            if (t != null) {
                long bytes = e.getLong("allocated");
                threadGroupOf.put(t.getId(), group(t));
                allocFirst.merge(t.getId(), bytes, Math::min);
                allocLast.merge(t.getId(), bytes, Math::max);
            }
            return;
        }
        if (type.equals("jdk.GarbageCollection")) {
            gcNanos += e.getDuration().toNanos();
            gcCount++;
            return;
        }
        if (type.equals("jdk.Compilation")) {
            compileNanos += e.getDuration().toNanos();
            return;
        }
        if (measurement(e)) {
            return; // the benchmark's own jcmd calls (JFR.start/stop) and JFR itself are not the gateway's work
        }
        if (type.equals("jdk.ExecutionSample")) {
            cpuSamples++;
            RecordedThread t = e.getThread("sampledThread");
            count(cpuThreads, group(t), 1);
            seen(t);
            count(cpuTop, topFrame(e.getStackTrace()), 1);
            count(cpuApp, appFrame(e.getStackTrace()), 1);
            count(cpuEntry, group(t) + " <- " + entryFrame(e.getStackTrace()), 1);
            count(cpuPackage, pkg(topFrame(e.getStackTrace())), 1);
        } else if (type.equals("jdk.ObjectAllocationSample")) {
            long w = e.getLong("weight");
            allocBytes += w;
            RecordedThread t = e.getThread("eventThread");
            count(allocThreads, group(t), w);
            seen(t);
            count(allocTop, topFrame(e.getStackTrace()), w);
            count(allocApp, appFrame(e.getStackTrace()), w);
            count(allocClass, e.getClass("objectClass") == null ? "?" : e.getClass("objectClass").getName(), w);
        } else if (type.equals("jdk.ThreadStart") || type.equals("jdk.JavaMonitorEnter")
                || type.equals("jdk.ThreadPark")) {
            seen(e.getThread("eventThread"));
        }
    }

    private void print(Path file, long operations, PrintStream out) {
        out.printf(Locale.ROOT, "JFR profile %s: %d CPU samples, %.1f MB allocated (sampled weight)%n",
                file.getFileName(), cpuSamples, allocBytes / 1e6);
        if (operations > 0) {
            out.printf(Locale.ROOT, "per operation (%d): %.2f CPU samples, %.1f kB allocated%n", operations,
                    cpuSamples / (double) operations, allocBytes / 1024.0 / operations);
        }
        out.printf(Locale.ROOT, "GC: %d collections, %.0f ms in all; JIT compilations: %.0f ms in all%n", gcCount,
                gcNanos / 1e6, compileNanos / 1e6);
        table(out, "CPU samples by top frame", cpuTop, cpuSamples, false);
        table(out, "CPU samples by package of the top frame", cpuPackage, cpuSamples, false);
        table(out, "CPU samples by first dev.floorgate frame (else the top frame)", cpuApp, cpuSamples, false);
        table(out, "CPU samples by thread group", cpuThreads, cpuSamples, false);
        table(out, "CPU samples by thread group and outermost dev.floorgate frame (the entry point, e.g. the "
                + "controller method; none = framework work around it)", cpuEntry, cpuSamples, false);
        table(out, "thread CPU load by thread group (jdk.ThreadCPULoad, sum of per-sample shares x 1e6; "
                + "native and Java work)", cpuLoad, cpuLoad.values().stream().mapToLong(Long::longValue).sum(), false);
        Map<String, Long> exact = new HashMap<>();
        allocLast.forEach((tid, last) -> {
            String g = threadGroupOf.get(tid);
            if (!g.equals("Attach Listener") && !g.startsWith("JFR ")) {
                exact.merge(g, last - allocFirst.get(tid), Long::sum);
            }
        });
        long exactTotal = exact.values().stream().mapToLong(Long::longValue).sum();
        out.println();
        out.printf(Locale.ROOT, "allocated over the recording (jdk.ThreadAllocationStatistics, exact per thread "
                + "between its first and last report): %.1f MB%s%n", exactTotal / 1e6, operations > 0
                ? String.format(Locale.ROOT, ", %.1f kB per operation", exactTotal / 1024.0 / operations) : "");
        table(out, "exact allocation by thread group", exact, exactTotal, true);
        out.println();
        out.println("(the sampled weights below attribute all bytes since a thread's last sample to the sampled "
                + "allocation: trust them by\nthread group and for sites that recur; a pool thread's first "
                + "allocation after a GC, e.g. ThreadLocalMap.set, is over-weighted)");
        table(out, "allocation by top frame", allocTop, allocBytes, true);
        table(out, "allocation by first dev.floorgate frame (else the top frame)", allocApp, allocBytes, true);
        table(out, "allocation by class", allocClass, allocBytes, true);
        table(out, "allocation by thread group", allocThreads, allocBytes, true);
        Map<String, Long> threads = new HashMap<>();
        threadsSeen.forEach((k, v) -> threads.put(k, (long) v.size()));
        long all = threads.values().stream().mapToLong(Long::longValue).sum();
        table(out, "threads seen in the recording by name group (" + all + " in all)", threads, all, false);
    }

    private static void table(PrintStream out, String title, Map<String, Long> counts, long total, boolean bytes) {
        out.println();
        out.println(title + ":");
        List<Map.Entry<String, Long>> rows = new ArrayList<>(counts.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        for (Map.Entry<String, Long> r : rows.subList(0, Math.min(TOP, rows.size()))) {
            String amount = bytes ? String.format(Locale.ROOT, "%8.1f MB", r.getValue() / 1e6)
                    : String.format(Locale.ROOT, "%8d", r.getValue());
            out.printf(Locale.ROOT, "  %s %5.1f%%  %s%n", amount, total == 0 ? 0.0 : 100.0 * r.getValue() / total,
                    r.getKey());
        }
    }

    private static boolean measurement(RecordedEvent e) {
        RecordedThread t = e.hasField("sampledThread") ? e.getThread("sampledThread")
                : e.hasField("eventThread") ? e.getThread("eventThread") : null;
        String n = t == null || t.getJavaName() == null ? "" : t.getJavaName();
        return n.equals("Attach Listener") || n.startsWith("JFR ");
    }

    /** The first three parts of a frame's package ({@code io.netty.handler}). */
    private static String pkg(String frame) {
        String[] parts = frame.split("\\.");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(3, parts.length - 2); i++) {
            b.append(i == 0 ? "" : ".").append(parts[i]);
        }
        return b.length() == 0 ? frame : b.toString();
    }

    private void seen(RecordedThread t) {
        if (t != null) {
            threadsSeen.computeIfAbsent(group(t), k -> new HashSet<>()).add(t.getId());
        }
    }

    private static String group(RecordedThread t) {
        if (t == null) {
            return "?";
        }
        String name = t.getJavaName() != null ? t.getJavaName() : t.getOSName();
        return name == null ? "?" : NUMBERS.matcher(name).replaceAll("N");
    }

    private static String topFrame(RecordedStackTrace st) {
        if (st == null || st.getFrames().isEmpty()) {
            return "?";
        }
        return frame(st.getFrames().get(0));
    }

    private static String appFrame(RecordedStackTrace st) {
        if (st == null || st.getFrames().isEmpty()) {
            return "?";
        }
        for (RecordedFrame f : st.getFrames()) {
            if (f.getMethod() != null && f.getMethod().getType().getName().startsWith("dev.floorgate.")) {
                return frame(f);
            }
        }
        return "(no FloorGate frame) " + frame(st.getFrames().get(0));
    }

    /** The dev.floorgate frame nearest the thread's root (the controller method a request runs in). */
    private static String entryFrame(RecordedStackTrace st) {
        if (st == null) {
            return "?";
        }
        List<RecordedFrame> frames = st.getFrames();
        for (int i = frames.size() - 1; i >= 0; i--) {
            RecordedFrame f = frames.get(i);
            if (f.getMethod() != null && f.getMethod().getType().getName().startsWith("dev.floorgate.")) {
                return frame(f);
            }
        }
        return st.isTruncated() ? "(stack truncated)" : "(none)";
    }

    private static String frame(RecordedFrame f) {
        if (f.getMethod() == null) {
            return "?";
        }
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void count(Map<String, Long> map, String key, long n) {
        map.merge(key, n, Long::sum);
    }
}
