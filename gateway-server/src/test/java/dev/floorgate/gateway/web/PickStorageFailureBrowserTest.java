package dev.floorgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.tls.Fingerprints;
import dev.floorgate.gateway.internal.tls.SiteCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The picker app in headless Chromium when its local storage never opens (issue 12: the page stayed on
 * "Starting..." with no timeout and no message). The browser's {@code indexedDB.open} is replaced, before the page's
 * own scripts run, by one that never answers until the test lets it through; the page must say what failed within
 * its timeout and start once storage works and the picker presses Retry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PickStorageFailureBrowserTest {
    /** store.js OPEN_TIMEOUT_MS. */
    static final long OPEN_TIMEOUT_MS = 5000;

    Path dataDir;
    TestGateway gateway;
    HeadlessChrome chrome;
    WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("fg-pick-storage");
        gateway = new TestGateway(dataDir, Map.of("fg.tls.enabled", true));
        SiteCertificates certs = gateway.context().getBean(SiteCertificates.class);
        chrome = new HeadlessChrome(Fingerprints.spkiSha256(certs.caCertificate()), true, 360, 640);
        wait = new WebDriverWait(chrome.driver, Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (chrome != null) {
                chrome.close();
            }
        } finally {
            if (gateway != null) {
                gateway.close();
            }
        }
    }

    @Test
    void storageThatNeverOpensGivesAnErrorAndARetryThatStartsTheAppOnceItWorks() {
        chrome.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "(() => { const real = indexedDB.open.bind(indexedDB);"
                        + " indexedDB.open = (...args) => sessionStorage.getItem('fg-test-storage-works')"
                        + " ? real(...args) : {}; })();"));
        long started = System.nanoTime();
        chrome.driver.get(gateway.httpsUrl("/pick/"));

        wait.withMessage("the storage error on the loading screen").until(d -> el("loading-error").isDisplayed());
        long shownAfterMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(shownAfterMs).as("not before the page's open timeout").isGreaterThanOrEqualTo(OPEN_TIMEOUT_MS);
        assertThat(el("loading-text").getText()).isEqualTo("The app could not start.");
        assertThat(el("loading-error").getText()).contains("local storage (IndexedDB) did not open within 5 s")
                .contains("retry");
        assertThat(el("loading-error").getAttribute("role")).isEqualTo("alert");
        assertThat(el("loading-retry").isDisplayed()).isTrue();
        assertThat(el("screen-enroll").isDisplayed()).isFalse();

        chrome.js("sessionStorage.setItem('fg-test-storage-works', '1')");
        el("loading-retry").click();

        wait.withMessage("the app started after the retry").until(d -> el("screen-enroll").isDisplayed());
        assertThat(el("screen-loading").isDisplayed()).isFalse();
        assertThat(el("loading-error").isDisplayed()).isFalse();
    }

    private WebElement el(String id) {
        return chrome.driver.findElement(By.id(id));
    }
}
