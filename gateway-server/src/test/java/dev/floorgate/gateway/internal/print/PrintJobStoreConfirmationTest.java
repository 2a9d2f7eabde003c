package dev.floorgate.gateway.internal.print;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.internal.GatewayDatabase;
import io.micronaut.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closed-loop commit points of {@link PrintJobStore} on the real SQLite file (PROTOCOLS.md 2.4): the counter
 * value commits with PRINTING, before the first byte, so after a kill -9 a closed-loop job is left to its printer's
 * counter while a job without one still turns MAYBE_PRINTED; what the counter proves lost goes back to QUEUED in its
 * old place with the ZPL for the rest; a count that cannot be known goes to a person with the reason.
 */
class PrintJobStoreConfirmationTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    @TempDir
    Path dir;

    private static PrintRequest raw(String jobId, String zpl) {
        return PrintRequest.raw(jobId, "acme", "p1", null, zpl, "device:pda-1");
    }

    @Test
    void aClosedLoopJobFoundOnItsWayAfterAKillIsLeftToTheCounterAndAnOpenLoopOneWaitsForAPerson() throws Exception {
        Path restarted = dir.resolve("restarted");
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            PrintJobStore store = new PrintJobStore(db, JSON);
            store.enqueue(raw("closed", "^XA^FDa^FS^PQ3^XZ"), 100, T0);
            store.enqueue(raw("open", "^XA^FDb^FS^XZ"), 100, T0);
            store.enqueue(raw("sent", "^XA^FDc^FS^XZ"), 100, T0);
            store.markPrinting("closed", T0, 500L, "SIM1", 3);
            store.markPrinting("open", T0, null, null, null);
            store.markPrinting("sent", T0, 503L, "SIM1", 1);
            store.afterSend("sent", PrintJobState.SENT, null, null, T0);
            // kill -9 here: gateway.db and its WAL as they are
            Files.createDirectories(restarted);
            Files.copy(dir.resolve("gateway.db"), restarted.resolve("gateway.db"));
            if (Files.exists(dir.resolve("gateway.db-wal"))) {
                Files.copy(dir.resolve("gateway.db-wal"), restarted.resolve("gateway.db-wal"));
            }
        }
        try (GatewayDatabase db = GatewayDatabase.open(restarted)) {
            PrintJobStore store = new PrintJobStore(db, JSON);
            List<PrintJob> recovered = store.recoverAfterCrash(T0.plusSeconds(5));
            assertThat(recovered).extracting(PrintJob::jobId).containsExactly("open");
            assertThat(store.find("open").orElseThrow().state()).isEqualTo(PrintJobState.MAYBE_PRINTED);
            List<PrintJobStore.InFlight> flying = store.inFlight("p1");
            assertThat(flying).extracting(PrintJobStore.InFlight::jobId).containsExactly("closed", "sent");
            assertThat(flying.get(0).counterStart()).isEqualTo(500);
            assertThat(flying.get(0).labels()).isEqualTo(3);
            assertThat(flying.get(0).serial()).isEqualTo("SIM1");
            assertThat(flying.get(1).state()).isEqualTo(PrintJobState.SENT);
        }
    }

    @Test
    void whatTheCounterProvesLostGoesBackInItsPlaceAndAnUnknownCountGoesToAPerson() throws Exception {
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            PrintJobStore store = new PrintJobStore(db, JSON);
            store.enqueue(raw("batch", "^XA^FDa^FS^PQ10^XZ"), 100, T0);
            store.enqueue(raw("lost", "^XA^FDb^FS^XZ"), 100, T0);
            store.enqueue(raw("later", "^XA^FDc^FS^XZ"), 100, T0);
            store.markPrinting("batch", T0, 0L, "SIM1", 10);
            store.afterSend("batch", PrintJobState.SENT, null, null, T0);
            store.markPrinting("lost", T0, 10L, "SIM1", 1);
            store.afterSend("lost", PrintJobState.SENT, null, null, T0);

            PrintJob again = store.requeueUnprinted("batch", "^XA^FDa^FS^PQ6^XZ\n", 4, "4 of 10 came out", T0)
                    .orElseThrow();
            assertThat(again.state()).isEqualTo(PrintJobState.QUEUED);
            assertThat(again.zpl()).contains("^PQ6");
            assertThat(store.head("p1").orElseThrow().jobId()).as("before the later job: its place kept")
                    .isEqualTo("batch");
            assertThat(store.actions("batch")).extracting(PrintJobStore.JobAction::action)
                    .containsExactly("REQUEUED_BY_COUNTER");
            assertThat(store.requeueUnprinted("batch", "x", 0, "twice", T0)).as("only from SENT or PRINTING").isEmpty();

            PrintJob maybe = store.countUnknown("lost", "label count unknown", "the printer was replaced", T0)
                    .orElseThrow();
            assertThat(maybe.state()).isEqualTo(PrintJobState.MAYBE_PRINTED);
            assertThat(maybe.faultDetail()).isEqualTo("the printer was replaced");
            assertThat(store.inFlight("p1")).isEmpty();

            store.markPrinting("batch", T0, 4L, "SIM1", 6);
            store.afterSend("batch", PrintJobState.SENT, null, null, T0);
            PrintJob done = store.confirmPrinted("batch", T0.plusSeconds(9)).orElseThrow();
            assertThat(done.state()).isEqualTo(PrintJobState.PRINTED);
            assertThat(done.printedAt()).isEqualTo(T0.plusSeconds(9));
            assertThat(store.confirmPrinted("batch", T0)).as("confirmed once").isEmpty();
        }
    }
}
