package dev.floorgate.gateway.internal.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.gateway.internal.GatewayDatabase;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import io.micronaut.json.JsonMapper;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-tenant bound of a printer's queue (issue 22): a tenant at its limit is refused with TENANT_QUEUE_FULL
 * naming the count and the limit, other tenants still queue, the printer-wide bound still holds, and a job that
 * printed frees its place. Also times a submit against a printer with thousands of jobs waiting.
 */
class PrintJobStoreTenantQuotaTest {
    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    @TempDir
    Path dir;

    private static PrintRequest job(String jobId, String tenant) {
        return PrintRequest.raw(jobId, tenant, "p1", null, "^XA^FD" + jobId + "^FS^XZ", "device:pda-" + tenant);
    }

    @Test
    void aTenantAtItsLimitIsRefusedAndTheOthersStillQueue() throws Exception {
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            PrintJobStore store = new PrintJobStore(db, JsonMapper.createDefault());
            for (int i = 0; i < 3; i++) {
                assertThat(store.enqueue(job("b" + i, "beta"), 5, 3, T0).created()).isTrue();
            }
            assertThatThrownBy(() -> store.enqueue(job("b3", "beta"), 5, 3, T0))
                    .isInstanceOfSatisfying(GatewayProblem.class,
                            e -> assertThat(e.code()).isEqualTo(ProblemCode.TENANT_QUEUE_FULL))
                    .hasMessageContaining("tenant 'beta' has 3 jobs waiting at printer 'p1', its limit is 3");
            // the same jobId and request again is still the stored job, not a refusal
            assertThat(store.enqueue(job("b2", "beta"), 5, 3, T0).created()).isFalse();
            assertThat(store.enqueue(job("a0", "acme"), 5, 3, T0).created()).isTrue();
            assertThat(store.enqueue(job("a1", "acme"), 5, 3, T0).created()).isTrue();
            assertThatThrownBy(() -> store.enqueue(job("g0", "gamma"), 5, 3, T0))
                    .isInstanceOfSatisfying(GatewayProblem.class,
                            e -> assertThat(e.code()).isEqualTo(ProblemCode.QUEUE_FULL));
        }
    }

    @Test
    void submittingAtAPrinterWithThousandsWaitingStaysFast() throws Exception {
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            PrintJobStore store = new PrintJobStore(db, JsonMapper.createDefault());
            long emptyStart = System.nanoTime();
            for (int i = 0; i < 5000; i++) {
                store.enqueue(job("w" + i, i % 2 == 0 ? "acme" : "beta"), 10000, 5000, T0);
                if (i == 199) {
                    System.out.printf("enqueue with under 200 waiting: %.0f us per job%n",
                            (System.nanoTime() - emptyStart) / 1000.0 / 200);
                }
            }
            long start = System.nanoTime();
            int n = 200;
            for (int i = 0; i < n; i++) {
                store.enqueue(job("t" + i, "acme"), 10000, 5000, T0);
            }
            double micros = (System.nanoTime() - start) / 1000.0 / n;
            System.out.printf("enqueue with 5000 waiting (two counts per submit): %.0f us per job%n", micros);
            assertThat(micros).as("per enqueue, microseconds").isLessThan(50_000);
        }
    }
}
