package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When a store counts as down (LoadShedder.Verdict): after two failed probes in a row, never after one, and up again
 * after one good probe. The probes themselves against real stores, and the 503s that follow, are SheddingTest's.
 */
class LoadShedderProbesTest {

    /** Probe results in order (+ good, - failed) and the verdict after each (U up, D down), from an up store. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "+++,     UUU",
            "-,       U",       // one slow probe on a loaded machine sheds nothing
            "--,      UD",      // the second in a row does
            "-+-+-+,  UUUUUU",  // failures that never come twice in a row never shed
            "--+,     UDU",     // one good probe is enough to take writes again
            "---+--,  UDDUUD",  // after coming back, two in a row again before shedding
            "--------, UDDDDDDD",
    })
    void aStoreIsDownAfterTwoFailedProbesInARowAndUpAfterOneGoodOne(String probes, String verdicts) {
        assertThat(run(true, probes)).isEqualTo(verdicts);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "-,  D",  // already down at start: a failed probe keeps it down, no grace
            "+,  U",
            "+-, UU",
    })
    void aStoreDownAtStartNeedsAGoodProbe(String probes, String verdicts) {
        assertThat(run(false, probes)).isEqualTo(verdicts);
    }

    /** Feeds the probes, in order, to one store's verdict, as LoadShedder.refresh does. */
    private static String run(boolean upAtStart, String probes) {
        LoadShedder.Verdict verdict = new LoadShedder.Verdict(upAtStart);
        List<String> verdicts = new ArrayList<>();
        for (char probe : probes.toCharArray()) {
            verdicts.add(verdict.probe(probe == '+') ? "U" : "D");
        }
        return String.join("", verdicts);
    }
}
