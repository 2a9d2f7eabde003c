package dev.floorgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The virtual-PDA load generator ({@code dev.floorgate.pda.tools.VirtualPdas}, taken by class name from this
 * module's classpath) as a JVM process of its own, pinned with {@code taskset} away from the gateway, so its
 * 300 threads never take the gateway's CPU. Its report is read back from its standard output.
 */
final class FleetGenerator implements AutoCloseable {
    static final String MAIN_CLASS = "dev.floorgate.pda.tools.VirtualPdas";
    private static final Pattern P50_P99 = Pattern.compile("time to 202:\\s+p50 ([0-9.]+) ms, p99 ([0-9.]+) ms");
    private final Process process;
    private final Path output;

    private FleetGenerator(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts VirtualPdas with {@code args} (its command line) under {@code launcher}, output to {@code output}. */
    static FleetGenerator start(List<String> launcher, List<String> args, Path output) throws IOException {
        return start(launcher, args, output, null);
    }

    /**
     * As {@link #start(List, List, Path)}, recording the generator with JFR into {@code jfr} when not null: a
     * latency the gateway's own recording cannot explain is often the generator's (issue 11: 600 threads queued on
     * one Okio timeout lock for up to 1.6 s, which the fleet table showed as the gateway's p99).
     */
    static FleetGenerator start(List<String> launcher, List<String> args, Path output, Path jfr) throws IOException {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (jfr != null) {
            cmd.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr.toAbsolutePath());
        }
        cmd.add("-Xss512k"); // 600 threads (a PDA and its event stream each)
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new FleetGenerator(p, output);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the generator to finish and returns its report. */
    Report await(long timeoutSeconds) throws IOException, InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("the PDA generator did not finish within " + timeoutSeconds + " s; see " + output);
        }
        String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
        return Report.parse(text, process.exitValue());
    }

    /** Ends the generator at once (its PDAs drop their connections), e.g. after a connected-fleet measurement. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** The figures of VirtualPdasReport's text that the fleet table needs, plus the whole text. */
    static final class Report {
        final String text;
        final int exitCode;
        final long ready;
        final long sent;
        final long accepted;
        final long lost;
        final long unverified;
        final long sendFailures;
        final double p50Millis;
        final double p99Millis;

        private Report(String text, int exitCode, long ready, long sent, long accepted, long lost, long unverified,
                long sendFailures, double p50Millis, double p99Millis) {
            this.text = text;
            this.exitCode = exitCode;
            this.ready = ready;
            this.sent = sent;
            this.accepted = accepted;
            this.lost = lost;
            this.unverified = unverified;
            this.sendFailures = sendFailures;
            this.p50Millis = p50Millis;
            this.p99Millis = p99Millis;
        }

        static Report parse(String text, int exitCode) throws IOException {
            Matcher lat = P50_P99.matcher(text);
            if (!lat.find()) {
                throw new IOException("the PDA generator exited with " + exitCode + " and printed no report:\n"
                        + text);
            }
            return new Report(text, exitCode, number(text, "\\((\\d+) ready\\)"), number(text, "ops sent:\\s+(\\d+)"),
                    number(text, "accepted \\(202\\):\\s+(\\d+)"), number(text, "lost:\\s+(\\d+)"),
                    optional(text, "unverified:\\s+(\\d+)"), number(text, "send failures:\\s+(\\d+)"),
                    Double.parseDouble(lat.group(1)), Double.parseDouble(lat.group(2)));
        }

        private static long number(String text, String regex) throws IOException {
            Matcher m = Pattern.compile(regex).matcher(text);
            if (!m.find()) {
                throw new IOException("no '" + regex + "' in the PDA generator's report:\n" + text);
            }
            return Long.parseLong(m.group(1));
        }

        private static long optional(String text, String regex) {
            Matcher m = Pattern.compile(regex).matcher(text);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }
    }
}
