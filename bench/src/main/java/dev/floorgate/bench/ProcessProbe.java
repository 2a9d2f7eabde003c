package dev.floorgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a benchmark reads about another JVM process from outside it, so the figures do not depend on the load
 * generator: CPU time (utime+stime from /proc/PID/stat), RSS and peak RSS (VmRSS, VmHWM), thread count and names,
 * and heap used after a forced full GC (jcmd GC.run, then jstat -gc).
 */
final class ProcessProbe {
    private static final Pattern THREAD_LINE = Pattern.compile("^\"(.*)\" #\\d+");
    private static final Pattern NUMBERS = Pattern.compile("\\d+");
    private final long pid;
    private final long ticksPerSecond;

    ProcessProbe(long pid) {
        this.pid = pid;
        this.ticksPerSecond = clockTicks();
    }

    long pid() {
        return pid;
    }

    /** User plus system CPU time of the whole process (all threads) in microseconds. */
    long cpuMicros() throws IOException {
        String stat = new String(Files.readAllBytes(proc("stat")), StandardCharsets.US_ASCII);
        // Field 2 (comm) may hold spaces; the fields after its closing ')' start at field 3 (state).
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime (14), stime (15)
        return ticks * 1_000_000L / ticksPerSecond;
    }

    /**
     * CPU time (user+system, µs) of the live threads by name group, from /proc/PID/task/TID/stat; Linux keeps the
     * first 15 characters of a Java thread's name. Threads that ended are not in it.
     */
    Map<String, Long> threadCpuMicros() throws IOException {
        Map<String, Long> groups = new TreeMap<>();
        try (java.util.stream.Stream<Path> tasks = Files.list(proc("task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = new String(Files.readAllBytes(task.resolve("stat")), StandardCharsets.UTF_8);
                } catch (IOException ended) {
                    continue;
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                groups.merge(NUMBERS.matcher(comm).replaceAll("N"), ticks * 1_000_000L / ticksPerSecond, Long::sum);
            }
        }
        return groups;
    }

    /** {@code after - before} per group (groups only in {@code after} count from zero). */
    static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0L)));
        return d;
    }

    /** A line of /proc/PID/status as a number, e.g. {@code VmHWM} in kB or {@code Threads}; -1 if absent. */
    long status(String key) throws IOException {
        for (String line : Files.readAllLines(proc("status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith(key + ":")) {
                Matcher m = NUMBERS.matcher(line.substring(key.length() + 1));
                return m.find() ? Long.parseLong(m.group()) : -1;
            }
        }
        return -1;
    }

    long rssKb() throws IOException {
        return status("VmRSS");
    }

    long peakRssKb() throws IOException {
        return status("VmHWM");
    }

    long threads() throws IOException {
        return status("Threads");
    }

    /** Forces a full GC ({@code jcmd PID GC.run}) and returns the heap bytes still used (jstat: S0U+S1U+EU+OU). */
    long heapUsedAfterGc() throws IOException, InterruptedException {
        run("jcmd", Long.toString(pid), "GC.run");
        List<String> out = run("jstat", "-gc", Long.toString(pid));
        if (out.size() < 2) {
            throw new IOException("jstat -gc " + pid + " printed " + out.size() + " lines: " + out);
        }
        String[] head = out.get(0).trim().split("\\s+");
        String[] vals = out.get(1).trim().split("\\s+");
        double kb = 0;
        for (int i = 0; i < head.length && i < vals.length; i++) {
            if (head[i].equals("S0U") || head[i].equals("S1U") || head[i].equals("EU") || head[i].equals("OU")) {
                kb += Double.parseDouble(vals[i]);
            }
        }
        return (long) (kb * 1024);
    }

    /**
     * Live Java threads by name with the numbers replaced by N ({@code default-nioEventLoopGroup-1-3} becomes
     * {@code default-nioEventLoopGroup-N-N}), from {@code jcmd PID Thread.print}.
     */
    Map<String, Integer> threadsByPrefix() throws IOException, InterruptedException {
        Map<String, Integer> groups = new TreeMap<>();
        for (String line : run("jcmd", Long.toString(pid), "Thread.print")) {
            Matcher m = THREAD_LINE.matcher(line);
            if (m.find()) {
                groups.merge(NUMBERS.matcher(m.group(1)).replaceAll("N"), 1, Integer::sum);
            }
        }
        return groups;
    }

    /** Runs a JDK tool (jcmd, jstat) from the running JDK, or from PATH when the JDK has none. */
    static List<String> run(String tool, String... args) throws IOException, InterruptedException {
        Path inJdk = Paths.get(System.getProperty("java.home"), "bin", tool);
        List<String> cmd = new ArrayList<>();
        cmd.add(Files.isExecutable(inJdk) ? inJdk.toString() : tool);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (java.io.BufferedReader r = new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish within 120 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + lines);
        }
        return lines;
    }

    private Path proc(String file) {
        return Paths.get("/proc", Long.toString(pid), file);
    }

    /** USER_HZ: 100 on every Linux we run on; {@code getconf CLK_TCK} says for sure. */
    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
