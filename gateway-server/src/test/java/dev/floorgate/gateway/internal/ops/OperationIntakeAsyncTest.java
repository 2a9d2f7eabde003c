package dev.floorgate.gateway.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.SyncConfiguration;
import dev.floorgate.gateway.internal.GatewayDatabase;
import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.access.OperatorSessions;
import dev.floorgate.sync.LocationItem;
import dev.floorgate.sync.SkuItem;
import dev.floorgate.sync.SyncEngine;
import dev.floorgate.sync.SyncListener;
import dev.floorgate.sync.SyncOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device's POST waits for its group commit without holding the thread that took it. */
class OperationIntakeAsyncTest {
    private static final Duration COMMIT_WAIT = Duration.ofMillis(800);

    @TempDir
    Path dir;

    @Test
    void theCallersThreadIsFreeBeforeTheGroupCommitAndTheAnswerComesAfterIt() throws Exception {
        SyncOptions options = SyncOptions.builder().dataDir(dir.resolve("sync")).gatewayId("gw-test")
                .warehouses(Set.of("SH01")).groupCommitMaxWait(COMMIT_WAIT).build();
        try (GatewayDatabase db = GatewayDatabase.open(dir.resolve("gw"))) {
            SyncEngine engine = SyncEngine.start(options, SyncListener.NONE);
            try {
                engine.cache().apply(List.of(
                        new SkuItem("acme", "SKU-123", "Blue widget", "EA", List.of(), List.of()),
                        new LocationItem("acme", "SH01", "A-01-03", "BIN")));
                OperationIntake intake = new OperationIntake(engine, new OperatorSessions(db), appendTimeout(10));
                String opId = "0190f5c2-7b1a-7c3e-8f00-0000000000f1";
                String body = "{\"opId\":\"" + opId + "\",\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                        + "\"type\":\"PICK\",\"sku\":\"SKU-123\",\"qty\":1,\"location\":\"A-01-03\"}";

                long start = System.nanoTime();
                CompletableFuture<OperationIntake.Outcome> answer =
                        intake.submitAsync(new DevicePrincipal("pda-1", "acme", "SH01"), body);
                long returnedMillis = (System.nanoTime() - start) / 1_000_000;

                assertThat(answer).as("not answered before the group commit").isNotDone();
                assertThat(returnedMillis).as("ms the caller's thread was held").isLessThan(COMMIT_WAIT.toMillis());
                OperationIntake.Outcome outcome = answer.get(10, TimeUnit.SECONDS);
                assertThat(outcome.accepted()).containsExactly(opId);
                assertThat(outcome.rejected()).isEmpty();
                assertThat(engine.outbox().find(opId)).as("durable when answered").isPresent();
            } finally {
                engine.close();
            }
        }
    }

    private static SyncConfiguration appendTimeout(int seconds) {
        return new SyncConfiguration() {
            @Override
            public Set<String> getWarehouses() {
                return Set.of("SH01");
            }

            @Override
            public int getBatchSize() {
                return 100;
            }

            @Override
            public Duration getPollInterval() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration getBackoffMin() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration getBackoffMax() {
                return Duration.ofSeconds(30);
            }

            @Override
            public long getDiskFloor() {
                return 0;
            }

            @Override
            public Duration getRetention() {
                return Duration.ofDays(7);
            }

            @Override
            public boolean isPrepareAhead() {
                return true;
            }

            @Override
            public Duration getAppendTimeout() {
                return Duration.ofSeconds(seconds);
            }
        };
    }
}
