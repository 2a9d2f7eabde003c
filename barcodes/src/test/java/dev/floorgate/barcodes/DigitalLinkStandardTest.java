package dev.floorgate.barcodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GS1 Digital Link URI syntax: what the standard accepts, what it rejects, and the canonical form we write. */
class DigitalLinkStandardTest {
    private static List<Gs1Element> elements(String... aiValue) {
        List<Gs1Element> out = new ArrayList<>();
        for (int i = 0; i < aiValue.length; i += 2) {
            out.add(new Gs1Element(aiValue[i], aiValue[i + 1]));
        }
        return out;
    }

    @Test
    void encodingIsCanonicalAttributesInAiOrder() {
        assertThat(Gs1Encoder.digitalLink(elements("3103", "000500", "17", "251231", "01", "09501101530003", "10",
                "AB/1+2", "15", "260100")))
                .isEqualTo("https://id.gs1.org/01/09501101530003/10/AB%2F1%2B2?15=260100&17=251231&3103=000500");
    }

    @Test
    void encodingRefusesWhatOneUriCannotCarry() {
        assertThatThrownBy(() -> Gs1Encoder.digitalLink(elements("01", "09501101530003", "10", "A", "10", "A")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AI (10) appears twice; a Digital Link carries each AI once");
        assertThatThrownBy(() -> Gs1Encoder.digitalLink(elements("01", "09501101530003", "22", "V1", "235", "T1")))
                .hasMessage("AI (235) is a qualifier of (01) from another sequence than [22, 10, 21]; one Digital Link "
                        + "cannot mix 22,10,21 or 235");
        assertThatThrownBy(() -> Gs1Encoder.digitalLink(elements("00", "106141412345678908", "21", "S1")))
                .hasMessage("AI (21) is neither a qualifier of (00) nor a Digital Link data attribute");
    }

    @Test
    void aPlusSignIsAPlusSignAndPercentEncodingIsDecodedAsUtf8() {
        assertThat(Gs1Parser.parse("https://example.com/01/09501101530003/10/A+B%2FC?17=251231").get("10"))
                .isEqualTo("A+B/C");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://id.gs1.org/01/09501101530003/10/A?10=B|AI (10): appears twice in the Digital Link (a URI carries each AI once)",
        "https://id.gs1.org/01/09501101530003?17=251231&17=251231|AI (17): appears twice in the Digital Link (a URI carries each AI once)",
        "https://id.gs1.org/01/09501101530003?21=S1|AI (21): is not a Digital Link data attribute and may not be in the query (it is a qualifier of (01): it belongs in the path)",
        "https://id.gs1.org/01/09501101530003/21/S1/10/L1|AI (01): Digital Link path after the primary key must be key/value pairs of its qualifiers in order 22,10,21 or 235, got '/01/09501101530003/21/S1/10/L1'",
        "https://id.gs1.org/01/09501101530003/22/V/235/T|AI (01): Digital Link path after the primary key must be key/value pairs of its qualifiers in order 22,10,21 or 235, got '/01/09501101530003/22/V/235/T'",
        "https://id.gs1.org/01/09501101530003?17=|AI (17): has an empty value in the Digital Link query",
        "https://id.gs1.org/01/09501101530003/10/A%2|bad percent-encoding at position 1 of 'A%2'",
        "https://id.gs1.org/01/09501101530003?linkType=all&254=X|AI (254): is not a Digital Link data attribute and may not be in the query",
    })
    void parsingRejectsWhatTheStandardRejects(String uri, String message) {
        assertThatThrownBy(() -> Gs1Parser.parse(uri)).isInstanceOf(Gs1ParseException.class).hasMessage(message);
    }
}
