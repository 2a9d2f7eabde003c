package dev.floorgate.barcodes.internal;

import dev.floorgate.barcodes.Carrier;
import dev.floorgate.barcodes.CheckDigits;
import java.util.regex.Pattern;

/**
 * The formats a bare tracking number (no routing prefix, no separators) is matched against, in the
 * precedence order of docs/TRACKING-NUMBERS.md section 3. Letters decide first (UPS, S10, DHL), then the
 * number of digits; only the 20-digit length is shared by two formats, and there the check digit decides.
 */
public final class TrackingFormats {

    private static final Pattern UPS = Pattern.compile("1Z[0-9A-Z]{16}");
    private static final Pattern S10 = Pattern.compile("[A-Z]{2}[0-9]{9}[A-Z]{2}");
    private static final Pattern DHL_ECOMMERCE = Pattern.compile("(GM|LX|RX)[0-9]{8,37}");
    private static final Pattern DHL_PIECE = Pattern.compile("J[A-Z]{2,3}[0-9]{9,10}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private TrackingFormats() {
    }

    /** The match for {@code s} (upper case, no separators), or null when no known format fits. */
    public static TrackingMatch classify(String s) {
        if (UPS.matcher(s).matches()) {
            char check = s.charAt(17);
            boolean valid = check >= '0' && check <= '9' && TrackingCheckDigits.ups(s.substring(2, 17)) == check - '0';
            return TrackingMatch.checked(Carrier.UPS, s, "UPS 1Z", valid).service(s.substring(8, 10));
        }
        if (S10.matcher(s).matches()) {
            return s10(s);
        }
        if (DHL_ECOMMERCE.matcher(s).matches()) {
            return new TrackingMatch(Carrier.DHL_ECOMMERCE, s, "DHL eCommerce", TrackingMatch.Check.NONE);
        }
        if (DHL_PIECE.matcher(s).matches()) {
            return new TrackingMatch(Carrier.DHL_EXPRESS, s, "DHL piece id", TrackingMatch.Check.NONE);
        }
        if (!DIGITS.matcher(s).matches()) {
            return null;
        }
        switch (s.length()) {
            case 10:
            case 11:
                return TrackingMatch.checked(Carrier.DHL_EXPRESS, s, "DHL Express waybill",
                        TrackingCheckDigits.dhlMod7(s.substring(0, s.length() - 1)) == s.charAt(s.length() - 1) - '0');
            case 12:
                return fedexExpress(s, "FedEx Express (12)");
            case 15:
                return TrackingMatch.checked(Carrier.FEDEX, s, "FedEx Ground (15)", CheckDigits.isValidGs1(s));
            case 18:
                // an SSCC names a logistic unit, not a carrier (FedEx Ground accepts some): GS1 mod 10
                return TrackingMatch.checked(Carrier.UNKNOWN, s, "GS1 SSCC", CheckDigits.isValidGs1(s));
            case 20:
                return twentyDigits(s);
            case 22:
                if (s.startsWith("96")) {
                    String number = s.substring(7);
                    return TrackingMatch.checked(Carrier.FEDEX, number, "FedEx Ground 96 (22)",
                            CheckDigits.isValidGs1(number)).service(s.substring(4, 7));
                }
                return impb(s);
            case 26:
                return impb(s);
            case 34:
                return thirtyFourDigits(s);
            default:
                return null;
        }
    }

    /**
     * Content of no known format: plausible when 6-40 characters (Code 128 content, already printable ASCII),
     * returned normalised with no check digit claimed.
     *
     * @throws IllegalArgumentException naming the length otherwise
     */
    public static TrackingMatch unknown(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("tracking scan holds nothing but GS separators and parentheses");
        }
        if (s.charAt(0) == ']') {
            // '(]C1...' loses its parentheses; kept, ']C1' would be read as an AIM id when the key is recognised again
            throw new IllegalArgumentException("tracking scan '" + TrackingInput.preview(s)
                    + "' starts with ']' once its parentheses are removed: no tracking number does");
        }
        if (s.length() < 6 || s.length() > 40) {
            throw new IllegalArgumentException("tracking scan '" + TrackingInput.preview(s) + "' of " + s.length()
                    + " characters (without spaces and dashes) matches no carrier format and is not 6-40 characters");
        }
        return new TrackingMatch(Carrier.UNKNOWN, s, "unknown", TrackingMatch.Check.NONE);
    }

    /**
     * A USPS IMpb package identification code: channel application id 91-95 (a GS1 company-internal AI), a
     * 3-digit service type code, mailer id and serial, GS1 mod 10 check digit.
     */
    static TrackingMatch impb(String s) {
        if (s.charAt(0) != '9' || s.charAt(1) < '1' || s.charAt(1) > '5') {
            return null;
        }
        return TrackingMatch.checked(Carrier.USPS, s, "USPS IMpb", CheckDigits.isValidGs1(s)).service(s.substring(2, 5));
    }

    /**
     * 20 digits are either a USPS number whose own GS1 mod 10 matches, or a FedEx SmartPost number, whose
     * check digit is computed with its IMpb channel id 92 in front; when neither matches the length says nothing.
     */
    private static TrackingMatch twentyDigits(String s) {
        if (CheckDigits.isValidGs1(s)) {
            return TrackingMatch.checked(Carrier.USPS, s, "USPS (20)", true);
        }
        if (CheckDigits.isValidGs1("92" + s)) {
            return TrackingMatch.checked(Carrier.FEDEX, s, "FedEx SmartPost (20)", true);
        }
        return null;
    }

    /**
     * The two 34-digit FedEx barcodes: a 13-digit serial and its check digit end them, and in every cited
     * example the serial starts with 00, leaving the 12-digit FedEx tracking number. Other serials would give a
     * 13- or 14-digit number no source describes: those barcodes stay unrecognised.
     */
    private static TrackingMatch thirtyFourDigits(String s) {
        if (!s.startsWith("00", 20)) {
            return null;
        }
        TrackingMatch match;
        if (s.startsWith("100")) {
            match = fedexExpress(s.substring(22), "FedEx Express (34)");
            match.destinationZip = s.substring(15, 20);
        } else if (s.startsWith("96")) {
            match = fedexExpress(s.substring(22), "FedEx Ground 96 (34)");
        } else {
            return null;
        }
        return match;
    }

    private static TrackingMatch fedexExpress(String s, String format) {
        int last = s.length() - 1;
        return TrackingMatch.checked(Carrier.FEDEX, s, format,
                TrackingCheckDigits.fedex(s.substring(0, last)) == s.charAt(last) - '0');
    }

    /** UPU S10; a country that is not ISO 3166 alpha-2 means it is no S10 number (null). */
    private static TrackingMatch s10(String s) {
        String country = s.substring(11, 13);
        if (!AiLinters.codes(1).contains(country)) {
            return null;
        }
        TrackingMatch match = TrackingMatch.checked(Carrier.UPU_S10, s, "UPU S10",
                TrackingCheckDigits.s10(s.substring(2, 10)) == s.charAt(10) - '0').service(s.substring(0, 2));
        match.issuingCountry = country;
        return match;
    }
}
