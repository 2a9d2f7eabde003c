package dev.floorgate.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process the demo started (Redis, the core, a simulator, the gateway), its output in a log file.
 *
 * <p>Children must not outlive the demo even when the demo is killed with SIGKILL (no shutdown hook runs then), so
 * each is started through util-linux's {@code setpriv --pdeathsig TERM}: the kernel sends the child SIGTERM when
 * the thread that started it ends. {@link Demo} starts every child from its main thread and keeps that thread
 * waiting until the JVM exits. setpriv execs the command, so the child's pid is the service's own.
 *
 * <p>Each child also runs in a session of its own ({@code setsid}, which execs too, as a child of the JVM is no
 * process group leader): Ctrl-C in the terminal reaches only the demo, whose shutdown hook then stops the gateway
 * before the core and Redis it talks to, instead of every process getting SIGINT at once.
 */
final class Child {
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    final String name;
    final Process process;
    final Path log;

    private Child(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} with {@code env} added; stdin is a pipe (the scanner simulator reads scans from it). */
    static Child start(String name, List<String> command, Map<String, String> env, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            cmd.add(SETSID.toString());
        }
        if (Files.isExecutable(SETPRIV)) {
            cmd.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "TERM", "--"));
        }
        cmd.addAll(command);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return new Child(name, pb.start(), log);
    }

    long pid() {
        return process.pid();
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Waits until {@code GET url} answers at all (any status) or fails naming the log. */
    void awaitHttp(String url, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            checkAlive();
            try {
                http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException(name + " did not answer " + url + " within " + timeout.toSeconds() + " s; see " + log);
    }

    /** Waits until something accepts connections on the loopback {@code port}. */
    void awaitPort(int port, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            checkAlive();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(name + " did not listen on port " + port + " within "
                            + timeout.toSeconds() + " s; see " + log, e);
                }
                Thread.sleep(50);
            }
        }
    }

    private void checkAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with " + process.exitValue() + " during start-up; see " + log);
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns whether it stopped by itself. */
    boolean stop(Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** {@code wanted} when nothing listens there, otherwise any free loopback port. */
    static int portOr(int wanted) throws IOException {
        if (wanted > 0) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new java.net.InetSocketAddress("0.0.0.0", wanted));
                return wanted;
            } catch (IOException taken) {
                // fall through to a free port
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
