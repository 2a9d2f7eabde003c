package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The NTP-style offset estimate (ClockOffset; DESIGN.md, "Wrong clocks"). */
class ClockOffsetTest {
    private static final long CORE_AHEAD = 600_000; // this clock runs 10 minutes slow
    private final MutableClock local = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final AtomicLong nanos = new AtomicLong();
    private final ClockOffset offset = new ClockOffset(local, nanos::get);

    /** One exchange of {@code rttMillis}, the core stamping {@code coreStampAt} ms after the request left. */
    private void exchange(long rttMillis, long coreStampAt, long coreAhead) {
        long t0 = local.millis();
        long core = t0 + coreStampAt + coreAhead;
        advance(rttMillis);
        offset.sample(t0, core, local.millis());
    }

    private void advance(long millis) {
        local.advance(Duration.ofMillis(millis));
        nanos.addAndGet(millis * 1_000_000L);
    }

    @Test
    void beforeAnyAnswerTheLocalClockIsUsedAndMarkedUnknown() {
        assertThat(offset.known()).isFalse();
        assertThat(offset.correctedMillis()).isEqualTo(local.millis());
        assertThat(offset.uncertaintyMillis()).isEqualTo(-1);
    }

    @Test
    void oneSymmetricExchangeGivesTheOffsetWithinHalfTheRoundTrip() {
        exchange(40, 20, CORE_AHEAD);
        assertThat(offset.known()).isTrue();
        assertThat(offset.offsetMillis()).isEqualTo(CORE_AHEAD);
        assertThat(offset.uncertaintyMillis()).isEqualTo(20);
        assertThat(offset.correctedMillis()).isEqualTo(local.millis() + CORE_AHEAD);
    }

    @Test
    void slowAnswersAndOneWildSampleDoNotMoveTheEstimate() {
        for (int i = 0; i < 5; i++) {
            exchange(4, 2, CORE_AHEAD);
            advance(1_000);
        }
        // a queue at the core: the answer waited 900 ms after the core stamped it
        exchange(1_000, 100, CORE_AHEAD);
        advance(1_000);
        exchange(1_200, 1_150, CORE_AHEAD);
        advance(1_000);
        // a short round trip with a wrong time in it (one bad answer)
        exchange(2, 1, CORE_AHEAD + 90_000);

        assertThat(offset.offsetMillis()).isBetween(CORE_AHEAD - 2, CORE_AHEAD + 2);
    }

    @Test
    void aLocalClockSetByHandIsNoticedAtTheNextAnswerAgainstTheMonotonicClock() {
        for (int i = 0; i < 8; i++) {
            exchange(4, 2, CORE_AHEAD);
            advance(1_000);
        }
        local.advance(Duration.ofHours(1)); // site IT sets the clock; the monotonic clock does not move
        exchange(4, 2, CORE_AHEAD - 3_600_000);

        assertThat(offset.offsetMillis()).isEqualTo(CORE_AHEAD - 3_600_000);
    }

    @Test
    void aLocalClockSetByHandDoesNotMoveCoreTimeEvenBeforeTheNextAnswer() {
        for (int i = 0; i < 8; i++) {
            exchange(4, 2, CORE_AHEAD);
            advance(1_000);
        }
        long coreBefore = offset.correctedMillis();
        local.advance(Duration.ofHours(1)); // set by hand: the wall clock jumps, the monotonic clock does not
        advance(250);

        assertThat(offset.correctedMillis()).as("core time carried by the monotonic clock")
                .isEqualTo(coreBefore + 250);
        assertThat(offset.offsetMillis()).as("the new difference shows at once").isEqualTo(CORE_AHEAD - 3_600_000);
    }

    @Test
    void aResumeFromSuspendWhereTheMonotonicClockStoodStillIsCorrectedByTheNextAnswer() {
        for (int i = 0; i < 8; i++) {
            exchange(4, 2, CORE_AHEAD);
            advance(1_000);
        }
        // suspended for 20 minutes: the wall clock moved on, Linux's monotonic clock did not
        local.advance(Duration.ofMinutes(20));
        exchange(4, 2, CORE_AHEAD);

        assertThat(offset.offsetMillis()).isEqualTo(CORE_AHEAD);
        assertThat(offset.correctedMillis()).isEqualTo(local.millis() + CORE_AHEAD);
    }

    @Test
    void aResetTakesTheRefusingAnswersTimeAtOnce() {
        for (int i = 0; i < 8; i++) {
            exchange(4, 2, CORE_AHEAD);
            advance(1_000);
        }
        long t0 = local.millis();
        advance(4); // the refusing answer arrives 4 ms later, and is handed over as it arrives
        offset.reset(t0, t0 + 2 + 86_400_000L, local.millis());

        assertThat(offset.offsetMillis()).isEqualTo(86_400_000L);
    }
}
