package dev.floorgate.barcodes.internal;

import dev.floorgate.barcodes.CheckDigits;
import dev.floorgate.barcodes.Gs1ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The GS1 Barcode Syntax Tests ("linters") the dictionary names, written from their published descriptions
 * (github.com/gs1/gs1-syntax-dictionary, src/lint_*.c). Each throws a {@link Gs1ParseException} naming the AI,
 * the linter and what was wrong, e.g. {@code AI (4307): 'XX' is not an ISO 3166 alpha-2 country code (iso3166alpha2)}.
 *
 * <p>Not checked, because it needs GS1's registry: whether a GS1 Company Prefix is allocated ({@code gcppos1},
 * {@code gcppos2} check its position holds at least four digits, as the reference does without a registry).
 */
final class AiLinters {
    private static final String CSET32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    private static final int IBAN_MIN = 10;
    private static final int IBAN_MAX = 34;
    private static volatile Set<String>[] lists;

    private AiLinters() {
    }

    static void lint(String ai, AiComponent.Linter linter, String part, int referenceYear) {
        switch (linter) {
            case CSUM:
                checkDigit(ai, part);
                return;
            case CSUMALPHA:
                checkPair(ai, part);
                return;
            case GCPPOS1:
                companyPrefix(ai, part, 0);
                return;
            case GCPPOS2:
                companyPrefix(ai, part, 1);
                return;
            case YYMMD0:
                Gs1Dates.toDate(ai, part, referenceYear, true);
                return;
            case YYMMDD:
                Gs1Dates.toDate(ai, part, referenceYear, false);
                return;
            case YYYYMMD0:
            case YYYYMMDD:
                fullDate(ai, part, linter == AiComponent.Linter.YYYYMMD0);
                return;
            case HH:
                range(ai, "hour", part, 0, 2, 0, 23);
                return;
            case MI:
                range(ai, "minute", part, 0, 2, 0, 59);
                return;
            case SS:
                range(ai, "second", part, 0, 2, 0, 59);
                return;
            case HHMI:
                range(ai, "hour", part, 0, 2, 0, 23);
                range(ai, "minute", part, 2, 2, 0, 59);
                return;
            case YESNO:
                oneOf(ai, linter, part, "0", "1");
                return;
            case WINDING:
                oneOf(ai, linter, part, "0", "1", "9");
                return;
            case ISO5218:
                oneOf(ai, linter, part, "0", "1", "2", "9");
                return;
            case HYPHEN:
                oneOf(ai, linter, part, "-");
                return;
            case ZERO:
                oneOf(ai, linter, part, "0");
                return;
            case NONZERO:
                if (part.matches("0+")) {
                    fail(ai, linter, "'" + part + "' must not be zero");
                }
                return;
            case NOZEROPREFIX:
                if (part.length() > 1 && part.charAt(0) == '0') {
                    fail(ai, linter, "'" + part + "' must not start with 0");
                }
                return;
            case HASNONDIGIT:
                if (part.matches("[0-9]*")) {
                    fail(ai, linter, "'" + part + "' must contain a character that is not a digit");
                }
                return;
            case PIECEOFTOTAL:
                pieceOfTotal(ai, part);
                return;
            case POSINSEQSLASH:
                positionInSequence(ai, part);
                return;
            case PCENC:
                percentEncoding(ai, part);
                return;
            case LATITUDE:
                coordinate(ai, linter, part, 1_800_000_000L);
                return;
            case LONGITUDE:
                coordinate(ai, linter, part, 3_600_000_000L);
                return;
            case IMPORTERIDX:
                if (part.length() != 1 || !part.matches("[-_0-9A-Za-z]")) {
                    fail(ai, linter, "'" + part + "' is not an importer index (one of - _ 0-9 A-Z a-z)");
                }
                return;
            case ISO3166:
                listed(ai, linter, part, 0, "an ISO 3166 numeric country code");
                return;
            case ISO3166999:
                if (!part.equals("999")) {
                    listed(ai, linter, part, 0, "an ISO 3166 numeric country code or 999");
                }
                return;
            case ISO3166ALPHA2:
                listed(ai, linter, part, 1, "an ISO 3166 alpha-2 country code");
                return;
            case ISO4217:
                listed(ai, linter, part, 2, "an ISO 4217 numeric currency code");
                return;
            case PACKAGETYPE:
                listed(ai, linter, part, 3, "a package type code (UN/ECE Rec. 21 and GS1)");
                return;
            case MEDIATYPE:
                listed(ai, linter, part, 4, "an AIDC media type (01-10, 80-99)");
                return;
            case IBAN:
                iban(ai, part);
                return;
            case COUPONCODE:
                CouponCodes.northAmerican(ai, part);
                return;
            case COUPONPOSOFFER:
                CouponCodes.positiveOffer(ai, part);
                return;
            default:
                throw new IllegalStateException("linter " + linter + " of AI (" + ai + ") has no check");
        }
    }

    static void fail(String ai, AiComponent.Linter linter, String what) {
        throw new Gs1ParseException(ai, what + " (" + linter.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }

    private static void checkDigit(String ai, String part) {
        int computed = CheckDigits.gs1(part.substring(0, part.length() - 1));
        char given = part.charAt(part.length() - 1);
        if (given - '0' != computed) {
            throw new Gs1ParseException(ai, "check digit " + given + " does not match computed " + computed + " in " + part);
        }
    }

    /** GS1 check character pair (GMN, MUDI): weighted sum of CSET 82 values with primes, mod 1021, in CSET 32. */
    private static void checkPair(String ai, String part) {
        int n = part.length();
        if (n < 2) {
            fail(ai, AiComponent.Linter.CSUMALPHA, "'" + part + "' is too short for a check character pair");
        }
        int[] primes = primes(n - 2);
        int sum = 0;
        for (int i = 0; i < n - 2; i++) {
            sum += CSET82.indexOf(part.charAt(i)) * primes[n - 3 - i];
        }
        sum %= 1021;
        String expected = "" + CSET32.charAt(sum >> 5) + CSET32.charAt(sum & 31);
        if (!part.endsWith(expected)) {
            fail(ai, AiComponent.Linter.CSUMALPHA, "check character pair '" + part.substring(n - 2)
                    + "' does not match computed '" + expected + "' in '" + part + "'");
        }
    }

    private static int[] primes(int count) {
        int[] out = new int[Math.max(count, 0)];
        int found = 0;
        for (int candidate = 2; found < count; candidate++) {
            boolean prime = true;
            for (int d = 2; d * d <= candidate && prime; d++) {
                prime = candidate % d != 0;
            }
            if (prime) {
                out[found++] = candidate;
            }
        }
        return out;
    }

    private static void companyPrefix(String ai, String part, int offset) {
        AiComponent.Linter linter = offset == 0 ? AiComponent.Linter.GCPPOS1 : AiComponent.Linter.GCPPOS2;
        if (part.length() < offset + 4 || !part.substring(offset, offset + 4).matches("[0-9]{4}")) {
            fail(ai, linter, "'" + part + "' does not hold a GS1 Company Prefix (4 digits) at position " + (offset + 1));
        }
    }

    private static void fullDate(String ai, String part, boolean dayZeroAllowed) {
        int year = Integer.parseInt(part.substring(0, 4));
        int month = Gs1Dates.twoDigits(part, 4);
        int day = Gs1Dates.twoDigits(part, 6);
        if (month < 1 || month > 12) {
            throw new Gs1ParseException(ai, "month " + part.substring(4, 6) + " out of range in " + part);
        }
        int last = java.time.YearMonth.of(year, month).lengthOfMonth();
        if ((day == 0 && !dayZeroAllowed) || day > last) {
            throw new Gs1ParseException(ai, "day " + part.substring(6, 8) + " out of range in " + part);
        }
    }

    private static void range(String ai, String what, String part, int offset, int length, int min, int max) {
        int v = Integer.parseInt(part.substring(offset, offset + length));
        if (v < min || v > max) {
            throw new Gs1ParseException(ai, what + " " + part.substring(offset, offset + length) + " out of range in "
                    + part);
        }
    }

    private static void oneOf(String ai, AiComponent.Linter linter, String part, String... allowed) {
        for (String a : allowed) {
            if (a.equals(part)) {
                return;
            }
        }
        fail(ai, linter, "'" + part + "' must be one of " + String.join(", ", allowed));
    }

    /** NNMM: piece NN of total MM (any even length), neither zero, piece not above total. */
    private static void pieceOfTotal(String ai, String part) {
        int half = part.length() / 2;
        String piece = part.substring(0, half);
        String total = part.substring(half);
        if (part.length() % 2 != 0 || piece.matches("0+") || total.matches("0+") || piece.compareTo(total) > 0) {
            fail(ai, AiComponent.Linter.PIECEOFTOTAL, "piece " + piece + " of total " + total + " is not valid in "
                    + part);
        }
    }

    /** {@code <pos>/<end>}: both numbers without leading zeros, pos not above end. */
    private static void positionInSequence(String ai, String part) {
        if (!part.matches("[1-9][0-9]*/[1-9][0-9]*")) {
            fail(ai, AiComponent.Linter.POSINSEQSLASH, "'" + part + "' is not <position>/<end>");
        }
        String[] p = part.split("/");
        if (Long.parseLong(p[0]) > Long.parseLong(p[1])) {
            fail(ai, AiComponent.Linter.POSINSEQSLASH, "position " + p[0] + " is after the end " + p[1]);
        }
    }

    private static void percentEncoding(String ai, String part) {
        for (int i = 0; i < part.length(); i++) {
            if (part.charAt(i) == '%') {
                if (i + 2 >= part.length() || Character.digit(part.charAt(i + 1), 16) < 0
                        || Character.digit(part.charAt(i + 2), 16) < 0) {
                    fail(ai, AiComponent.Linter.PCENC, "'%' at position " + (i + 1) + " is not followed by two hex digits in '"
                            + part + "'");
                }
                i += 2;
            }
        }
    }

    private static void coordinate(String ai, AiComponent.Linter linter, String part, long max) {
        if (part.length() != 10 || !part.matches("[0-9]{10}") || Long.parseLong(part) > max) {
            fail(ai, linter, (linter == AiComponent.Linter.LATITUDE ? "latitude" : "longitude") + " " + part
                    + " is outside 0-" + max);
        }
    }

    private static void iban(String ai, String part) {
        if (part.length() < IBAN_MIN || part.length() > IBAN_MAX) {
            fail(ai, AiComponent.Linter.IBAN, "IBAN of " + part.length() + " characters is outside " + IBAN_MIN + "-"
                    + IBAN_MAX);
        }
        if (!codes(1).contains(part.substring(0, 2))) {
            fail(ai, AiComponent.Linter.IBAN, "IBAN country '" + part.substring(0, 2) + "' is not an ISO 3166 alpha-2 code");
        }
        int mod = 0;
        String rotated = part.substring(4) + part.substring(0, 4);
        for (int i = 0; i < rotated.length(); i++) {
            char c = rotated.charAt(i);
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1;
            if (v < 0) {
                fail(ai, AiComponent.Linter.IBAN, "character '" + c + "' is not allowed in an IBAN");
            }
            mod = (v < 10 ? mod * 10 + v : mod * 100 + v) % 97;
        }
        if (mod != 1) {
            fail(ai, AiComponent.Linter.IBAN, "IBAN check digits " + part.substring(2, 4) + " are wrong in " + part);
        }
    }

    private static void listed(String ai, AiComponent.Linter linter, String part, int list, String what) {
        if (!codes(list).contains(part)) {
            fail(ai, linter, "'" + part + "' is not " + what);
        }
    }

    static Set<String> codes(int list) {
        if (lists == null) {
            String[] names = {"iso3166", "iso3166alpha2", "iso4217", "packagetype", "mediatype"};
            @SuppressWarnings("unchecked")
            Set<String>[] sets = new Set[names.length];
            for (int i = 0; i < names.length; i++) {
                List<String> codes = SyntaxDictionary.codeList(names[i]);
                sets[i] = new HashSet<>(codes);
            }
            lists = sets;
        }
        return lists[list];
    }
}
