package dev.floorgate.sync.internal;

/**
 * The cache's matching key for a scanned or listed code: a GTIN-8, -12, -13 or -14 (all digits, one of those
 * lengths) becomes its GTIN-14 form by left-padding with zeros, as GS1 defines; any other code is matched as
 * written. So a GTIN-13 on a carton and the same GTIN in a GS1 (01) element find the same SKU.
 */
final class Gtins {
    private Gtins() {
    }

    public static String matchKey(String code) {
        String c = code.trim();
        int n = c.length();
        if ((n == 8 || n == 12 || n == 13 || n == 14) && allDigits(c)) {
            return "00000000000000".substring(n) + c;
        }
        return c;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }
}
