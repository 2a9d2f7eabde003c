package dev.floorgate.barcodes.internal;

/**
 * The carriers' check digit algorithms (docs/TRACKING-NUMBERS.md section 2). Inputs are already normalised
 * (upper case, digits where digits belong); callers pass the data characters without the check character.
 * The GS1 mod 10 used by USPS IMpb and FedEx Ground is {@link dev.floorgate.barcodes.CheckDigits#gs1}.
 */
public final class TrackingCheckDigits {

    private static final int[] S10_WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};

    private TrackingCheckDigits() {
    }

    /**
     * UPS: the 15 characters after {@code 1Z}; a letter counts as {@code (code - 63) mod 10} (A=2 ... H=9,
     * I=0, ...), characters at even 1-based positions count twice, the check is {@code (10 - sum mod 10) mod 10}.
     */
    public static int ups(String fifteen) {
        int sum = 0;
        for (int i = 0; i < fifteen.length(); i++) {
            char c = fifteen.charAt(i);
            int value = c >= '0' && c <= '9' ? c - '0' : (c - 63) % 10;
            sum += (i % 2 == 1) ? 2 * value : value;
        }
        return (10 - sum % 10) % 10;
    }

    /** The weighted sum mod 11 FedEx uses: weights 1, 3, 7 repeating from the rightmost data digit. */
    public static int fedexRemainder(String digits) {
        int[] weights = {1, 3, 7};
        int sum = 0;
        for (int i = digits.length() - 1, k = 0; i >= 0; i--, k++) {
            sum += (digits.charAt(i) - '0') * weights[k % 3];
        }
        return sum % 11;
    }

    /** FedEx Express: the remainder mod 11, and a remainder of 10 gives check digit 0. */
    public static int fedex(String digits) {
        return fedexRemainder(digits) % 10;
    }

    /** The S10 weighted sum mod 11 over the 8 serial digits (weights 8 6 4 2 3 5 9 7). */
    public static int s10Remainder(String eightDigits) {
        int sum = 0;
        for (int i = 0; i < S10_WEIGHTS.length; i++) {
            sum += (eightDigits.charAt(i) - '0') * S10_WEIGHTS[i];
        }
        return sum % 11;
    }

    /** UPU S10: {@code 11 - (sum mod 11)}, where 10 becomes 0 and 11 becomes 5. */
    public static int s10(String eightDigits) {
        int check = 11 - s10Remainder(eightDigits);
        return check == 10 ? 0 : check == 11 ? 5 : check;
    }

    /** DHL Express waybill: the data digits read as one number, mod 7. */
    public static int dhlMod7(String digits) {
        return (int) (Long.parseLong(digits) % 7);
    }
}
