package dev.floorgate.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway Debian 12 root for package tests: an overlay (this test's changes in {@code upper/}) over the cached
 * debootstrap root of {@code src/test/scripts/debian-root.sh}, which is never changed. Every command runs in its
 * own PID namespace ({@code unshare}) inside a mount namespace that holds the overlay, /dev and /sys, then
 * {@code chroot}s: nothing is ever mounted on the host (the mounts go with the holding process), and the network
 * is the host's (so a service in the root is reached on 127.0.0.1). No systemd runs as PID 1 in it: services are started
 * with their unit's own ExecStart ({@link UnitFile}).
 */
final class DebianRoot implements AutoCloseable {
    /** A finished command: exit status and its output (stdout and stderr together). */
    record Result(int exit, String output) {
    }

    private final Path dir;
    private final Process holder;
    private final List<Process> started = new ArrayList<>();

    private DebianRoot(Path dir, Process holder) {
        this.dir = dir;
        this.holder = holder;
    }

    /**
     * The cached base root (made by debootstrap on first use, about a minute) with an empty overlay under
     * {@code dir}; the host folder {@code packages} appears read-only at {@code /srv/packages} in the root.
     */
    static DebianRoot create(Path dir, Path packages) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("fg.packages.scripts", "src/test/scripts")).resolve("debian-root.sh");
        Process p = new ProcessBuilder("sh", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0 || out.isEmpty()) {
            throw new IllegalStateException("debian-root.sh failed (exit " + p.exitValue() + "): " + out);
        }
        for (String d : List.of("upper", "work", "merged", "logs")) {
            Files.createDirectories(dir.resolve(d));
        }
        return new DebianRoot(dir, holdMounts(Path.of(out), dir, packages));
    }

    /** Runs {@code script} with /bin/sh as root inside the root and waits (at most {@code timeout}). */
    Result run(String script, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir.resolve("logs"), "run-", ".log");
        Process p = command(script).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("'" + script + "' in the Debian root took over " + timeout + ":\n"
                    + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    /** Runs and requires exit 0; returns the output. */
    String ok(String script) throws IOException, InterruptedException {
        Result r = run(script, Duration.ofMinutes(3));
        if (r.exit() != 0) {
            throw new IllegalStateException("'" + script + "' in the Debian root exited " + r.exit() + ":\n"
                    + r.output());
        }
        return r.output();
    }

    /** Starts {@code script} in the background (a service); its output goes to {@code log}. */
    Process start(String script, Path log) throws IOException {
        Process p = command(script).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    /**
     * The host process of the program a background command exec'd into (java, PID 1 of its namespace), found by
     * its command name among the namespace's processes.
     */
    static Optional<ProcessHandle> program(Process p, String name) {
        return p.descendants().filter(h -> h.info().command().map(c -> c.endsWith("/" + name)).orElse(false))
                .findFirst();
    }

    private ProcessBuilder command(String script) {
        Path merged = dir.resolve("merged");
        // a mount namespace of its own (so /proc shows this command's PID namespace) inside the holder's, where
        // the overlay is mounted; --kill-child: everything in the namespace dies with the unshare process
        String inner = "set -e; mount -t proc proc " + merged + "/proc; exec chroot " + merged
                + " /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root /bin/sh -c \"$0\"";
        return new ProcessBuilder("nsenter", "--target", Long.toString(holder.pid()), "--mount", "--",
                "unshare", "--mount", "--propagation", "private", "--pid", "--fork", "--kill-child=SIGKILL",
                "sh", "-c", inner, script);
    }

    /**
     * The process that holds the overlay mount: it lives in a mount namespace of its own, so the mount disappears
     * with it (or with the JVM, kill -9 included) and the host never sees it. Commands enter its namespace.
     */
    private static Process holdMounts(Path base, Path dir, Path packages) throws IOException, InterruptedException {
        Path merged = dir.resolve("merged");
        Path ready = dir.resolve("logs/mounted");
        String script = "set -e; mount -t overlay overlay -o lowerdir=" + base + ",upperdir=" + dir.resolve("upper")
                + ",workdir=" + dir.resolve("work") + " " + merged + "; mount --bind /dev " + merged + "/dev; "
                + "mount -t sysfs -o ro sysfs " + merged + "/sys; mkdir -p " + merged + "/srv/packages; mount --bind -o ro "
                + packages + " " + merged + "/srv/packages; touch " + ready + "; exec sleep 3600";
        Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script)
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/mounts.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(ready); i++) {
            if (!p.isAlive()) {
                throw new IllegalStateException("mounting the Debian root failed: "
                        + Files.readString(dir.resolve("logs/mounts.log")));
            }
            Thread.sleep(50);
        }
        if (!Files.exists(ready)) {
            p.destroyForcibly();
            throw new IllegalStateException("mounting the Debian root took over 5 s");
        }
        return p;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        holder.destroy(); // the sleep: its mount namespace, and the overlay with it, goes away
        holder.waitFor(10, TimeUnit.SECONDS);
        // the overlay was mounted only inside the namespaces, so the folder is plain files now
        Process rm = new ProcessBuilder("rm", "-rf", dir.toString()).start();
        rm.waitFor(60, TimeUnit.SECONDS);
    }
}
