package dev.floorgate.barcodes.internal;

import dev.floorgate.barcodes.Gs1ParseException;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * GS1 dates (YYMMDD). The century comes from the GS1 General Specifications sliding window, relative to a
 * reference year (normally the current one): a two-digit year 51 or more ahead of the reference year's two
 * digits lies in the previous century, one 50 or more behind lies in the next, anything else in the current
 * century. With reference year 2025, {@code 75} is 2075 and {@code 76} is 1976.
 *
 * <p>In AIs whose dictionary format is {@code yymmd0} (11-17 and others), day {@code 00} means the last day of
 * the month; elsewhere ({@code yymmdd}) the day must be real.
 */
public final class Gs1Dates {

    private Gs1Dates() {
    }

    /** The four-digit year for a two-digit year {@code yy}, by the sliding window around {@code referenceYear}. */
    public static int fullYear(int yy, int referenceYear) {
        int century = referenceYear - Math.floorMod(referenceYear, 100);
        int difference = yy - Math.floorMod(referenceYear, 100);
        if (difference >= 51) {
            return century - 100 + yy;
        }
        if (difference <= -50) {
            return century + 100 + yy;
        }
        return century + yy;
    }

    /**
     * The date in {@code yymmdd} (the first six characters of {@code text}, which must be digits).
     *
     * @param ai            the AI, named in errors
     * @param text          the value part that holds the date, quoted in errors
     * @param dayZeroAllowed whether DD = 00 means the end of the month
     * @throws Gs1ParseException when the month or day is out of range
     */
    public static LocalDate toDate(String ai, String text, int referenceYear, boolean dayZeroAllowed) {
        int yy = twoDigits(text, 0);
        int month = twoDigits(text, 2);
        int day = twoDigits(text, 4);
        if (month < 1 || month > 12) {
            throw new Gs1ParseException(ai, "month " + text.substring(2, 4) + " out of range in " + text);
        }
        YearMonth yearMonth = YearMonth.of(fullYear(yy, referenceYear), month);
        if (day == 0) {
            if (!dayZeroAllowed) {
                throw new Gs1ParseException(ai, "day 00 is not allowed for this AI in " + text);
            }
            return yearMonth.atEndOfMonth();
        }
        if (day > yearMonth.lengthOfMonth()) {
            throw new Gs1ParseException(ai, "day " + text.substring(4, 6) + " out of range for " + yearMonth + " in " + text);
        }
        return yearMonth.atDay(day);
    }

    static int twoDigits(String text, int offset) {
        return (text.charAt(offset) - '0') * 10 + (text.charAt(offset + 1) - '0');
    }
}
