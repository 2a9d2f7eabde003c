package dev.floorgate.barcodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets of the GS1 readers (docs/FUZZING.md): the scan parser (element strings, the human-readable form,
 * EAN/UPC, AIM ids) and the Digital Link codec. Every build runs them over the seeds and findings in
 * {@code Gs1FuzzTestInputs/<method>/} (the scans of Gs1ParserTest, Gs1ParseErrorsTest and DigitalLinkStandardTest);
 * {@code ./floorgate fuzz Gs1FuzzTest#method --minutes N} fuzzes one of them.
 *
 * <p>The documented refusal is {@link Gs1ParseException} (an IllegalArgumentException naming the AI); anything
 * else thrown, a hang past the per-input {@link Timeout}, or data that does not survive its own encoder is a
 * finding. Input bytes are the scan as a scanner sends it, read as ISO-8859-1 (one character per byte).
 */
class Gs1FuzzTest {

    /** Any scan parses or is refused with a Gs1ParseException; parsed data encodes back to the same elements. */
    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void elementStringParserAcceptsOrRefuses(byte[] input) {
        String scan = new String(input, StandardCharsets.ISO_8859_1);
        Gs1Parser.looksLikeGs1(scan); // a guess: must not throw whatever the scan
        Gs1Data data;
        try {
            data = Gs1Parser.parse(scan);
        } catch (Gs1ParseException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        List<Gs1Element> elements = data.elements();
        assertThat(elements).isNotEmpty();
        String elementString = Gs1Encoder.elementString(elements);
        assertThat(Gs1Parser.parse("]C1" + elementString).elements()).as("element string %s", elementString)
                .containsExactlyElementsOf(elements);
        // The human-readable form is for eyes: a value may hold '(' (CSET 82), and "(10)A(10)B" cannot say whether
        // it is one element or two (the fuzzer's first finding, kept as crash-b27f6fa3...). It reads back only
        // when no value holds a parenthesis.
        if (elements.stream().noneMatch(e -> e.value().indexOf('(') >= 0)) {
            String humanReadable = Gs1Encoder.humanReadable(elements);
            assertThat(Gs1Parser.parse(humanReadable).elements()).as("human-readable %s", humanReadable)
                    .containsExactlyElementsOf(elements);
        }
    }

    /**
     * Any text after an http(s) stem parses as a Digital Link or is refused with a Gs1ParseException; a parsed
     * link encodes to the canonical URI, which parses back to the same elements (the order may change: the
     * canonical form puts the attributes in AI order).
     */
    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void digitalLinkCodecRoundTrips(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        String uri = text.regionMatches(true, 0, "http", 0, 4) ? text : "https://id.gs1.org/" + text;
        Gs1Data data;
        try {
            data = Gs1Parser.parse(uri);
        } catch (Gs1ParseException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        List<Gs1Element> elements = data.elements();
        String canonical = Gs1Encoder.digitalLink(elements);
        assertThat(Gs1Parser.parse(canonical).elements()).as("canonical link %s", canonical)
                .containsExactlyInAnyOrderElementsOf(elements);
    }
}
