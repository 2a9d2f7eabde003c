package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.floorgate.pda.tools.VirtualPdas;
import dev.floorgate.pda.tools.VirtualPdasReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate pdas} against the real gateway jar (issue 12 item 6): it fails with one line when the PDAs
 * cannot work, and the gateway's admin device list holds no live device afterwards, after a failure or a run.
 */
class VirtualPdasAgainstGatewayTest {
    @TempDir
    Path dir;

    @Test
    void aGatewayWithoutTasksOrWithAnotherTokenFailsTheRunAndKeepsNoDevice() throws Exception {
        try (Chain chain = new Chain(dir)) {
            chain.startGateway("http://127.0.0.1:" + ServiceProcess.freePort()); // no core: no tasks
            String url = chain.gateway.url("");
            assertThatThrownBy(() -> new VirtualPdas(options(url, Chain.ADMIN, "none-", 5)).run())
                    .isInstanceOf(VirtualPdas.CannotWork.class)
                    .hasMessageContaining("no PICK tasks for acme/SH01");
            assertThatThrownBy(() -> new VirtualPdas(options(url, "not-the-token", "tok-", 5)).run())
                    .isInstanceOf(VirtualPdas.CannotWork.class)
                    .hasMessageContaining("refused the admin token (401");
            String devices = chain.gatewayGet("/api/v1/admin/devices", Chain.ADMIN).body();
            assertThat(devices).contains("\"none-probe\"");
            assertThat(liveDevices(devices)).as(devices).isZero();
        }
    }

    @Test
    void afterARunEveryEnrolledDeviceIsRevoked() throws Exception {
        try (Chain chain = new Chain(dir).startCore()) {
            chain.seed("acme", 3);
            PickersEndToEndTest.receive(chain, 3, 100);
            chain.coreApi.ok("POST", "/v1/orders", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-1\","
                    + "\"lines\":[{\"sku\":\"SKU-1\",\"qty\":20,\"location\":\"A-01-01\"}]}");
            chain.gatewayEnv("FG_SYNC_WAREHOUSES", "SH01").gatewayEnv("FG_SYNC_POLL_INTERVAL", "1s").startGateway();
            String watcher = chain.enroll("watcher", "acme");
            await().atMost(Duration.ofMinutes(1)).until(() ->
                    chain.gatewayGet("/api/v1/tasks?type=PICK", watcher).body().contains("SO-1"));
            VirtualPdasReport report = new VirtualPdas(options(chain.gateway.url(""), Chain.ADMIN, "run-", 3)
                    .withPicksPerPda(2)).run();
            assertThat(report.pdasReady()).as(report.toString()).isEqualTo(3);
            assertThat(report.lost()).isZero();
            String devices = chain.gatewayGet("/api/v1/admin/devices", Chain.ADMIN).body();
            assertThat(devices).contains("\"run-probe\"").contains("\"run-3\"");
            assertThat(liveDevices(devices)).as("only the test's own watcher is live: " + devices).isEqualTo(1);
        }
    }

    private VirtualPdas.Options options(String url, String token, String prefix, int count) {
        return VirtualPdas.Options.of(url, token).withCount(count).withTenant("acme", "SH01")
                .withDurationSeconds(20).withThinkMillis(10).withSettleSeconds(20).withDevicePrefix(prefix)
                .withWorkDir(dir.resolve(prefix).toFile());
    }

    /** Devices in the admin list without a revokedAt time (null or left out). */
    private static int liveDevices(String json) {
        return count(json, "\"deviceId\"\\s*:") - count(json, "\"revokedAt\"\\s*:\\s*\"");
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
