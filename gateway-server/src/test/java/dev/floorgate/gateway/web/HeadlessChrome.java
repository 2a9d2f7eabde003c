package dev.floorgate.gateway.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium driven by Debian's chromedriver (no download, no Selenium Manager), headless, with a fresh
 * profile each time. The flags keep Chromium from calling home (this machine's network refuses it) and, where a test
 * asks, send every request not for 127.0.0.1 to a dead proxy, so a page that needed anything from elsewhere would
 * show it. HTTPS: the site CA's key hash is given to {@code --ignore-certificate-errors-spki-list}, which makes
 * Chromium accept chains ending in that key and keeps every other certificate check on (the test's stand-in for
 * installing the CA on a PDA); service workers run, which they would not with --ignore-certificate-errors.
 */
final class HeadlessChrome implements AutoCloseable {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    final ChromeDriver driver;
    private final Path profile;
    private final ChromeDriverService service;

    /**
     * @param caSpki base64 SHA-256 of the site CA's public key, or null for plain HTTP pages
     * @param blockOthers whether every request not for 127.0.0.1 goes to a dead proxy
     */
    HeadlessChrome(String caSpki, boolean blockOthers, int width, int height) throws IOException {
        this(caSpki, blockOthers, width, height, List.of());
    }

    /** @param extraArgs more Chromium switches, such as the fake camera's */
    HeadlessChrome(String caSpki, boolean blockOthers, int width, int height, List<String> extraArgs)
            throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "); scripts/ensure-services.sh installs them");
        }
        profile = Files.createTempDirectory("fg-chrome-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        List<String> args = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-features=Translate,OptimizationHints,MediaRouter", "--mute-audio",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height));
        if (caSpki != null) {
            args.add("--ignore-certificate-errors-spki-list=" + caSpki);
        }
        if (blockOthers) {
            args.add("--proxy-server=http://127.0.0.1:9");
            args.add("--proxy-bypass-list=127.0.0.1");
        }
        args.addAll(extraArgs);
        options.addArguments(args);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30)).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object jsAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Saves a PNG of the viewport as target/screenshots/NAME.png; returns its path. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path to = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save screenshot " + name, e);
        }
    }

    /** URLs of every request the page made since the last call (Chromium's performance log). */
    @SuppressWarnings("unchecked")
    List<String> requestedUrls() {
        List<String> urls = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            Map<String, Object> m = new org.openqa.selenium.json.Json().toType(e.getMessage(), Map.class);
            Map<String, Object> message = (Map<String, Object>) m.get("message");
            if ("Network.requestWillBeSent".equals(message.get("method"))) {
                Map<String, Object> params = (Map<String, Object>) message.get("params");
                Map<String, Object> request = (Map<String, Object>) params.get("request");
                urls.add((String) request.get("url"));
            }
        }
        return urls;
    }

    /** The browser console since the last call, for failure messages. */
    List<String> console() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            out.add(e.getLevel() + " " + e.getMessage());
        }
        return out;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp profile left behind is harmless
        }
    }
}
