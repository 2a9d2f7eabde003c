package dev.floorgate.templates.internal;

/**
 * What kind of field a placeholder sits in, from the barcode command of its field. Decides how a value is
 * written into {@code ^FD} so that it keeps its meaning for that symbology as well as being harmless ZPL.
 */
enum FieldContext {
    TEXT, CODE128, QR, DATA_MATRIX, EAN13, CODE39, OTHER_BARCODE;

    static FieldContext of(ZplCommand barcode) {
        if (barcode == null) {
            return TEXT;
        }
        switch (barcode.code()) {
            case "BC":
                return CODE128;
            case "BQ":
                return QR;
            case "BX":
                return DATA_MATRIX;
            case "BE":
                return EAN13;
            case "B3":
                return CODE39;
            default:
                return OTHER_BARCODE;
        }
    }

    /** True for the commands that make a field a barcode field ({@code ^BY} only sets defaults). */
    static boolean isBarcodeCommand(ZplCommand c) {
        return c.kind() == ZplCommand.FORMAT && c.code().length() == 2 && c.code().charAt(0) == 'B'
                && !c.code().equals("BY");
    }
}
