package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code ./floorgate demo} (issue 12 item 6, "a Chromium test walks that path on the demo"): the demo's main class
 * run as ./floorgate runs it, with a temporary data folder, free ports and a throwaway database. Site IT changes
 * the initial password and makes an enrollment code; a PDA in Chromium follows the link, enrolls, signs in and
 * lists the sample data's 20 orders; a scan at pack-1 prints a label that the admin page shows under Recent labels
 * with its preview; stopping the demo leaves none of its children. A second start on the same data skips the
 * loaded sample data, and a SIGKILL of the demo takes its children with it.
 */
class DemoLauncherTest {
    static final Duration READY = Duration.ofMinutes(4);
    static final String PASSWORD = "demo-walk-password-1";

    @TempDir
    Path dir;

    @Test
    void theDemoWalksFromStartToAFirstPickAndAFirstLabelAndLeavesNoChildBehind() throws Exception {
        try (MariaDbDatabase db = new MariaDbDatabase()) {
            String database = db.jdbcUrl().substring(db.jdbcUrl().lastIndexOf('/') + 1);
            Path data = dir.resolve("demo");

            Run first = Run.start(data, database);
            try {
                assertThat(first.output()).contains("sample data: import orders: imported 20 orders")
                        .contains("sample data: receive stock: 50 applied");
                walk(first, data);
            } catch (Throwable t) {
                first.process.destroy(); // the shutdown hook still stops the children; the walk's failure counts
                first.process.waitFor(90, TimeUnit.SECONDS);
                throw t;
            }
            first.stop(false);
            assertThat(first.output()).as("the gateway stops first, so its group commit drains")
                    .contains("stopping the demo: gateway,").contains("  gateway (pid").contains("  redis (pid");
            assertNoChildLeft(first);

            Run second = Run.start(data, database);
            try {
                assertThat(second.output()).as("data reused").contains("sample data: already loaded")
                        .doesNotContain("import orders");
            } finally {
                second.stop(true); // SIGKILL: no shutdown hook; the children must die with the demo anyway
            }
            assertNoChildLeft(second);
        }
    }

    private void walk(Run demo, Path data) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String origin = "http://127.0.0.1:" + demo.port;
        HttpResponse<String> login = post(http, origin + "/api/v1/admin/login", null,
                "{\"username\":\"admin\",\"password\":\"floorgate\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String session = field(login.body(), "token");
        HttpResponse<String> changed = post(http, origin + "/api/v1/admin/password", session,
                "{\"currentPassword\":\"floorgate\",\"newPassword\":\"" + PASSWORD + "\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        HttpResponse<String> code = post(http, origin + "/api/v1/admin/enrollment", session,
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}");
        assertThat(code.statusCode()).as(code.body()).isEqualTo(201);
        String link = origin + field(code.body(), "url").replaceFirst("^https?://[^/]+", "");

        try (Chromium chrome = new Chromium(480, 900)) {
            WebDriverWait wait = new WebDriverWait(chrome.driver, Duration.ofSeconds(60));
            chrome.driver.get(link);
            wait.until(d -> "enroll".equals(chrome.js("return document.body.dataset.screen || null")));
            assertThat(chrome.driver.findElement(By.id("enroll-code")).getAttribute("value"))
                    .as("the link fills in the code").isEqualTo(field(code.body(), "code"));
            chrome.driver.findElement(By.id("enroll-device")).sendKeys("pda-demo-1");
            chrome.driver.findElement(By.id("enroll-submit")).click();
            wait.until(d -> "login".equals(chrome.js("return document.body.dataset.screen || null")));
            chrome.driver.findElement(By.id("badge")).sendKeys("U-1"); // the badge, typed
            chrome.driver.findElement(By.id("login-submit")).click();
            wait.withMessage(() -> "the task list after the badge; screen "
                    + chrome.js("return document.body.dataset.screen || null") + ", login message '"
                    + chrome.driver.findElement(By.id("login-message")).getText() + "', console "
                    + chrome.driver.manage().logs().get("browser").getAll())
                    .until(d -> "list".equals(chrome.js("return document.body.dataset.screen || null")));
            Set<String> orders = new TreeSet<>();
            wait.withMessage(() -> "the 20 sample orders as pick tasks; listed: " + orders).until(d -> {
                orders.clear();
                for (WebElement b : d.findElements(By.cssSelector("#task-list button[data-task-id]"))) {
                    orders.add(b.getAttribute("data-task-id").replaceFirst("/.*", ""));
                }
                return orders.size() == 20;
            });
            assertThat(orders).contains("SO-DEMO-001", "SO-DEMO-020").allMatch(o -> o.startsWith("SO-DEMO-"));

            demo.scan("DEMO-PARCEL-1"); // matches nothing: pack-1 rehearses, printing shipping-4x6's samples
            Path labels = data.resolve("printer-1");
            await().atMost(Duration.ofMinutes(1)).until(() -> zplFiles(labels) > 0);

            chrome.driver.get(origin + "/admin/");
            wait.until(d -> d.findElement(By.id("login")).isDisplayed());
            chrome.driver.findElement(By.id("login-password")).sendKeys(PASSWORD);
            chrome.driver.findElement(By.id("login-submit")).click();
            wait.until(d -> d.findElement(By.id("app")).isDisplayed());
            wait.withMessage("a label under Recent labels with its preview loaded").until(d -> {
                List<WebElement> imgs = d.findElements(By.cssSelector("#recent-labels figure img"));
                return !imgs.isEmpty() && Long.valueOf(1).equals(chrome.js(
                        "return arguments[0].complete && arguments[0].naturalWidth > 0 ? 1 : 0", imgs.get(0)));
            });
            assertThat(chrome.driver.findElement(By.cssSelector("#recent-labels figure figcaption")).getText())
                    .contains("printer-1");
        }
    }

    private static long zplFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".zpl")).count();
        }
    }

    private static void assertNoChildLeft(Run demo) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> alive = new ArrayList<>();
            for (long pid : demo.childPids) {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    alive.add(Long.toString(pid));
                }
            }
            assertThat(alive).as("children of the demo still alive; pids were " + demo.childPids).isEmpty();
        });
        assertThat(demo.childPids).as("redis, core, 2 printers, scanner, gateway").hasSize(6);
    }

    private static HttpResponse<String> post(HttpClient http, String url, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no '" + name + "' in " + json);
        }
        return m.group(1);
    }

    /** One run of the demo's main class, as ./floorgate demo starts it, read until it says it is ready. */
    static final class Run {
        final Process process;
        final Path log;
        final List<Long> childPids = new ArrayList<>();
        int port;

        private Run(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static Run start(Path data, String database) throws Exception {
            Path root = Path.of(System.getProperty("fg.repo.root", "..")).toAbsolutePath().normalize();
            Path bench = root.resolve("bench/target");
            String cp = bench.resolve("classes") + ":" + Files.readString(bench.resolve("classpath.txt")).strip();
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                    "-cp", cp, "dev.floorgate.demo.Demo", "--root", root.toString(), "--data-dir", data.toString(),
                    "--database", database, "--port", "0", "--https-port", "0");
            // output to a file: destroy() closes the pipes, and the shutdown hook's lines must stay readable
            Path log = Files.createTempFile(data.getParent(), "demo-output", ".txt");
            Run run = new Run(new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start(), log);
            long t0 = System.nanoTime();
            long deadline = t0 + READY.toNanos();
            int seen = 0;
            while (true) {
                String text = Files.readString(log);
                List<String> lines = text.substring(0, text.lastIndexOf('\n') + 1).lines().toList(); // whole lines
                if (seen == lines.size()) {
                    if (!run.process.isAlive() || System.nanoTime() > deadline) {
                        run.process.destroyForcibly();
                        throw new AssertionError((run.process.isAlive() ? "the demo was not ready within " + READY
                                : "the demo exited") + "; its output:\n" + run.output());
                    }
                    Thread.sleep(100);
                    continue;
                }
                String line = lines.get(seen++);
                System.out.println("[demo] " + line);
                Matcher pids = Pattern.compile("^\\s*pids: (.*)$").matcher(line);
                Matcher pick = Pattern.compile("picker app:\\s+http://localhost:(\\d+)/pick/").matcher(line);
                if (pick.find()) {
                    run.port = Integer.parseInt(pick.group(1));
                } else if (pids.find()) {
                    for (String p : pids.group(1).trim().split("\\s+")) {
                        run.childPids.add(Long.parseLong(p.substring(p.indexOf('=') + 1)));
                    }
                } else if (line.startsWith("Ctrl-C stops everything")) {
                    System.out.printf("demo ready after %.1f s (as the test measured it)%n",
                            (System.nanoTime() - t0) / 1e9);
                    assertThat(run.port).as(run.output()).isPositive();
                    for (long child : run.childPids) { // Ctrl-C in a terminal must reach the demo alone
                        assertThat(session(child)).as("session of child " + child).isEqualTo(child)
                                .isNotEqualTo(session(run.process.pid()));
                    }
                    return run;
                }
            }
        }

        /** The session id of {@code pid} (/proc/PID/stat, the field after state, parent and group). */
        static long session(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }

        /** A line on the demo's standard input: a scan at pack-1. */
        void scan(String barcode) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write((barcode + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        void stop(boolean kill) throws InterruptedException {
            if (kill) {
                process.destroyForcibly();
            } else {
                process.destroy(); // SIGTERM: the shutdown hook stops the children, the gateway first
            }
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the demo did not stop within 90 s; output:\n" + output());
            }
        }
    }
}
