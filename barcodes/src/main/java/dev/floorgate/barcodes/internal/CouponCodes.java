package dev.floorgate.barcodes.internal;

import dev.floorgate.barcodes.Gs1ParseException;

/**
 * The structure checks of the North American coupon AIs (GS1 US coupon application guideline, as the GS1
 * linters {@code couponcode} and {@code couponposoffer} describe it). Variable-length parts are announced by a
 * one-digit length indicator (VLI) in front of them; a missing, out-of-range or truncated part is an error naming
 * the part and where it starts (1-based position).
 */
final class CouponCodes {
    private final String ai;
    private final String data;
    private final AiComponent.Linter linter;
    private int at;

    private CouponCodes(String ai, String data, AiComponent.Linter linter) {
        this.ai = ai;
        this.data = data;
        this.linter = linter;
    }

    /** AI (8110): the original NACC coupon code. */
    static void northAmerican(String ai, String data) {
        CouponCodes c = new CouponCodes(ai, data, AiComponent.Linter.COUPONCODE);
        c.digitsOnly();
        c.companyPrefix("GCP", false);
        c.fixed("offer code", 6);
        c.announced("save value", 1, 5, 0);
        c.purchaseRequirement("1st");
        if (c.optional('1')) {
            c.digitIn("additional purchase rules code", "0123");
            c.purchaseRequirement("2nd");
            c.companyPrefix("2nd purchase GCP", true);
        }
        if (c.optional('2')) {
            c.purchaseRequirement("3rd");
            c.companyPrefix("3rd purchase GCP", true);
        }
        String expiry = null;
        if (c.optional('3')) {
            expiry = c.date("expiration date");
        }
        if (c.optional('4')) {
            String start = c.date("start date");
            if (expiry != null && start.compareTo(expiry) > 0) {
                c.fail("start date " + start + " is after the expiration date " + expiry);
            }
        }
        if (c.optional('5')) {
            c.announced("serial number", 0, 9, 6);
        }
        if (c.optional('6')) {
            c.announced("retailer ID", 1, 7, 6);
        }
        if (c.optional('9')) {
            c.digitIn("save value code", "01256");
            c.digitIn("save value applies to item", "012");
            c.digitIn("store coupon flag", "0123456789");
            c.digitIn("don't multiply flag", "01");
        }
        c.end();
    }

    /** AI (8112): the positive offer file coupon code. */
    static void positiveOffer(String ai, String data) {
        CouponCodes c = new CouponCodes(ai, data, AiComponent.Linter.COUPONPOSOFFER);
        c.digitsOnly();
        c.digitIn("format code", "01");
        c.announced("funder ID", 0, 6, 6);
        c.fixed("offer code", 6);
        c.announced("serial number", 0, 9, 6);
        c.end();
    }

    private void purchaseRequirement(String which) {
        announced(which + " purchase requirement", 1, 5, 0);
        digitIn(which + " purchase requirement code", "012349");
        fixed(which + " purchase family code", 3);
    }

    private void digitsOnly() {
        if (!data.matches("[0-9]*")) {
            fail("coupon data must be digits only, got '" + data + "'");
        }
    }

    private boolean optional(char indicator) {
        if (at < data.length() && data.charAt(at) == indicator) {
            at++;
            return true;
        }
        return false;
    }

    private void digitIn(String what, String allowed) {
        if (at >= data.length()) {
            fail(what + " is missing at position " + (at + 1));
        }
        if (allowed.indexOf(data.charAt(at)) < 0) {
            fail(what + " '" + data.charAt(at) + "' at position " + (at + 1) + " is not one of " + allowed);
        }
        at++;
    }

    private void fixed(String what, int length) {
        if (data.length() - at < length) {
            fail(what + " of " + length + " digits is truncated at position " + (at + 1));
        }
        at += length;
    }

    /** A VLI in [min, max] then VLI + {@code plus} digits. */
    private void announced(String what, int min, int max, int plus) {
        if (at >= data.length()) {
            fail(what + " length indicator is missing at position " + (at + 1));
        }
        int vli = data.charAt(at) - '0';
        if (vli < min || vli > max) {
            fail(what + " length indicator " + vli + " at position " + (at + 1) + " is outside " + min + "-" + max);
        }
        at++;
        fixed(what, vli + plus);
    }

    /** A GCP VLI (0-6, length VLI + 6; 9 = none where allowed) and the GCP. */
    private void companyPrefix(String what, boolean noneAllowed) {
        if (at >= data.length()) {
            fail(what + " length indicator is missing at position " + (at + 1));
        }
        int vli = data.charAt(at) - '0';
        if (noneAllowed && vli == 9) {
            at++;
            return;
        }
        if (vli > 6) {
            fail(what + " length indicator " + vli + " at position " + (at + 1) + " is outside 0-6");
        }
        at++;
        fixed(what, vli + 6);
    }

    private String date(String what) {
        fixed(what, 6);
        String d = data.substring(at - 6, at);
        Gs1Dates.toDate(ai, d, 2000, false);
        return d;
    }

    private void end() {
        if (at != data.length()) {
            fail("unexpected data '" + data.substring(at) + "' at position " + (at + 1));
        }
    }

    private void fail(String what) {
        throw new Gs1ParseException(ai, what + " (" + linter.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
}
