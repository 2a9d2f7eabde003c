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
     * Pins every thread of this JVM to {@code cpu} ({@code taskset -a -p -c}); threads and processes started later
     * inherit it. Returns false (and changes nothing) without taskset or with fewer than two cores.
     */
    static boolean pinThisProcess(int cpu) throws InterruptedException {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", Integer.toString(cpu),
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

    /** The launcher that runs a command on {@code cpu} only. */
    static List<String> taskset(int cpu) {
        return List.of("taskset", "-c", Integer.toString(cpu));
    }
}
