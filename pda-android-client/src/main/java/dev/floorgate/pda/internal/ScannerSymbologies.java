package dev.floorgate.pda.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * What Android scanner services call a symbology, mapped to the AIM id (PROTOCOLS.md 6.2) that says the same:
 * Zebra DataWedge {@code label_type} values (section 8.1) and Honeywell {@code codeId} characters (8.2). The
 * AIM id is what the rest of FloorGate (barcodes, the gateway's scan endpoint) understands.
 */
public final class ScannerSymbologies {
    private static final Map<String, String> DATAWEDGE = new HashMap<>();
    private static final Map<String, String> HONEYWELL = new HashMap<>();

    static {
        // DataWedge label types, without their "LABEL-TYPE-" prefix.
        DATAWEDGE.put("EAN128", "]C1"); // GS1-128
        DATAWEDGE.put("CODE128", "]C0");
        DATAWEDGE.put("ISBT128", "]C4");
        DATAWEDGE.put("GS1-DATAMATRIX", "]d2");
        DATAWEDGE.put("DATAMATRIX", "]d1");
        DATAWEDGE.put("GS1-QRCODE", "]Q3");
        DATAWEDGE.put("QRCODE", "]Q1");
        DATAWEDGE.put("MICROQR", "]Q1");
        DATAWEDGE.put("EAN13", "]E0");
        DATAWEDGE.put("UPCA", "]E0");
        DATAWEDGE.put("UPCE0", "]E0");
        DATAWEDGE.put("UPCE1", "]E0");
        DATAWEDGE.put("EAN8", "]E4");
        DATAWEDGE.put("GS1-DATABAR", "]e0");
        DATAWEDGE.put("GS1-DATABAR-EXP", "]e0");
        DATAWEDGE.put("GS1-DATABAR-LIM", "]e0");
        DATAWEDGE.put("CODE39", "]A0");
        DATAWEDGE.put("CODE93", "]G0");
        DATAWEDGE.put("CODABAR", "]F0");
        DATAWEDGE.put("I2OF5", "]I0");
        DATAWEDGE.put("D2OF5", "]S0");
        DATAWEDGE.put("PDF417", "]L2");
        DATAWEDGE.put("MICROPDF", "]L2");
        DATAWEDGE.put("MACROPDF", "]L2");
        DATAWEDGE.put("AZTEC", "]z0");
        DATAWEDGE.put("MAXICODE", "]U0");
        DATAWEDGE.put("DOTCODE", "]J0");
        DATAWEDGE.put("HANXIN", "]h0");

        // Honeywell code ids (the "Hand Held Products" table).
        HONEYWELL.put("j", "]C0");
        HONEYWELL.put("I", "]C1");
        HONEYWELL.put("d", "]E0");
        HONEYWELL.put("D", "]E4");
        HONEYWELL.put("c", "]E0");
        HONEYWELL.put("E", "]E0");
        HONEYWELL.put("b", "]A0");
        HONEYWELL.put("e", "]I0");
        HONEYWELL.put("w", "]d1");
        HONEYWELL.put("s", "]Q1");
        HONEYWELL.put("r", "]L2");
        HONEYWELL.put("z", "]z0");
        HONEYWELL.put("y", "]e0");
    }

    private ScannerSymbologies() {
    }

    /** The AIM id for a DataWedge label type ({@code LABEL-TYPE-EAN128} or {@code EAN128}), or null. */
    public static String aimIdOfLabelType(String labelType) {
        if (labelType == null) {
            return null;
        }
        String t = labelType.startsWith("LABEL-TYPE-") ? labelType.substring("LABEL-TYPE-".length()) : labelType;
        return DATAWEDGE.get(t);
    }

    /** The AIM id for a Honeywell code id character, or null. */
    public static String aimIdOfHoneywellCodeId(String codeId) {
        return codeId == null ? null : HONEYWELL.get(codeId);
    }

    /**
     * The GS1 form of a non-GS1 AIM id, for data that turns out to be a GS1 element string although the reader
     * did not say so (a GS1 DataMatrix read while DataWedge's GS1 DataMatrix decoder is off arrives as
     * {@code LABEL-TYPE-DATAMATRIX}); null when the symbology has no GS1 form.
     */
    public static String gs1FormOf(String aimId) {
        if (aimId == null || aimId.length() != 3) {
            return null;
        }
        switch (aimId.charAt(1)) {
            case 'C': return "]C1";
            case 'd': return "]d2";
            case 'Q': return "]Q3";
            default: return null;
        }
    }
}
