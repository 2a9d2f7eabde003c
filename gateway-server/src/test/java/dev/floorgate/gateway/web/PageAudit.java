package dev.floorgate.gateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.json.Json;

/**
 * Runs src/test/audit/page-audit.mjs (axe-core and Lighthouse from npm, pinned by its package-lock.json) with
 * Debian's Chromium and returns its JSON report. The npm packages are installed with {@code npm ci} into
 * target/page-audit the first time (and again when the lock file changed); without node/npm, or when the install
 * fails, this throws: the audit fails, it is never skipped.
 */
final class PageAudit {
    static final Path SOURCE = Paths.get("src", "test", "audit");
    static final Path WORK = Paths.get("target", "page-audit");
    static final long INSTALL_TIMEOUT_S = 300;
    static final long RUN_TIMEOUT_S = 420;

    private PageAudit() {
    }

    /** Installs the pinned npm packages if target/page-audit does not hold this lock file's install yet. */
    static void install() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        byte[] lock = Files.readAllBytes(SOURCE.resolve("package-lock.json"));
        Path installedLock = WORK.resolve("node_modules").resolve(".installed-lock.json");
        for (String f : List.of("package.json", "package-lock.json", "page-audit.mjs")) {
            Files.copy(SOURCE.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.exists(installedLock) && java.util.Arrays.equals(Files.readAllBytes(installedLock), lock)) {
            return;
        }
        Path log = WORK.resolve("npm-ci.log");
        run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), log, INSTALL_TIMEOUT_S,
                "npm ci in " + WORK.toAbsolutePath() + " (scripts/ensure-services.sh installs node and npm)");
        Files.write(installedLock, lock);
    }

    /** Runs the audit with the given input; returns its report. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> run(Map<String, Object> input) throws IOException, InterruptedException {
        install();
        Path out = WORK.resolve("report.json");
        String json = new Json().toJson(input);
        Process p = new ProcessBuilder("node", "page-audit.mjs", json).directory(WORK.toFile())
                .redirectOutput(out.toFile()).redirectError(WORK.resolve("audit.log").toFile()).start();
        if (!p.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("page-audit.mjs ran longer than " + RUN_TIMEOUT_S + " s; log: "
                    + tail(WORK.resolve("audit.log")));
        }
        String text = Files.readString(out, StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0 || text.isEmpty()) {
            throw new IllegalStateException("page-audit.mjs exited with " + p.exitValue() + "; log: "
                    + tail(WORK.resolve("audit.log")));
        }
        return new Json().toType(text, Map.class);
    }

    private static void run(List<String> command, Path log, long timeoutS, String what)
            throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot start " + what, e);
        }
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(what + " took longer than " + timeoutS + " s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(what + " failed with exit code " + p.exitValue() + ": " + tail(log));
        }
    }

    private static String tail(Path log) throws IOException {
        String s = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
