package dev.floorgate.barcodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target of {@link TrackingNumbers} (docs/FUZZING.md): every build replays the seeds in
 * {@code TrackingFuzzTestInputs/recogniseAcceptsOrRefuses/} (the scans of TrackingNumbersTest);
 * {@code ./floorgate fuzz TrackingFuzzTest --minutes N} fuzzes it. Input bytes are the scan as ISO-8859-1.
 */
class TrackingFuzzTest {

    /**
     * Any scan is recognised or refused with an IllegalArgumentException that echoes at most about 40 characters;
     * a recognised number is its own key: recognising {@code number()} again gives the same carrier and number.
     */
    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void recogniseAcceptsOrRefuses(byte[] input) {
        String scan = new String(input, StandardCharsets.ISO_8859_1);
        TrackingNumber t;
        try {
            t = TrackingNumbers.recognise(scan);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank().hasSizeLessThan(160);
            return;
        }
        assertThat(t.number()).matches("[!-~]{6,40}");
        TrackingNumber again = TrackingNumbers.recognise(t.number());
        assertThat(again.number()).as("key of %s", t).isEqualTo(t.number());
        assertThat(again.carrier()).as("key of %s", t).isEqualTo(t.carrier());
        assertThat(again.checkDigitValid()).as("key of %s", t).isEqualTo(t.checkDigitValid());
    }
}
