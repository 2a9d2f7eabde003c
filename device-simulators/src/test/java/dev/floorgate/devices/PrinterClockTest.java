package dev.floorgate.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.sim.PrinterSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Zebra printer's real-time clock over SGD rtc.date / rtc.time (PROTOCOLS.md 2.5), against the simulator. */
class PrinterClockTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final PrinterOptions FAST = PrinterOptions.builder().statusTimeout(Duration.ofMillis(500))
            .connectTimeout(Duration.ofSeconds(1)).writeTimeout(Duration.ofSeconds(2))
            .statusPollInterval(Duration.ZERO).reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
            .build();
    @TempDir
    Path captures;
    private PrinterSimulator printer;
    private ZebraPrinterDriver driver;

    @BeforeEach
    void start() throws Exception {
        printer = PrinterSimulator.builder().captureDir(captures).start();
        driver = ZebraPrinterDriver.open("dock-1", DeviceUrl.parse("tcp://127.0.0.1:" + printer.port()), FAST,
                new Recorder());
        assertThat(driver.awaitConnected(WAIT)).isTrue();
    }

    @AfterEach
    void stop() {
        driver.close();
        printer.close();
    }

    @Test
    void theDatesAndTimesAPrinterAnswersAreReadAndItsUnknownAnswerIsNoClock() {
        assertThat(PrinterClock.parse("12-05-2026", "08:15:30"))
                .contains(LocalDateTime.of(2026, 12, 5, 8, 15, 30));
        assertThat(PrinterClock.parse("01-01-1970", "00:00:00")).contains(LocalDateTime.of(1970, 1, 1, 0, 0));
        assertThat(PrinterClock.parse("?", "?")).isEmpty();
        assertThat(PrinterClock.parse("2026-12-05", "08:15:30")).as("not the printer's format").isEmpty();
        assertThat(PrinterClock.parse("12-05-2026", null)).isEmpty();
    }

    @Test
    void aPrinterAYearOffIsReadAsSuchAndSetRightOverTheWire() throws Exception {
        printer.clockOffset(Duration.ofDays(365));
        Optional<LocalDateTime> before = PrinterClock.read(driver);
        assertThat(before).isPresent();
        assertThat(Duration.between(LocalDateTime.now(), before.get()).toDays()).isBetween(364L, 365L);

        PrinterClock.set(driver, LocalDateTime.now());
        LocalDateTime after = PrinterClock.read(driver).orElseThrow();

        assertThat(Duration.between(LocalDateTime.now(), after).abs()).isLessThan(Duration.ofSeconds(3));
        assertThat(printer.clockOffset().abs()).isLessThan(Duration.ofSeconds(3));
        assertThat(new String(printer.received(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("! U1 setvar \"rtc.date\" \"").contains("! U1 setvar \"rtc.time\" \"");
    }

    @Test
    void aPrinterKeepsLocalTimeOfItsSiteZoneWithoutTheZone() throws Exception {
        java.time.ZoneId kiritimati = java.time.ZoneId.of("Pacific/Kiritimati"); // UTC+14
        try (PrinterSimulator far = PrinterSimulator.builder().clockZone(kiritimati).start();
                ZebraPrinterDriver d = ZebraPrinterDriver.open("far-1",
                        DeviceUrl.parse("tcp://127.0.0.1:" + far.port()), FAST, new Recorder())) {
            assertThat(d.awaitConnected(WAIT)).isTrue();
            LocalDateTime read = PrinterClock.read(d).orElseThrow();
            assertThat(Duration.between(LocalDateTime.now(kiritimati), read).abs())
                    .isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aModelWithoutAClockAnswersUnknownAndIgnoresBeingSet() throws Exception {
        try (PrinterSimulator none = PrinterSimulator.builder().withoutClock().start();
                ZebraPrinterDriver d = ZebraPrinterDriver.open("noclock-1",
                        DeviceUrl.parse("tcp://127.0.0.1:" + none.port()), FAST, new Recorder())) {
            assertThat(d.awaitConnected(WAIT)).isTrue();
            assertThat(d.getVar(PrinterClock.DATE_VAR)).isEqualTo("?");
            assertThat(d.getVar(PrinterClock.TIME_VAR)).isEqualTo("?");
            assertThat(PrinterClock.read(d)).isEmpty();
            PrinterClock.set(d, LocalDateTime.now());
            assertThat(PrinterClock.read(d)).as("still no clock after a setvar").isEmpty();
        }
    }
}
