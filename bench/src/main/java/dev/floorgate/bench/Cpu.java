package dev.floorgate.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU pinning with {@code taskset}, so a benchmark can give the system under test a core of its own and keep the
 * load generator, and whatever else the benchmark runs, on the other.
 */
final class Cpu {
    private static volatile boolean pinned;

    private Cpu() {
    }

    /**
     * Pins every thread of this JVM to the cores {@code cpu}, a taskset list ({@code taskset -a -p -c}); threads and
     * processes started later inherit it. Returns false (and changes nothing) without taskset or with fewer than two
     * cores.
     */
    static boolean pinThisProcess(String cpu) throws InterruptedException {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpu,
                    Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return false;
            }
        } catch (IOException noTaskset) {
            return false;
        }
        pinned = true;
        return true;
    }

    /** Whether {@link #pinThisProcess} succeeded. */
    static boolean pinned() {
        return pinned;
    }

    /**
     * Per CPU of the machine, busy and total jiffies since boot from /proc/stat ({@code cpuN} lines; busy is all
     * but idle and iowait): {busy0, total0, busy1, total1, ...}. Other processes' work is in it too.
     */
    static long[] busyAndTotalJiffies() throws IOException {
        List<long[]> cpus = new java.util.ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Paths.get("/proc/stat"))) {
            if (line.startsWith("cpu") && Character.isDigit(line.charAt(3))) {
                String[] f = line.trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length && i <= 8; i++) { // user..steal; guest is inside user already
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                cpus.add(new long[] {total - idle, total});
            }
        }
        long[] out = new long[cpus.size() * 2];
        for (int i = 0; i < cpus.size(); i++) {
            out[2 * i] = cpus.get(i)[0];
            out[2 * i + 1] = cpus.get(i)[1];
        }
        return out;
    }

    /**
     * Pins every thread of another process (a server the benchmark uses but did not start, such as the machine's
     * mariadbd) to the cores {@code cpu} (a taskset list), for as long as the returned handle is open: closing it,
     * or this JVM ending, puts back the mask the process had. Returns null (and changes nothing) when the mask
     * cannot be read or set (not root, taskset missing, the process gone).
     */
    static AutoCloseable pinOtherProcess(long pid, String cpu) throws InterruptedException {
        String mask;
        try {
            // "pid 3834's current affinity mask: 3"
            List<String> out = command("taskset", "-p", Long.toString(pid));
            String line = out.isEmpty() ? "" : out.get(0);
            mask = line.substring(line.lastIndexOf(':') + 1).trim();
            if (mask.isEmpty() || !command("taskset", "-a", "-p", "-c", cpu, Long.toString(pid))
                    .stream().anyMatch(l -> l.contains("new affinity"))) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        Thread restore = new Thread(() -> {
            try {
                command("taskset", "-a", "-p", mask, Long.toString(pid));
            } catch (IOException | InterruptedException e) {
                System.err.println("could not restore the CPU affinity " + mask + " of pid " + pid + ": " + e);
            }
        }, "restore-affinity-" + pid);
        Runtime.getRuntime().addShutdownHook(restore);
        return () -> {
            Runtime.getRuntime().removeShutdownHook(restore);
            restore.run();
        };
    }

    private static List<String> command(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
        }
        return out.lines().toList();
    }

    /** The launcher that runs a command on the cores {@code cpu} (a taskset list) only. */
    static List<String> taskset(String cpu) {
        return List.of("taskset", "-c", cpu);
    }
}
