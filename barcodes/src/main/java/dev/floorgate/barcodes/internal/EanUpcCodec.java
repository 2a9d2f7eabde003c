package dev.floorgate.barcodes.internal;

import dev.floorgate.barcodes.Gs1Element;
import dev.floorgate.barcodes.Gs1ParseException;

/**
 * EAN/UPC scans carry a bare GTIN, not an element string. With AIM id {@code ]E0} (EAN-13, or UPC-A sent as 12
 * or 13 digits) or {@code ]E4} (EAN-8) the digits become AI (01) padded to 14 digits, so a retail barcode and a
 * GS1-128 label resolve to the same GTIN. UPC-E (8 digits under {@code ]E0}, which would need zero-suppression
 * expansion) and add-on forms ({@code ]E3}) are refused with a message saying so.
 */
public final class EanUpcCodec {

    private EanUpcCodec() {
    }

    /** True when {@code aimId} is an EAN/UPC id this codec maps to a GTIN. */
    public static boolean handles(String aimId) {
        return "]E0".equals(aimId) || "]E4".equals(aimId);
    }

    public static Gs1Element toGtin(String aimId, String digits) {
        int length = digits.length();
        boolean fits = ElementStringCodec.isDigits(digits)
                && ("]E4".equals(aimId) ? length == 8 : length == 12 || length == 13);
        if (!fits) {
            String expected = "]E4".equals(aimId) ? "8 digits (EAN-8)" : "12 or 13 digits (UPC-A or EAN-13)";
            throw new Gs1ParseException("scan with AIM id " + aimId + " holds '" + ElementStringCodec.printable(digits)
                    + "', expected " + expected);
        }
        return new Gs1Element("01", "00000000000000".substring(length) + digits);
    }
}
