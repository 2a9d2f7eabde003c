package dev.floorgate.barcodes;

import dev.floorgate.barcodes.internal.AimSymbologyTable;

/**
 * An AIM symbology identifier {@code ]cm} that a scanner puts before the data (PROTOCOLS.md section 6.2):
 * {@code ]} (0x5D), a code character naming the symbology, a modifier character. For example {@code ]C1} is
 * GS1-128, {@code ]d2} GS1 DataMatrix, {@code ]Q3} GS1 QR, {@code ]e0} GS1 DataBar, {@code ]E0} EAN-13/UPC-A.
 * Immutable.
 */
public final class AimSymbology {

    private final String id;

    private AimSymbology(String id) {
        this.id = id;
    }

    /**
     * The AIM id at the start of {@code data}, or {@code null} when {@code data} has none (null, shorter than
     * three characters, not starting with {@code ]} followed by a letter and a modifier 0-9/A-Z).
     */
    public static AimSymbology parsePrefix(String data) {
        if (data == null || data.length() < 3 || data.charAt(0) != ']'
                || !AimSymbologyTable.isValid(data.charAt(1), data.charAt(2))) {
            return null;
        }
        return new AimSymbology(data.substring(0, 3));
    }

    /**
     * Parses an id given on its own, e.g. the {@code aimId} extra of a Honeywell intent or the
     * {@code symbology} field of a scan request.
     *
     * @throws IllegalArgumentException when {@code id} is not exactly a valid three-character AIM id
     */
    public static AimSymbology of(String id) {
        AimSymbology parsed = parsePrefix(id);
        if (parsed == null || id.length() != 3) {
            throw new IllegalArgumentException("AIM symbology id must be ']' + code letter + modifier (e.g. ']C1'), got '"
                    + id + "'");
        }
        return parsed;
    }

    /** {@code data} without its AIM prefix; {@code data} itself when it has none. */
    public static String strip(String data) {
        return parsePrefix(data) == null ? data : data.substring(3);
    }

    /** The three-character id, e.g. {@code "]C1"}. */
    public String id() {
        return id;
    }

    /** The code character, e.g. {@code 'C'}. */
    public char code() {
        return id.charAt(1);
    }

    /** The modifier character, e.g. {@code '1'}. */
    public char modifier() {
        return id.charAt(2);
    }

    /** The symbology family: "Code 128", "Data Matrix", "QR Code", "EAN/UPC", "GS1 DataBar", ... */
    public String symbology() {
        return AimSymbologyTable.symbology(code());
    }

    /** A finer description where the modifier matters, e.g. "GS1-128" for {@code ]C1}. */
    public String description() {
        return AimSymbologyTable.description(id);
    }

    /** True when the data after this id is a GS1 element string: {@code ]C1 ]d2 ]d5 ]Q3 ]Q4 ]e* ]z1 ]z4 ]J1}. */
    public boolean gs1() {
        return AimSymbologyTable.isGs1(id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AimSymbology && ((AimSymbology) o).id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
