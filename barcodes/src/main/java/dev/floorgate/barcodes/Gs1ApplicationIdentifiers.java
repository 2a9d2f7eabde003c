package dev.floorgate.barcodes;

import dev.floorgate.barcodes.internal.AiDefinition;
import dev.floorgate.barcodes.internal.AiTable;
import dev.floorgate.barcodes.internal.AiValueValidator;
import java.time.Year;

/**
 * Facts about single Application Identifiers from the module's AI table (a subset of the GS1 Barcode Syntax
 * Dictionary: all AIs of PROTOCOLS.md section 7 and the common logistics ones), e.g. for showing titles in a UI
 * or checking one field of a label template.
 */
public final class Gs1ApplicationIdentifiers {

    private Gs1ApplicationIdentifiers() {
    }

    public static boolean isKnown(String ai) {
        return AiTable.find(ai) != null;
    }

    /** The GS1 data title, e.g. {@code "BATCH/LOT"} for 10, or {@code null} for an unknown AI. */
    public static String title(String ai) {
        AiDefinition definition = AiTable.find(ai);
        return definition == null ? null : definition.title();
    }

    /**
     * True when the AI has a pre-defined length, so no FNC1/GS separator follows it (00, 01, 02, 11-17, 20,
     * 31nn-36nn, 410-417).
     *
     * @throws IllegalArgumentException for an unknown AI
     */
    public static boolean hasPredefinedLength(String ai) {
        AiDefinition definition = AiTable.find(ai);
        if (definition == null) {
            throw new IllegalArgumentException("unknown GS1 Application Identifier (" + ai + ")");
        }
        return definition.hasPredefinedLength();
    }

    /**
     * Checks one value for one AI (length, characters, check digit, date), with the current year as the
     * reference of the date window.
     *
     * @throws Gs1ParseException naming the AI when the value is not valid
     */
    public static void validate(String ai, String value) {
        AiValueValidator.validate(ai, value, Year.now().getValue());
    }
}
