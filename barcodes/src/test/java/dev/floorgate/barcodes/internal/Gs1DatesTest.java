package dev.floorgate.barcodes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.barcodes.Gs1ParseException;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Gs1DatesTest {

    @ParameterizedTest(name = "YY {0} around {1} -> {2}")
    @CsvSource({
        "25, 2025, 2025",
        "00, 2025, 2000",
        "74, 2025, 2074",
        "75, 2025, 2075",   // 50 ahead: still this century
        "76, 2025, 1976",   // 51 ahead: previous century
        "99, 2025, 1999",
        "50, 2000, 2050",
        "51, 2000, 1951",
        "49, 2099, 2149",   // 50 behind: next century
        "50, 2099, 2050",
        "00, 2099, 2100",
    })
    void slidingCenturyWindow(int yy, int referenceYear, int year) {
        assertThat(Gs1Dates.fullYear(yy, referenceYear)).isEqualTo(year);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "251231, 2025-12-31",
        "250200, 2025-02-28",
        "240200, 2024-02-29",
        "240229, 2024-02-29",
        "250400, 2025-04-30",
        "251200, 2025-12-31",
        "990101, 1999-01-01",
    })
    void dayZeroIsTheLastDayOfTheMonth(String yymmdd, LocalDate date) {
        assertThat(Gs1Dates.toDate("17", yymmdd, 2025, true)).isEqualTo(date);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "250229|true|AI (17): day 29 out of range for 2025-02 in 250229",
        "250431|true|AI (17): day 31 out of range for 2025-04 in 250431",
        "250001|true|AI (17): month 00 out of range in 250001",
        "251301|true|AI (17): month 13 out of range in 251301",
        "250100|false|AI (17): day 00 is not allowed for this AI in 250100",
    })
    void impossibleDatesAreRefused(String yymmdd, boolean dayZeroAllowed, String message) {
        assertThatThrownBy(() -> Gs1Dates.toDate("17", yymmdd, 2025, dayZeroAllowed))
                .isInstanceOf(Gs1ParseException.class)
                .hasMessage(message);
    }
}
