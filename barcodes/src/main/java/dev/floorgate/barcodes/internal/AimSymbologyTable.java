package dev.floorgate.barcodes.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * AIM (ISO/IEC 15424) symbology identifiers {@code ]cm} (PROTOCOLS.md section 6.2): the code character names
 * the symbology, the modifier says how the data was processed, and for some symbologies that the data is a
 * GS1 element string (FNC1 in the first position).
 */
public final class AimSymbologyTable {

    private static final Map<Character, String> NAMES = new HashMap<>();
    private static final Map<String, String> DESCRIPTIONS = new HashMap<>();
    /** Ids whose data is a GS1 element string. All of the {@code ]e} family (GS1 DataBar) is GS1 too. */
    private static final Set<String> GS1 = new HashSet<>();

    static {
        NAMES.put('A', "Code 39");
        NAMES.put('B', "Telepen");
        NAMES.put('C', "Code 128");
        NAMES.put('E', "EAN/UPC");
        NAMES.put('F', "Codabar");
        NAMES.put('G', "Code 93");
        NAMES.put('H', "Code 11");
        NAMES.put('I', "Interleaved 2 of 5");
        NAMES.put('J', "DotCode");
        NAMES.put('L', "PDF417");
        NAMES.put('M', "MSI");
        NAMES.put('O', "Codablock");
        NAMES.put('P', "Plessey");
        NAMES.put('Q', "QR Code");
        NAMES.put('R', "Standard 2 of 5");
        NAMES.put('S', "Industrial 2 of 5");
        NAMES.put('U', "MaxiCode");
        NAMES.put('X', "Other");
        NAMES.put('d', "Data Matrix");
        NAMES.put('e', "GS1 DataBar");
        NAMES.put('h', "Han Xin");
        NAMES.put('z', "Aztec");

        DESCRIPTIONS.put("]C0", "Code 128");
        DESCRIPTIONS.put("]C1", "GS1-128");
        DESCRIPTIONS.put("]C2", "Code 128, FNC1 in second position (AIM-128)");
        DESCRIPTIONS.put("]C4", "ISBT-128");
        DESCRIPTIONS.put("]E0", "EAN-13, UPC-A or UPC-E");
        DESCRIPTIONS.put("]E3", "EAN/UPC with add-on");
        DESCRIPTIONS.put("]E4", "EAN-8");
        DESCRIPTIONS.put("]e0", "GS1 DataBar");
        DESCRIPTIONS.put("]I1", "Interleaved 2 of 5, check digit verified and sent");
        DESCRIPTIONS.put("]d1", "Data Matrix ECC 200");
        DESCRIPTIONS.put("]d2", "GS1 DataMatrix");
        DESCRIPTIONS.put("]d5", "GS1 DataMatrix with ECI");
        DESCRIPTIONS.put("]Q1", "QR Code");
        DESCRIPTIONS.put("]Q3", "GS1 QR Code");
        DESCRIPTIONS.put("]Q4", "GS1 QR Code with ECI");
        DESCRIPTIONS.put("]z1", "GS1 Aztec");
        DESCRIPTIONS.put("]J1", "GS1 DotCode");

        GS1.add("]C1");
        GS1.add("]d2");
        GS1.add("]d5");
        GS1.add("]Q3");
        GS1.add("]Q4");
        GS1.add("]z1");
        GS1.add("]z4");
        GS1.add("]J1");
    }

    private AimSymbologyTable() {
    }

    /** True when {@code c} and {@code m} can form an AIM id: a letter and a modifier 0-9 or A-Z. */
    public static boolean isValid(char code, char modifier) {
        boolean letter = (code >= 'A' && code <= 'Z') || (code >= 'a' && code <= 'z');
        boolean mod = (modifier >= '0' && modifier <= '9') || (modifier >= 'A' && modifier <= 'Z');
        return letter && mod;
    }

    /** The symbology family name, or {@code "Unknown (]K)"} for a code character not in the table. */
    public static String symbology(char code) {
        String name = NAMES.get(code);
        return name == null ? "Unknown (]" + code + ")" : name;
    }

    public static String description(String id) {
        String description = DESCRIPTIONS.get(id);
        return description == null ? symbology(id.charAt(1)) + ", modifier " + id.charAt(2) : description;
    }

    public static boolean isGs1(String id) {
        return GS1.contains(id) || id.charAt(1) == 'e';
    }
}
