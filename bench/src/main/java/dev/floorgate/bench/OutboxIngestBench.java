package dev.floorgate.bench;

import com.github.f4b6a3.uuid.UuidCreator;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.sync.DiskGuard;
import dev.floorgate.sync.Outbox;
import dev.floorgate.sync.OutboxStats;
import dev.floorgate.sync.SyncOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Gateway ingest (DESIGN.md, "Performance"): durable appends per second through the {@link Outbox} (group commit,
 * 16 to 64 concurrent appenders, each waiting for its acknowledgement like a device waiting for its 202) against
 * raw SQLite batched inserts of the same rows (500 rows per commit, WAL, synchronous=FULL) on the same disk, in one
 * run, printed side by side with the ratio and the outbox's p50/p99 acknowledgement latency.
 *
 * <p>Raw is measured twice: into a table with the outbox's schema (its op_id unique index and partial indexes:
 * the same work per row, so the ratio is the price of group commit) and into a bare table with no index (the
 * plain insert rate of the disk). Run: {@code ./floorgate bench OutboxIngestBench [seconds] [parentDir]}; each of
 * the 5 measured phases runs {@code seconds} (default 5), after about 8 s of warm-up, in a new directory under
 * {@code parentDir} (default the temp dir) that is deleted at the end. The
 * system property {@code bench.maxWaitMicros} sets the outbox's {@code groupCommitMaxWait} (default 0).
 */
public final class OutboxIngestBench {
    private static final int RAW_ROWS_PER_COMMIT = 500;
    private static final int[] APPENDERS = {16, 32, 64};

    private OutboxIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        Path parent = Paths.get(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir"));
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent, "floorgate-ingest-bench"); // ours alone: deleted at the end
        int rowBytes = OperationJson.writeBytes(operation(0)).length;
        System.out.printf("FloorGate outbox ingest benchmark: %d s per phase, %d cores, rows of ~%d bytes of JSON,"
                + " data in %s%n", seconds, Runtime.getRuntime().availableProcessors(), rowBytes, dir);

        // JIT (C2 still compiles the outbox's path for seconds on a busy 2-core box), the native library and the
        // page cache, for both sides; not reported
        rawInserts(dir.resolve("warmup-raw.db"), true, Math.min(2, seconds));
        appendLoad(dir.resolve("warmup-outbox-16.db"), 16, Math.min(3, seconds));
        appendLoad(dir.resolve("warmup-outbox-64.db"), 64, Math.min(3, seconds));
        Result schema = rawInserts(dir.resolve("raw-schema.db"), true, seconds);
        Result bare = rawInserts(dir.resolve("raw-bare.db"), false, seconds);
        System.out.printf("raw SQLite, 500 rows/commit, WAL+FULL, outbox schema : %,10.0f rows/s  %6.1f us CPU/row%n",
                schema.perSecond, schema.cpuMicrosPerOp);
        System.out.printf("raw SQLite, 500 rows/commit, WAL+FULL, bare table    : %,10.0f rows/s  %6.1f us CPU/row%n",
                bare.perSecond, bare.cpuMicrosPerOp);
        double rawSchema = schema.perSecond;
        double rawBare = bare.perSecond;
        System.out.println();
        System.out.println("appenders  outbox acks/s  vs raw(schema)  vs raw(bare)  ops/commit  us CPU/op   p50 ms"
                + "   p99 ms  p99.9 ms   max ms");
        for (int threads : APPENDERS) {
            print(String.valueOf(threads), appendLoad(dir.resolve("outbox-" + threads + ".db"), threads, seconds),
                    rawSchema, rawBare);
        }
        System.out.println("(appenders: threads that each wait for their answer, as a request thread waits before"
                + " answering 202; CPU/op: this process's CPU time per operation, all threads)");
        deleteQuietly(dir);
    }

    private static void print(String appenders, Result r, double rawSchema, double rawBare) {
        System.out.printf("%9s  %,13.0f  %13.2fx  %11.2fx  %10.1f  %9.1f  %7.3f  %7.3f  %8.3f  %7.3f%n", appenders,
                r.perSecond, r.perSecond / rawSchema, r.perSecond / rawBare, r.opsPerCommit, r.cpuMicrosPerOp,
                r.p(0.50), r.p(0.99), r.p(0.999), r.p(1.0));
    }

    /**
     * An operation as a PDA would post it. Its UUIDv7 comes from uuid-creator's fast generator: making ids is the
     * device's work, and the secure generator's lock would measure contention on /dev/urandom, not the outbox.
     */
    static Operation operation(long i) {
        return Operation.builder().opId(UuidCreator.getTimeOrderedEpochFast().toString()).tenant("acme")
                .warehouse("SH01").type(OperationType.PICK).sku("SKU-" + (100_000 + i % 50_000)).qty(1 + i % 5).location("A-01-03")
                .orderNo("SO-" + (900_000 + i % 1000)).lot("LOT-2026-11").deviceId("pda-17").operator("u-42")
                .occurredAt("2026-11-22T08:15:30.120Z").build();
    }

    /** One thread inserting rows like the outbox's, 500 per transaction (no latencies: nobody waits per row). */
    static Result rawInserts(Path file, boolean outboxSchema, long seconds) throws Exception {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("synchronous", "FULL");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, p)) {
            if (outboxSchema) {
                Outbox.schema().migrate(c, file);
            } else {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE operations (seq INTEGER PRIMARY KEY, op_id TEXT NOT NULL, tenant TEXT"
                            + " NOT NULL, device_id TEXT, body TEXT NOT NULL, state TEXT NOT NULL, result TEXT,"
                            + " accepted_at INTEGER NOT NULL, synced_at INTEGER, attempts INTEGER NOT NULL DEFAULT 0)");
                }
            }
            c.setAutoCommit(false);
            long cpu0 = processCpuNanos();
            long rows = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO operations (seq, op_id, tenant, device_id,"
                    + " body, state, accepted_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?)")) {
                while (System.nanoTime() < end) {
                    for (int i = 0; i < RAW_ROWS_PER_COMMIT; i++) {
                        Operation op = operation(rows);
                        ps.setLong(1, ++rows);
                        ps.setString(2, op.opId());
                        ps.setString(3, op.tenant());
                        ps.setString(4, op.deviceId());
                        ps.setString(5, OperationJson.write(op));
                        ps.setLong(6, System.currentTimeMillis());
                        ps.executeUpdate();
                    }
                    c.commit();
                }
            }
            double cpuPerRow = (processCpuNanos() - cpu0) / 1e3 / rows;
            return new Result(rows / ((System.nanoTime() - start) / 1e9), RAW_ROWS_PER_COMMIT, cpuPerRow,
                    new long[0]);
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** {@code threads} appenders, one operation per append, each waiting for its answer, for {@code seconds}. */
    static Result appendLoad(Path file, int threads, long seconds) throws Exception {
        SyncOptions options = SyncOptions.builder().dataDir(file.getParent())
                .groupCommitMaxWait(Duration.ofNanos(Long.getLong("bench.maxWaitMicros", 0) * 1000)).build();
        try (Outbox outbox = Outbox.open(file, new DiskGuard(file.getParent(), options.diskFloorBytes()), options)) {
            long commitsBefore = outbox.stats().commits();
            long cpu0 = processCpuNanos();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Thread> all = new ArrayList<>();
            long[][] latencies = new long[threads][];
            int[] counts = new int[threads];
            AtomicReference<Exception> failure = new AtomicReference<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread th = new Thread(() -> {
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    try {
                        while (System.nanoTime() < end) {
                            Operation op = operation(thread * 1_000_000_000L + n);
                            long t0 = System.nanoTime();
                            outbox.append(op, "pda-" + thread).get(60, TimeUnit.SECONDS);
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, n * 2);
                            }
                            lat[n++] = System.nanoTime() - t0;
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                    latencies[thread] = lat;
                    counts[thread] = n;
                }, "appender-" + t);
                th.start();
                all.add(th);
            }
            for (Thread th : all) {
                th.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("an append failed in the benchmark", failure.get());
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpuPerOp = (processCpuNanos() - cpu0) / 1e3;
            OutboxStats stats = outbox.stats();
            int total = 0;
            for (int c : counts) {
                total += c;
            }
            long[] merged = new long[total];
            int k = 0;
            for (int t = 0; t < threads; t++) {
                System.arraycopy(latencies[t], 0, merged, k, counts[t]);
                k += counts[t];
            }
            Arrays.sort(merged);
            return new Result(total / elapsed, total / (double) Math.max(1, stats.commits() - commitsBefore),
                    cpuPerOp / Math.max(1, total), merged);
        }
    }

    static final class Result {
        final double perSecond;
        final double opsPerCommit;
        final double cpuMicrosPerOp;
        final long[] sortedNanos;

        Result(double perSecond, double opsPerCommit, double cpuMicrosPerOp, long[] sortedNanos) {
            this.perSecond = perSecond;
            this.opsPerCommit = opsPerCommit;
            this.cpuMicrosPerOp = cpuMicrosPerOp;
            this.sortedNanos = sortedNanos;
        }

        /** The q-quantile of acknowledgement latency in milliseconds. */
        double p(double q) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(q * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, i)] / 1e6;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(f -> f.toFile().delete());
        } catch (Exception e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
