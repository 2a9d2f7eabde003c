package dev.floorgate.lan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target of the LAN API's JSON intake (docs/FUZZING.md): every body the gateway reads goes through
 * {@link LanJson#read}, the template preview's {@code ?data=} through {@link LanJson#readFieldValues}. Every build
 * runs it over the seeds and findings in {@code LanJsonFuzzTestInputs/<method>/} (the golden bodies);
 * {@code ./floorgate fuzz LanJsonFuzzTest --minutes N} fuzzes it.
 *
 * <p>The documented refusal is {@link LanJsonException} (the gateway's 400 naming the field); anything else
 * thrown becomes a 500, so it is a finding, as is a hang past the per-input {@link Timeout}. What is read writes
 * back to JSON that reads again to the same JSON.
 */
class LanJsonFuzzTest {

    private static final List<Class<?>> TYPES = new ArrayList<>(LanJson.types());

    /** Any bytes read as each LAN API type give the object or a LanJsonException, never anything else. */
    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void everyLanTypeReadsAnyBodyOrRefusesIt(byte[] input) throws LanJsonException {
        String body = new String(input, StandardCharsets.UTF_8);
        for (Class<?> type : TYPES) {
            Object value;
            try {
                value = LanJson.read(input, type);
            } catch (LanJsonException refused) {
                assertThat(refused.getMessage()).as("refusal as %s", type.getSimpleName()).isNotBlank();
                continue;
            }
            String written = LanJson.write(value);
            assertThat(LanJson.write(LanJson.read(written, type))).as("%s written back", type.getSimpleName())
                    .isEqualTo(written);
        }
        try {
            LanJson.readFieldValues(body, "data");
        } catch (LanJsonException refused) {
            assertThat(refused.getMessage()).contains("data");
        }
    }
}
