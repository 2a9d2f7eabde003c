package dev.floorgate.barcodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tables of scan -> meaning for {@link TrackingNumbers} (docs/TRACKING-NUMBERS.md). Sources, as in the spec:
 * [TND] the test numbers of github.com/jkeen/tracking_number_data (couriers/*.json), [UPU] the S10 example of
 * UPU standard S10 (RB123456785GB), [USPS] the IMpb example (420)12345(93)02234567890123456788 of the USPS
 * barcode spec as quoted in the Upland PReS Connect manual, [UPS] the UPS sample 1Z 999 AA1 01 2345 6784,
 * [DHL] DHL's page of tracking ID formats (dhl.com .../tracking/id-labels).
 */
class TrackingNumbersTest {

    private static final String GS = "\u001D";

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        // scan, carrier, number, format, service
        "1Z5R89390357567127, UPS, 1Z5R89390357567127, UPS 1Z, 03",                          // [TND] ups.json
        "1Z879E930346834440, UPS, 1Z879E930346834440, UPS 1Z, 03",                          // [TND] letters in shipper
        "1Z999AA10123456784, UPS, 1Z999AA10123456784, UPS 1Z, 01",                          // [UPS] shipper 999AA1
        "986578788855, FEDEX, 986578788855, FedEx Express (12),",                            // [TND] fedex.json
        "477179081230, FEDEX, 477179081230, FedEx Express (12),",                            // [TND] check 0 from remainder 10 or 0
        "041441760228964, FEDEX, 041441760228964, FedEx Ground (15),",                       // [TND]
        "568283610012734, FEDEX, 568283610012734, FedEx Ground (15),",                       // [TND]
        "9611020987654312345672, FEDEX, 987654312345672, FedEx Ground 96 (22), 020",         // [TND] last 15 digits
        "1001921334250001000300779017972697, FEDEX, 779017972697, FedEx Express (34),",      // [TND] last 12 digits
        "9622001900000000000000776632517510, FEDEX, 776632517510, FedEx Ground 96 (34),",    // [TND] GSN barcode
        "61299998820821171811, FEDEX, 61299998820821171811, FedEx SmartPost (20),",          // [TND] check with 92 in front
        "9261292700768711948021, USPS, 9261292700768711948021, USPS IMpb, 612",              // [TND] SmartPost as IMpb
        "9400111201080805483016, USPS, 9400111201080805483016, USPS IMpb, 001",              // [TND] usps.json
        "92748931507708513018050063, USPS, 92748931507708513018050063, USPS IMpb, 748",      // [TND] 26 digits
        "03071790000523483741, USPS, 03071790000523483741, USPS (20),",                      // [TND] legacy 20 digits
        "RB123456785GB, UPU_S10, RB123456785GB, UPU S10, RB",                                // [UPU]
        "3318810025, DHL_EXPRESS, 3318810025, DHL Express waybill,",                         // [TND] dhl.json
        "8487135506, DHL_EXPRESS, 8487135506, DHL Express waybill,",                         // [TND]
        "73891051146, DHL_EXPRESS, 73891051146, DHL Express waybill,",                       // [TND] 11 digits
    })
    void recognisesAValidNumberOfEachFormat(String scan, Carrier carrier, String number, String format, String service) {
        TrackingNumber t = TrackingNumbers.recognise(scan);
        assertThat(t.carrier()).isEqualTo(carrier);
        assertThat(t.number()).isEqualTo(number);
        assertThat(t.format()).isEqualTo(format);
        assertThat(t.service()).isEqualTo(service);
        assertThat(t.hasCheckDigit()).isTrue();
        assertThat(t.checkDigitValid()).as("check digit of %s", scan).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1} with a wrong check digit")
    @CsvSource({
        "1Z5R89390357567128, UPS",                          // [TND] valid ...127
        "1Z5R8939035756712A, UPS",                          // a letter where the check digit belongs
        "996578788855, FEDEX",                              // [TND] invalid list
        "568283610012732, FEDEX",                           // [TND] invalid list
        "9611020987654312345673, FEDEX",                    // [TND] valid ...672
        "1001901781990001000300617767839438, FEDEX",        // [TND] invalid list
        "9622001560001234567100794808390595, FEDEX",        // [TND] invalid list
        "9261292700768711948020, USPS",                     // [TND] invalid list
        "4201028200009261290113185417468511, USPS",         // [TND] invalid list (34v2)
        "RB123456786US, UPU_S10",                           // [TND] invalid list
        "3318810010, DHL_EXPRESS",                          // [TND] invalid list
        "3318810034, DHL_EXPRESS",                          // [TND] invalid list
    })
    void aWrongCheckDigitIsStillTheCarrierButNotValid(String scan, Carrier carrier) {
        TrackingNumber t = TrackingNumbers.recognise(scan);
        assertThat(t.carrier()).isEqualTo(carrier);
        assertThat(t.hasCheckDigit()).isTrue();
        assertThat(t.checkDigitValid()).isFalse();
        assertThat(t.toString()).contains("check digit INVALID");
    }

    @Test
    void impbWithZipPlus4RoutingSeparatedByGsAfterAnAimId() {
        // [TND] usps.json 34v2: 420 + ZIP+4 100233424 + 9200190132607600833457
        TrackingNumber t = TrackingNumbers.recognise("]C1420100233424" + GS + "9200190132607600833457");
        assertThat(t.carrier()).isEqualTo(Carrier.USPS);
        assertThat(t.number()).isEqualTo("9200190132607600833457");
        assertThat(t.destinationZip()).isEqualTo("100233424");
        assertThat(t.checkDigitValid()).isTrue();
        assertThat(t).isEqualTo(TrackingNumbers.recognise("4201002334249200190132607600833457"));
        assertThat(t).isEqualTo(TrackingNumbers.recognise("420100233424" + GS + "9200190132607600833457", "]C1"));
    }

    @Test
    void impbRoutingInEveryFormGivesTheSameKey() {
        // [USPS] (420)12345(93)02234567890123456788
        String[] forms = {
            "(420)12345(93)02234567890123456788",
            "420123459302234567890123456788",
            "]C142012345" + GS + "9302234567890123456788",
            GS + "42012345" + GS + "9302234567890123456788\r\n",
            "42012345" + GS + "9302234567890123456788",
        };
        for (String form : forms) {
            TrackingNumber t = TrackingNumbers.recognise(form);
            assertThat(t.carrier()).as(form).isEqualTo(Carrier.USPS);
            assertThat(t.number()).as(form).isEqualTo("9302234567890123456788");
            assertThat(t.destinationZip()).as(form).isEqualTo("12345");
            assertThat(t.checkDigitValid()).as(form).isTrue();
        }
        TrackingNumber typed = TrackingNumbers.recognise("9302 2345 6789 0123 4567 88");
        assertThat(typed.number()).isEqualTo("9302234567890123456788");
        assertThat(typed.destinationZip()).isNull();
    }

    @Test
    void impbWithoutRoutingHasNoZip() {
        TrackingNumber t = TrackingNumbers.recognise("9400111201080805483016"); // [TND]
        assertThat(t.destinationZip()).isNull();
        assertThat(t.destinationCountry()).isNull();
    }

    @Test
    void impbWithCountryAndPostalCodeFromAi421() {
        // AI 421: ISO 3166 numeric country (124 Canada) + postal code, ended by GS as a variable-length AI must be
        TrackingNumber t = TrackingNumbers.recognise("]C1421124K1A0B1" + GS + "9302234567890123456788");
        assertThat(t.carrier()).isEqualTo(Carrier.USPS);
        assertThat(t.number()).isEqualTo("9302234567890123456788");
        assertThat(t.destinationCountry()).isEqualTo("124");
        assertThat(t.destinationPostalCode()).isEqualTo("K1A0B1");
        assertThat(t.destinationZip()).isNull();
    }

    @Test
    void thirtyFourDigitsTriesZipPlus4FirstAndLetsTheCheckDigitDecide() {
        // 420 + 5-digit ZIP 12345 + a 26-digit IMpb (92748931507708513018050063 [TND]) is 34 digits, as is
        // ZIP+4 + 22: the ZIP+4 split gives a package id '5927...' that is no IMpb, so the ZIP5 split wins.
        TrackingNumber t = TrackingNumbers.recognise("42012345" + "92748931507708513018050063");
        assertThat(t.number()).isEqualTo("92748931507708513018050063");
        assertThat(t.destinationZip()).isEqualTo("12345");
        assertThat(t.checkDigitValid()).isTrue();
    }

    @Test
    void fedexGround96InGs1FormIsTheSameParcel() {
        TrackingNumber t = TrackingNumbers.recognise("9611020987654312345672", "]C1"); // (96) company internal AI
        assertThat(t).isEqualTo(TrackingNumbers.recognise("9611020987654312345672"));
        assertThat(t.number()).isEqualTo(TrackingNumbers.recognise("987654312345672").number());
    }

    @Test
    void fedexExpress34CarriesTheDestinationZipAndTheTypedNumberIsTheSameKey() {
        TrackingNumber barcode = TrackingNumbers.recognise("1001921334250001000300779017972697"); // [TND]
        assertThat(barcode.destinationZip()).isEqualTo("10003");
        TrackingNumber typed = TrackingNumbers.recognise("7790 1797 2697");
        assertThat(typed.number()).isEqualTo(barcode.number());
        assertThat(typed.format()).isEqualTo("FedEx Express (12)");
    }

    @Test
    void aFedex34WhoseSerialDoesNotStartWith00IsNotGuessedAt() {
        // [TND]'s 34-digit examples all end 00 + 12-digit number; a 13-digit tail is described nowhere, and its
        // 14-digit key did not recognise as itself (TrackingFuzzTest finding crash-13dcf207...)
        TrackingNumber t = TrackingNumbers.recognise("1001921334250001000310779017972697");
        assertThat(t.carrier()).isEqualTo(Carrier.UNKNOWN);
        assertThat(t.number()).isEqualTo("1001921334250001000310779017972697");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1z 5r8 939 03 5756 712 7|1Z5R89390357567127",       // UPS as printed, lower case
        "1Z-5R8-939-03-5756-7127|1Z5R89390357567127",
        "'  1Z5R89390357567127 '|1Z5R89390357567127",        // leading and trailing spaces
        "]C01Z5R89390357567127|1Z5R89390357567127",         // AIM id of plain Code 128
        "rb 123 456 785 gb|RB123456785GB",                   // S10 as printed in groups
        "RB-123-456-785-GB|RB123456785GB",
        "5682 8361 0012 734|568283610012734",               // [TND] FedEx Ground as printed
        "9400 1112 0108 0805 4830 16|9400111201080805483016", // [TND] USPS as printed
        "gm 2 9 5 117 32 25 1 7 44 9 4|GM2951173225174494",  // [TND] DHL eCommerce with spaces
    })
    void typedByHandVariantsNormaliseToTheSameKey(String typed, String key) {
        assertThat(TrackingNumbers.recognise(typed).number()).isEqualTo(key);
        assertThat(TrackingNumbers.recognise(typed)).isEqualTo(TrackingNumbers.recognise(key));
    }

    @Test
    void aScannerSuffixAndAnAimIdAreNotPartOfTheNumber() {
        TrackingNumber plain = TrackingNumbers.recognise("1Z5R89390357567127");
        assertThat(TrackingNumbers.recognise("1Z5R89390357567127\r\n")).isEqualTo(plain);
        assertThat(TrackingNumbers.recognise("]C01Z5R89390357567127\n")).isEqualTo(plain);
        assertThat(TrackingNumbers.recognise("1Z5R89390357567127", "]C0")).isEqualTo(plain);
    }

    @Test
    void upuS10NamesTheIssuingPostsCountry() {
        TrackingNumber china = TrackingNumbers.recognise("EA123456785CN");
        assertThat(china.carrier()).isEqualTo(Carrier.UPU_S10);
        assertThat(china.issuingCountry()).isEqualTo("CN");
        assertThat(china.service()).isEqualTo("EA");
        assertThat(china.checkDigitValid()).isTrue();
    }

    @Test
    void anS10ShapeWithAFakeCountryIsNoS10() {
        TrackingNumber t = TrackingNumbers.recognise("RB123456785XX"); // [TND] invalid list: XX is not ISO 3166
        assertThat(t.carrier()).isEqualTo(Carrier.UNKNOWN);
        assertThat(t.issuingCountry()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "JJD0099999999, DHL_EXPRESS, DHL piece id",     // [TND] dhl.json piece id
        "JVGL0999999990, DHL_EXPRESS, DHL piece id",    // [TND]
        "GM2951173225174494, DHL_ECOMMERCE, DHL eCommerce",  // [TND]
        "GM295117494011169042, DHL_ECOMMERCE, DHL eCommerce", // [TND]
        "GM99999999999, DHL_ECOMMERCE, DHL eCommerce",        // [DHL] tracking ID page example
        "JVGL9999999999, DHL_EXPRESS, DHL piece id",          // [DHL] (a DHL Parcel example there)
        "ABC-123-xyz, UNKNOWN, unknown",
        "123456, UNKNOWN, unknown",
        "TBA123456789000, UNKNOWN, unknown",
    })
    void formatsWithoutACheckDigitClaimNone(String scan, Carrier carrier, String format) {
        TrackingNumber t = TrackingNumbers.recognise(scan);
        assertThat(t.carrier()).isEqualTo(carrier);
        assertThat(t.format()).isEqualTo(format);
        assertThat(t.hasCheckDigit()).isFalse();
        assertThat(t.checkDigitValid()).isFalse();
    }

    @Test
    void twentyDigitsAreWhicheverFormatsCheckDigitMatches() {
        // 03071790000523483741 [TND] is USPS; changing the last digit makes 92 + number valid (SmartPost) for 2,
        // and neither for 3: twenty digits alone say nothing, so that is UNKNOWN with no check claimed.
        assertThat(TrackingNumbers.recognise("03071790000523483741").carrier()).isEqualTo(Carrier.USPS);
        TrackingNumber smartPost = TrackingNumbers.recognise("03071790000523483742");
        assertThat(smartPost.carrier()).isEqualTo(Carrier.FEDEX);
        assertThat(smartPost.format()).isEqualTo("FedEx SmartPost (20)");
        TrackingNumber neither = TrackingNumbers.recognise("03071790000523483743");
        assertThat(neither.carrier()).isEqualTo(Carrier.UNKNOWN);
        assertThat(neither.hasCheckDigit()).isFalse();
    }

    @Test
    void anSsccScannedAsGs1IsNamedButBelongsToNoCarrier() {
        TrackingNumber t = TrackingNumbers.recognise("]C100376104250021234569"); // CheckDigitsTest's SSCC
        assertThat(t.carrier()).isEqualTo(Carrier.UNKNOWN);
        assertThat(t.format()).isEqualTo("GS1 SSCC");
        assertThat(t.number()).isEqualTo("376104250021234569");
        assertThat(t.checkDigitValid()).isTrue();
    }

    @Test
    void aBareSsccIsTheSameKeyAsItsGs1Scan() {
        TrackingNumber bare = TrackingNumbers.recognise("376104250021234569");
        assertThat(bare).isEqualTo(TrackingNumbers.recognise("]C100376104250021234569"));
        assertThat(TrackingNumbers.recognise("376104250021234568").checkDigitValid()).isFalse();
    }

    @Test
    void aSecondOrMalformedAimIdIsRefusedRatherThanKeptInTheNumber() {
        // a number must recognise as itself: ']C1]C0ABCDEF' kept ']C0ABCDEF', and TrackingFuzzTest found
        // ']rb 123...' (crash-f793a599...), whose key ']RB123...' lost ']RB' as an AIM id when recognised again
        assertThatThrownBy(() -> TrackingNumbers.recognise("]C1]C0ABCDEF"))
                .hasMessage("tracking scan starts with ']C0', which is no AIM id (after ]C1)");
        assertThatThrownBy(() -> TrackingNumbers.recognise("]rb 123 4563424]9200190132607600833457"))
                .hasMessage("tracking scan starts with ']RB', which is no AIM id");
        // crash-6240492c...: the parentheses of the human-readable form hid the ']'
        assertThatThrownBy(() -> TrackingNumbers.recognise("(]C1024228365423456787902"))
                .hasMessage("tracking scan ']C1024228365423456787902' starts with ']' once its parentheses are removed:"
                        + " no tracking number does");
    }

    @Test
    void parenthesesAfterALeadingGsAreRemovedLikeAnyParenthesisedForm() {
        // crash-2c2b152b...: GS + '(0023...' kept its '(' in the key, which the key itself then lost
        TrackingNumber t = TrackingNumbers.recognise(GS + "(002334ABC-m-g-xyz");
        assertThat(t.number()).isEqualTo("002334ABCMGXYZ");
        assertThat(TrackingNumbers.recognise(t.number())).isEqualTo(t);
    }

    @Test
    void garbageIsRefusedNamingWhatWasWrong() {
        assertThatThrownBy(() -> TrackingNumbers.recognise(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tracking scan is null");
        assertThatThrownBy(() -> TrackingNumbers.recognise("")).hasMessage("tracking scan is empty");
        assertThatThrownBy(() -> TrackingNumbers.recognise(" - -")).hasMessage("tracking scan is empty (only spaces and dashes)");
        assertThatThrownBy(() -> TrackingNumbers.recognise("1Z5R8\u00079390357567127"))
                .hasMessage("tracking scan has control character 0x07 at offset 5 (only GS 0x1D separates data)");
        assertThatThrownBy(() -> TrackingNumbers.recognise("1Z5R8\u00e99390357567127"))
                .hasMessage("tracking scan has non-ASCII character U+00E9 at offset 5");
        // crash-28ed3a79...: nothing left once GS separators or parentheses are removed
        assertThatThrownBy(() -> TrackingNumbers.recognise(GS + GS))
                .hasMessage("tracking scan holds nothing but GS separators and parentheses");
        assertThatThrownBy(() -> TrackingNumbers.recognise("(")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tracking scan holds nothing but GS separators and parentheses");
        assertThatThrownBy(() -> TrackingNumbers.recognise("ABC12")).hasMessage(
                "tracking scan 'ABC12' of 5 characters (without spaces and dashes) matches no carrier format and is not 6-40 characters");
        assertThatThrownBy(() -> TrackingNumbers.recognise("1Z5R89390357567127", "C1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AIM symbology id");
    }

    @Test
    void longGarbageIsNotEchoedBack() {
        String secret = "SECRET-" + repeat('x', 100);
        assertThatThrownBy(() -> TrackingNumbers.recognise(secret))
                .hasMessageStartingWith("tracking scan of 107 characters exceeds 80: 'SECRET-xxx")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(100));
        String fortyFive = repeat('A', 45);
        assertThatThrownBy(() -> TrackingNumbers.recognise(fortyFive))
                .hasMessage("tracking scan '" + repeat('A', 40) + "...' of 45 characters (without spaces and dashes)"
                        + " matches no carrier format and is not 6-40 characters");
    }

    private static String repeat(char c, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(c);
        }
        return b.toString();
    }
}
