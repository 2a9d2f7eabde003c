package dev.floorgate.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Samples every second while the generator runs: the gateway's CPU time (all threads, and its JIT compiler
 * threads), its accepted count, the generator's CPU time, and how busy each CPU of the machine was.
 */
final class FleetLoadSampler {
    private static final int T = 0;
    private static final int CPU = 1;
    private static final int OPS = 2;
    private static final int JIT = 3;
    private static final int GEN = 4;
    private static final int CORES = 5; // then busy, total per CPU (jiffies)
    private final BenchGateway gateway;
    private final ProcessProbe probe;
    private final List<long[]> samples = new ArrayList<>();
    private volatile ProcessProbe generator;
    private Thread thread;

    FleetLoadSampler(BenchGateway gateway, ProcessProbe probe) {
        this.gateway = gateway;
        this.probe = probe;
    }

    void generator(long pid) {
        generator = new ProcessProbe(pid);
    }

    void start() {
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    samples(sample());
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    System.err.println("sampling the gateway failed: " + e.getMessage());
                }
            }
        }, "fleet-load-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private long[] sample() throws IOException, InterruptedException {
        long[] cores = Cpu.busyAndTotalJiffies();
        long[] s = new long[CORES + cores.length];
        s[T] = System.nanoTime();
        s[CPU] = probe.cpuMicros();
        long jit = 0;
        for (Map.Entry<String, Long> e : probe.threadCpuMicros().entrySet()) {
            if (e.getKey().contains("CompilerThre")) {
                jit += e.getValue();
            }
        }
        s[JIT] = jit;
        ProcessProbe gen = generator;
        try {
            s[GEN] = gen == null ? 0 : gen.cpuMicros();
        } catch (IOException ended) {
            s[GEN] = -1;
        }
        s[OPS] = PdaFleetBench.acceptedTotal(gateway);
        System.arraycopy(cores, 0, s, CORES, cores.length);
        return s;
    }

    private void samples(long[] s) {
        synchronized (samples) {
            samples.add(s);
        }
    }

    void stop() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join();
        }
    }

    /**
     * The measured window: from a fifth of the way between the first accepted op and the load's end (the
     * fleet is enrolled and signed in by then) to the load's end; ops/s and CPU µs per op over it.
     */
    void window(long start, long loadEnd, FleetRow row) {
        List<long[]> s;
        synchronized (samples) {
            s = new ArrayList<>(samples);
        }
        if (s.size() < 2) {
            return;
        }
        long base = s.get(0)[OPS];
        long firstOp = -1;
        for (long[] x : s) {
            if (x[OPS] > base) {
                firstOp = x[T];
                break;
            }
        }
        long from = firstOp < 0 ? start : firstOp + (loadEnd - firstOp) / 5;
        long[] a = null;
        long[] b = null;
        for (long[] x : s) {
            if (a == null && x[T] >= from) {
                a = x;
            }
            if (x[T] <= loadEnd) {
                b = x;
            }
        }
        if (a == null || b == null || b[T] - a[T] < 2_000_000_000L || b[OPS] <= a[OPS]) {
            a = s.get(0); // too short a steady part: the whole run, set-up and settle included
            b = s.get(s.size() - 1);
            row.windowNote = " (whole run)";
        }
        row.windowSeconds = (b[T] - a[T]) / 1e9;
        row.windowOps = b[OPS] - a[OPS];
        row.opsPerSecond = row.windowOps / row.windowSeconds;
        row.cpuMicrosPerOp = row.windowOps == 0 ? -1 : (b[CPU] - a[CPU]) / (double) row.windowOps;
        row.cpuNoJitMicrosPerOp = row.windowOps == 0 ? -1
                : (b[CPU] - a[CPU] - (b[JIT] - a[JIT])) / (double) row.windowOps;
        row.cpuNetMicrosPerOp = row.windowOps == 0 ? -1
                : (b[CPU] - a[CPU] - (b[JIT] - a[JIT]) - row.idleCpuShare * (b[T] - a[T]) / 1000.0)
                / row.windowOps;
        row.cpuShare = (b[CPU] - a[CPU]) / 1e6 / row.windowSeconds;
        row.generatorShare = a[GEN] < 0 || b[GEN] < 0 ? -1 : (b[GEN] - a[GEN]) / 1e6 / row.windowSeconds;
        row.coreBusy = new double[(a.length - CORES) / 2];
        for (int c = 0; c < row.coreBusy.length; c++) {
            long total = b[CORES + 2 * c + 1] - a[CORES + 2 * c + 1];
            row.coreBusy[c] = total == 0 ? 0 : (b[CORES + 2 * c] - a[CORES + 2 * c]) / (double) total;
        }
        row.firstOpSeconds = firstOp < 0 ? -1 : (firstOp - start) / 1e9;
    }
}
