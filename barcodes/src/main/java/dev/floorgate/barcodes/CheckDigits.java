package dev.floorgate.barcodes;

/**
 * The GS1 mod-10 check digit used by GTIN-8/12/13/14, SSCC, GLN, GSIN and GSRN (PROTOCOLS.md section 7):
 * from the right, the data digits are weighted 3, 1, 3, 1, ... (the rightmost data digit gets 3), summed, and
 * the check digit is {@code (10 - sum mod 10) mod 10}. Example: {@code 0950110153000} gives 3.
 */
public final class CheckDigits {

    private CheckDigits() {
    }

    /**
     * The check digit for {@code digitsWithoutCheck}.
     *
     * @throws IllegalArgumentException when the input is empty or holds a non-digit
     */
    public static int gs1(CharSequence digitsWithoutCheck) {
        if (digitsWithoutCheck == null || digitsWithoutCheck.length() == 0) {
            throw new IllegalArgumentException("GS1 check digit needs at least one digit, got "
                    + (digitsWithoutCheck == null ? "null" : "an empty string"));
        }
        int sum = 0;
        int weight = 3;
        for (int i = digitsWithoutCheck.length() - 1; i >= 0; i--) {
            char c = digitsWithoutCheck.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("GS1 check digit input has non-digit '" + c + "' at position "
                        + i + " in '" + digitsWithoutCheck + "'");
            }
            sum += (c - '0') * weight;
            weight = 4 - weight;
        }
        return (10 - sum % 10) % 10;
    }

    /**
     * Whether the last digit of {@code digitsWithCheck} is the right check digit for the digits before it.
     * False (never an exception) for null, fewer than two characters, or any non-digit.
     */
    public static boolean isValidGs1(CharSequence digitsWithCheck) {
        if (digitsWithCheck == null || digitsWithCheck.length() < 2) {
            return false;
        }
        for (int i = 0; i < digitsWithCheck.length(); i++) {
            char c = digitsWithCheck.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        int last = digitsWithCheck.length() - 1;
        return gs1(digitsWithCheck.subSequence(0, last)) == digitsWithCheck.charAt(last) - '0';
    }
}
