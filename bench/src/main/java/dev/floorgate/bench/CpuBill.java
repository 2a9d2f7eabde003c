package dev.floorgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who paid for an operation: the CPU time (user + system, from /proc/PID/stat through {@link ProcessProbe}) that each
 * process of a measured part used, divided by the operations the part completed. A throughput goal on a machine of
 * {@code n} cores is reachable only if the sum of the processes' µs per operation is at most {@code n * 1e6 / goal};
 * a single process's share alone can rule a goal out whatever the others do, which is what this bill is for.
 *
 * <p>The processes are named when the bill is made: typically this JVM (the core and, in process, its callers),
 * the benchmark's own redis-server and the local mariadbd. A process that cannot be read (not local, no
 * permission) is left out and said so, rather than counted as free.
 */
final class CpuBill {
    private final Map<String, ProcessProbe> processes = new LinkedHashMap<>();
    private final Map<String, String> missing = new LinkedHashMap<>();

    /** Adds a process by pid; a pid of -1 or an unreadable process is recorded as missing with {@code why}. */
    CpuBill add(String name, long pid, String why) {
        if (pid <= 0 || !Files.isReadable(Paths.get("/proc", Long.toString(pid), "stat"))) {
            missing.put(name, why);
        } else {
            processes.put(name, new ProcessProbe(pid));
        }
        return this;
    }

    /**
     * The pid of the MariaDB/MySQL server behind {@code jdbcServer} when it runs on this machine (its
     * {@code @@pid_file} names a live process here), else -1.
     */
    static long localDatabasePid(String jdbcServer) {
        try (Connection c = DriverManager.getConnection(jdbcServer, "root", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@pid_file")) {
            if (!rs.next() || rs.getString(1) == null) {
                return -1;
            }
            Path file = Paths.get(rs.getString(1));
            long pid = Long.parseLong(Files.readString(file).trim());
            return Files.exists(Paths.get("/proc", Long.toString(pid))) ? pid : -1;
        } catch (Exception e) { // remote server, no pid file readable here: the bill says it is missing
            return -1;
        }
    }

    /** The processes' CPU time so far, µs, in the order they were added. */
    Map<String, Long> snapshot() throws IOException {
        Map<String, Long> now = new LinkedHashMap<>();
        for (Map.Entry<String, ProcessProbe> p : processes.entrySet()) {
            now.put(p.getKey(), p.getValue().cpuMicros());
        }
        return now;
    }

    /** µs of CPU per operation by process between two snapshots, plus "sum". */
    static Map<String, Double> perOperation(Map<String, Long> before, Map<String, Long> after, long operations) {
        Map<String, Double> out = new LinkedHashMap<>();
        double sum = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            double us = (e.getValue() - before.getOrDefault(e.getKey(), e.getValue())) / (double) Math.max(1,
                    operations);
            out.put(e.getKey(), us);
            sum += us;
        }
        out.put("sum", sum);
        return out;
    }

    /** Processes left out of the bill, with why. */
    Map<String, String> missing() {
        return missing;
    }

    /**
     * One line of the bill: each process's µs per operation, the sum, and the most operations per second the
     * machine's {@code cores} could give at that cost, all cores busy with nothing else.
     */
    static String line(String what, Map<String, Double> perOp, int cores) {
        StringBuilder b = new StringBuilder(String.format("%-46s :", what));
        for (Map.Entry<String, Double> e : perOp.entrySet()) {
            b.append(String.format(" %s %6.1f", e.getKey(), e.getValue()));
        }
        double sum = perOp.getOrDefault("sum", 0.0);
        b.append(String.format(" µs/op; %d cores at this cost: at most %,.0f ops/s", cores,
                sum <= 0 ? 0 : cores * 1e6 / sum));
        return b.toString();
    }
}
