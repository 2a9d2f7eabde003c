package dev.floorgate.barcodes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad scans in, the error out: which AI it names (empty when none) and the message. {@code {GS}} stands for 0x1D.
 */
class Gs1ParseErrorsTest {

    static final Clock YEAR_2025 = Gs1ParserTest.YEAR_2025;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // check digits
        "]C10109501101530004|01|AI (01): check digit 4 does not match computed 3 in 09501101530004",
        "(00)376104250021234560|00|AI (00): check digit 0 does not match computed 9 in 376104250021234560",
        "(414)9501101530011|414|AI (414): check digit 1 does not match computed 0 in 9501101530011",
        "https://id.gs1.org/01/09501101530004|01|AI (01): check digit 4 does not match computed 3 in 09501101530004",
        "]E05901234123450|01|AI (01): check digit 0 does not match computed 7 in 05901234123450",
        // dates
        "]C1010950110153000317251331|17|AI (17): month 13 out of range in 251331",
        "]C117250231|17|AI (17): day 31 out of range for 2025-02 in 250231",
        "(15)250229|15|AI (15): day 29 out of range for 2025-02 in 250229",
        "(11)250001|11|AI (11): month 00 out of range in 250001",
        "(7006)250100|7006|AI (7006): day 00 is not allowed for this AI in 250100",
        "(7003)2512312530|7003|AI (7003): hour 25 out of range in 2530",
        "(7003)2512311260|7003|AI (7003): minute 60 out of range in 1260",
        "(8008)2512312400|8008|AI (8008): hour 24 out of range in 24",
        // lengths
        "]C110ABCDEFGHIJKLMNOPQRSTU|10|AI (10): value of 21 characters exceeds maximum 20 in 'ABCDEFGHIJKLMNOPQRSTU'",
        "(01)0950110153000|01|'AI (01): value of 13 characters, expected exactly 14, in ''0950110153000'''",
        "(422)12|422|'AI (422): value of 2 characters, expected exactly 3, in ''12'''",
        "]C110{GS}21S1|10|AI (10): empty value",
        "(37)123456789|37|AI (37): value of 9 characters exceeds maximum 8 in '123456789'",
        // characters
        "]C101095011015300A3|01|AI (01): character 'A' (0x41) at position 13 is not a digit in '095011015300A3'",
        "]C110AB C|10|AI (10): character ' ' (0x20) at position 3 is not in GS1 CSET 82 in 'AB C'",
        "]C110AB#C|10|AI (10): character '#' (0x23) at position 3 is not in GS1 CSET 82 in 'AB#C'",
        "]C121S^XZ|21|AI (21): character '^' (0x5E) at position 2 is not in GS1 CSET 82 in 'S^XZ'",
        "(8010)ab|8010|AI (8010): character 'a' (0x61) at position 1 is not in GS1 CSET 39 in 'ab'",
        // unknown AIs
        "]C101095011015300033106001250|3106|AI (3106): unknown Application Identifier at position 16",
        "]C10509501101530003|05|AI (05): unknown Application Identifier at position 0",
        "(23)ABC|23|AI (23): unknown Application Identifier at position 0",
        "https://id.gs1.org/01/09501101530003?3106=1|3106|AI (3106): unknown Application Identifier in the Digital Link query",
        // truncated or broken structure
        "]C1010950110153|01|AI (01): truncated: 10 of 14 characters before the end of the data in '0950110153'",
        "]C1010950110153000317251|17|AI (17): truncated: 3 of 6 characters before the end of the data in '251'",
        "]C101095011015{GS}3000310A|01|AI (01): separator (GS) after 9 of 14 characters of a fixed-length value",
        "]C101095011015300032||element string ends inside an AI at position 16: '2'",
        "]C1010950110153000324||element string ends inside AI '24' at position 16",
        "]C1AB123||element string has 'AB' where an AI should start, at position 0 of 'AB123'",
        "]C110A{GS}{GS}X1||element string has 'X1' where an AI should start, at position 5 of '10A<GS><GS>X1'",
        "(01||'human-readable GS1 data must start with an AI in parentheses such as ''(01)'', got ''(01'''",
        // same AI twice with different values
        "]C110A{GS}10B|10|AI (10): appears twice with different values 'A' and 'B'",
        // scans that are not GS1 at all
        "]C0ABC123||]C0 (Code 128) carries no GS1 element string",
        "]E059012341234||scan with AIM id ]E0 holds '59012341234', expected 12 or 13 digits (UPC-A or EAN-13)",
        "]E412345||scan with AIM id ]E4 holds '12345', expected 8 digits (EAN-8)",
        "]C1||scan holds only the AIM id ]C1 and no data",
        "{CR}{LF}||empty scan",
        "{GS}||scan holds no GS1 element",
        // Digital Link
        "https://example.com/products/123||'Digital Link ''https://example.com/products/123'' has no GS1 primary key (such as /01/<GTIN>) in its path'",
        "https://id.gs1.org/01/09501101530003/21/S1/10/B1|01|'AI (01): Digital Link path after the primary key must be key/value pairs of its qualifiers in order 22,10,21 or 235, got ''/01/09501101530003/21/S1/10/B1'''",
        "https://id.gs1.org/01/09501101530003/10/AB%ZZ||bad percent-encoding at position 2 of 'AB%ZZ'",
        "https://id.gs1.org/01/09501101530003?10|10|AI (10): Digital Link query parameter '10' has no value",
        "https://id.gs1.org/00/376104250021234569/10/X|00|'AI (00): Digital Link path after the primary key must be key/value pairs of its qualifiers in order (none), got ''/00/376104250021234569/10/X'''",
    })
    void namesTheAiAndTheNumbers(String input, String ai, String message) {
        String expectedAi = ai == null || ai.isEmpty() ? null : ai;
        assertThatThrownBy(() -> Gs1Parser.parse(Gs1ParserTest.scan(input), YEAR_2025))
                .isInstanceOf(Gs1ParseException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((Gs1ParseException) e).ai())
                .isEqualTo(expectedAi);
    }
}
