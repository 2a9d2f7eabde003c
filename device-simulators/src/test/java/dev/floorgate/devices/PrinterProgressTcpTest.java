package dev.floorgate.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.devices.sim.PrinterSimulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The driver's look for print confirmation ({@link ZebraPrinterDriver#progress}) against the printer simulator over
 * real loopback TCP (PROTOCOLS.md 2.4): the counter counts labels as they come out and survives a power cycle, the
 * buffer shows what is still to print, a jam is a fault whose clearing cancels the batch, and a model without
 * counters says so.
 */
class PrinterProgressTcpTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final PrinterOptions FAST = PrinterOptions.builder()
            .statusTimeout(Duration.ofMillis(300))
            .connectTimeout(Duration.ofSeconds(1))
            .statusPollInterval(Duration.ZERO)
            .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
            .build();

    private static ZebraPrinterDriver open(PrinterSimulator printer) throws InterruptedException {
        ZebraPrinterDriver driver = ZebraPrinterDriver.open("loop-1", DeviceUrl.parse("tcp://127.0.0.1:"
                + printer.port()), FAST, DeviceEventListener.ignore());
        assertThat(driver.awaitConnected(WAIT)).isTrue();
        return driver;
    }

    @Test
    void theCounterCountsLabelsOutAndSurvivesAPowerCycleThatEmptiesTheBuffer() throws Exception {
        try (PrinterSimulator printer = PrinterSimulator.builder().labelMillis(200).odometer(700).serial("SIM0000042")
                .start(); ZebraPrinterDriver driver = open(printer)) {
            PrinterProgress before = driver.labelCounter();
            assertThat(before.counter()).isEqualTo(PrinterProgress.Counter.READ);
            assertThat(before.labelCount()).isEqualTo(700);
            assertThat(before.serial()).isEqualTo("SIM0000042");
            for (int i = 0; i < 3; i++) {
                assertThat(driver.print("^XA^FDL" + i + "^FS^XZ").result()).isEqualTo(PrintOutcome.Result.PRINTED);
            }
            PrinterProgress busy = driver.progress();
            assertThat(busy.pendingFormats()).isBetween(2, 3);
            assertThat(busy.idle()).isFalse();
            assertThat(printer.awaitLabelsOut(1, WAIT)).isTrue();
            printer.powerCycle();
            assertThat(driver.awaitConnected(WAIT)).isTrue();
            await().atMost(WAIT).until(() -> driver.progress().idle());
            PrinterProgress after = driver.progress();
            assertThat(after.labelCount()).as("the counter kept its value across the power cycle")
                    .isEqualTo(700 + printer.labelsOut().size()).isLessThan(703);
            assertThat(after.pendingFormats()).isZero();
        }
    }

    @Test
    void aJamIsAFaultAndClearingItCancelsTheRestOfTheBatch() throws Exception {
        try (PrinterSimulator printer = PrinterSimulator.builder().labelMillis(100).start();
                ZebraPrinterDriver driver = open(printer)) {
            driver.print("^XA^FDBATCH^FS^PQ10^XZ");
            assertThat(printer.awaitLabelsOut(3, WAIT)).isTrue();
            printer.jam(true);
            PrinterProgress jammed = driver.progress();
            assertThat(jammed.status().state()).isEqualTo(PrinterState.FAULT);
            assertThat(jammed.status().detail()).contains("paper feed error");
            assertThat(jammed.status().labelsRemaining()).isPositive();
            long out = printer.labelCount();
            printer.jam(false);
            await().atMost(WAIT).until(() -> driver.progress().idle());
            assertThat(driver.progress().labelCount()).isEqualTo(out).isLessThan(10);
        }
    }

    @Test
    void aModelWithoutCountersAnswersQuestionMarkAndIsNeverIdleForConfirmation() throws Exception {
        try (PrinterSimulator printer = PrinterSimulator.builder().withoutCounters().start();
                ZebraPrinterDriver driver = open(printer)) {
            PrinterProgress look = driver.progress();
            assertThat(look.counter()).isEqualTo(PrinterProgress.Counter.MISSING);
            assertThat(look.counterNote()).contains("odometer.total_label_count").contains("not closed-loop");
            assertThat(look.idle()).isFalse();
            assertThat(printer.control("cancel-all")).startsWith("ok");
            assertThat(printer.control("jam maybe")).startsWith("error").contains("on or off");
            assertThat(printer.control("label-ms 5")).startsWith("ok");
        }
    }
}
