package dev.floorgate.barcodes;

import java.util.Random;

/**
 * Valid tracking numbers made by computing their check digits here, from the algorithms as
 * docs/TRACKING-NUMBERS.md states them, independently of the module's own code. Each sample knows the scan, its
 * carrier and the key ({@link TrackingNumber#number()}) it must normalise to.
 */
final class TrackingSamples {

    enum Kind { UPS, FEDEX_12, FEDEX_15, FEDEX_96_22, FEDEX_34, USPS_22, USPS_26, USPS_420, S10, DHL_10 }

    static final class Sample {
        final Kind kind;
        final String scan;
        final Carrier carrier;
        final String key;
        /** Offsets in {@link #scan} of the check digit and of the data digits it protects. */
        final int checkAt;
        final int firstData;

        Sample(Kind kind, String scan, Carrier carrier, String key, int checkAt, int firstData) {
            this.kind = kind;
            this.scan = scan;
            this.carrier = carrier;
            this.key = key;
            this.checkAt = checkAt;
            this.firstData = firstData;
        }

        @Override
        public String toString() {
            return kind + " " + scan;
        }
    }

    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String[] COUNTRIES = {"CN", "GB", "US", "DE", "FR", "JP", "NL", "HK", "SG", "CH", "BR", "AU"};

    private final Random random;

    TrackingSamples(long seed) {
        this.random = new Random(seed);
    }

    Sample next(Kind kind) {
        switch (kind) {
            case UPS: {
                String body = alnum(6) + digits(9);
                String scan = "1Z" + body + ups(body);
                return new Sample(kind, scan, Carrier.UPS, scan, 17, 2);
            }
            case FEDEX_12: {
                String data = digits(11);
                return new Sample(kind, data + fedex(data), Carrier.FEDEX, data + fedex(data), 11, 0);
            }
            case FEDEX_15: {
                String data = digits(14);
                return new Sample(kind, data + gs1(data), Carrier.FEDEX, data + gs1(data), 14, 0);
            }
            case FEDEX_96_22: {
                String data = digits(14);
                String number = data + gs1(data);
                return new Sample(kind, "96" + digits(5) + number, Carrier.FEDEX, number, 21, 7);
            }
            case FEDEX_34: {
                String data = nonZero() + digits(10);
                String number = data + fedex(data);
                String scan = (random.nextBoolean() ? "100" + digits(17) : "96" + digits(18)) + "00" + number;
                return new Sample(kind, scan, Carrier.FEDEX, number, 33, 22);
            }
            case USPS_22:
            case USPS_26: {
                String data = "9" + (1 + random.nextInt(5)) + digits(kind == Kind.USPS_22 ? 19 : 23);
                String number = data + gs1(data);
                return new Sample(kind, number, Carrier.USPS, number, number.length() - 1, 0);
            }
            case USPS_420: {
                String data = "9" + (1 + random.nextInt(5)) + digits(19);
                String number = data + gs1(data);
                String zip = digits(random.nextBoolean() ? 5 : 9);
                String routing = "420" + zip;
                return new Sample(kind, routing + number, Carrier.USPS, number, routing.length() + 21, routing.length());
            }
            case S10: {
                String serial = digits(8);
                String scan = letters(2) + serial + s10(serial) + COUNTRIES[random.nextInt(COUNTRIES.length)];
                return new Sample(kind, scan, Carrier.UPU_S10, scan, 10, 2);
            }
            case DHL_10: {
                String data = digits(9);
                String scan = data + Long.parseLong(data) % 7;
                return new Sample(kind, scan, Carrier.DHL_EXPRESS, scan, 9, 0);
            }
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    /** UPS: letters as (code - 63) mod 10, odd positions x1, even positions x2, check = (10 - sum mod 10) mod 10. */
    static int ups(String fifteen) {
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = fifteen.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : (c - 63) % 10;
            sum += v * (i % 2 == 0 ? 1 : 2);
        }
        return (10 - sum % 10) % 10;
    }

    /** FedEx: weights 1, 3, 7 from the rightmost data digit, sum mod 11, then mod 10. */
    static int fedex(String data) {
        return fedexSum(data) % 11 % 10;
    }

    static int fedexSum(String data) {
        int[] w = {1, 3, 7};
        int sum = 0;
        for (int i = 0; i < data.length(); i++) {
            sum += (data.charAt(data.length() - 1 - i) - '0') * w[i % 3];
        }
        return sum;
    }

    /** GS1 / USPS Pub 199 mod 10: weights 3, 1 from the rightmost data digit. */
    static int gs1(String data) {
        int sum = 0;
        for (int i = 0; i < data.length(); i++) {
            sum += (data.charAt(data.length() - 1 - i) - '0') * (i % 2 == 0 ? 3 : 1);
        }
        return (10 - sum % 10) % 10;
    }

    /** UPU S10: weights 8 6 4 2 3 5 9 7, 11 - sum mod 11, 10 -> 0, 11 -> 5. */
    static int s10(String serial) {
        int c = 11 - s10Sum(serial) % 11;
        return c == 10 ? 0 : c == 11 ? 5 : c;
    }

    static int s10Sum(String serial) {
        int[] w = {8, 6, 4, 2, 3, 5, 9, 7};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (serial.charAt(i) - '0') * w[i];
        }
        return sum;
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    private String nonZero() {
        return String.valueOf(1 + random.nextInt(9));
    }

    private String letters(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(LETTERS.charAt(random.nextInt(26)));
        }
        return b.toString();
    }

    private String alnum(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(random.nextInt(3) == 0 ? LETTERS.charAt(random.nextInt(26)) : (char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }
}
