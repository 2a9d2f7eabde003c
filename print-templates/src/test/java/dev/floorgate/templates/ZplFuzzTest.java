package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.floorgate.templates.internal.ZplCommand;
import dev.floorgate.templates.internal.ZplLexer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets of the ZPL readers (docs/FUZZING.md): the lexer, and the interpreter behind the preview. Every
 * build runs them over the seeds and findings in {@code ZplFuzzTestInputs/<method>/} (ZPL from the real-label
 * corpus and the templates); {@code ./floorgate fuzz ZplFuzzTest#method --minutes N} fuzzes one of them.
 *
 * <p>Input bytes are ZPL as a printer receives them, read as ISO-8859-1 so that every byte is one character.
 * The per-input {@link Timeout} turns a hang into a finding (Jazzer passes it to libFuzzer as {@code -timeout}).
 */
class ZplFuzzTest {

    private static final int[] DPIS = {152, 203, 300, 600};

    /** The lexer documents that it never throws; its commands cover the text in order, without overlap. */
    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void lexerSplitsAnyTextIntoOrderedCommands(byte[] input) {
        String zpl = new String(input, StandardCharsets.ISO_8859_1);
        List<ZplCommand> commands = ZplLexer.lex(zpl);
        int previousEnd = 0;
        for (ZplCommand command : commands) {
            assertThat(command.start()).as("start of %s", command.code()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(command.paramsStart()).as("params of %s", command.code()).isGreaterThan(command.start());
            assertThat(command.end()).as("end of %s", command.code())
                    .isGreaterThanOrEqualTo(command.paramsStart()).isLessThanOrEqualTo(zpl.length());
            previousEnd = command.end();
        }
    }

    /**
     * The preview documents one exception, IllegalArgumentException, for null or over-long input, an unknown
     * resolution or a bad size; with none of those, any ZPL yields a picture (unknown commands are warnings).
     * The resolution follows the input's length so that seeds stay plain ZPL and every head is covered.
     */
    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void previewDrawsAnyZplOrWarns(byte[] input) {
        String zpl = new String(input, StandardCharsets.ISO_8859_1);
        if (zpl.length() > PreviewOptions.defaults().maxInputChars()) {
            return; // the documented IllegalArgumentException, tested in ZplPreviewTest
        }
        int dpi = DPIS[input.length % DPIS.length];
        // Mostly a 2 x 1 in canvas: drawing and encoding a whole 4 x 6 in PNG per input leaves the fuzzer about a
        // dozen inputs a second; a quarter of the inputs (by length, independent of the dpi) get the label's own
        // size (^PW/^LL, default 4 x 6 in).
        PreviewResult result = (input.length / 4) % 4 != 0 ? ZplPreview.render(zpl, dpi, dpi * 2, dpi)
                : ZplPreview.render(zpl, dpi);
        assertThat(result.png()).isNotEmpty();
        assertThat(result.widthPx()).isPositive();
        assertThat(result.heightPx()).isPositive();
    }
}
