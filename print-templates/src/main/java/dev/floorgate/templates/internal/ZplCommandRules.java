package dev.floorgate.templates.internal;

import java.util.Map;
import java.util.Set;

/**
 * Which ZPL commands a label may carry when it comes from a LAN client (PROTOCOLS.md 1.5). The rule from Zebra's
 * ZPL II Programming Guide: a command that builds the current label passes; a command that acts on the printer
 * itself (every {@code ~} command, acted on at once even inside a format), saves or loads its configuration,
 * stores, deletes or uploads objects, changes media, sensors, network, clock or the command characters, or keeps
 * the bitmap for the next label, is refused. Anything not listed is refused (deny by default).
 *
 * <p>Allowed format settings that last until the next label changes them ({@code ^LH ^LR ^FW ^CF ^PW ^LL ^PR
 * ^MD ^MM ^PO ^PM ^CI}) are kept because carrier labels set them and a printer keeps them only until power-off
 * unless {@code ^JUS} saves them (refused). {@code ^CI} is allowed without its character remapping pairs, which
 * would outlive the label and change how the next label's text prints.
 */
final class ZplCommandRules {
    /** Format commands that only build the current label. */
    private static final Set<String> LABEL_COMMANDS = Set.of(
            // format and fields
            "XA", "XZ", "FO", "FT", "FD", "FS", "FH", "FB", "TB", "FR", "FX", "FV", "FN", "FW", "FP", "FM", "FC",
            // fonts and text
            "A", "A@", "CF", "CI",
            // graphics
            "GB", "GC", "GD", "GE", "GF", "GS",
            // label geometry and this label's printing
            "LH", "LL", "LR", "LS", "LT", "PW", "PQ", "PR", "PO", "PM", "MD", "MM",
            // serialisation within this format
            "SN", "SF");

    /** Why a refused format command is refused; codes not here and not allowed are "unknown". */
    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("CC", "changes the format command prefix; later commands would be hidden from this check"),
            Map.entry("CT", "changes the control command prefix; later commands would be hidden from this check"),
            Map.entry("CD", "changes the parameter delimiter; later commands would be read differently"),
            Map.entry("CW", "assigns a font letter for every later label until power-off"),
            Map.entry("CM", "changes memory letter designations (saved)"),
            Map.entry("CO", "changes the font cache"),
            Map.entry("JU", "saves, restores or resets the printer configuration"),
            Map.entry("JB", "initializes (erases) flash memory"),
            Map.entry("JZ", "changes reprint-after-error, a printer setting"),
            Map.entry("JM", "changes the print density mode, a printer setting"),
            Map.entry("JJ", "changes the auxiliary port, a printer setting"),
            Map.entry("JS", "changes the sensor selection, a printer setting"),
            Map.entry("JT", "changes head test settings"),
            Map.entry("JW", "changes ribbon tension, a printer setting"),
            Map.entry("KP", "changes the front panel password"),
            Map.entry("KN", "changes the printer's name"),
            Map.entry("KL", "changes the display language"),
            Map.entry("KD", "changes the display mode"),
            Map.entry("ID", "deletes objects from printer memory"),
            Map.entry("DF", "stores a format in printer memory"),
            Map.entry("DG", "stores a graphic in printer memory"),
            Map.entry("DY", "stores a file in printer memory"),
            Map.entry("IS", "stores an image in printer memory"),
            Map.entry("TO", "copies objects in printer memory"),
            Map.entry("XF", "recalls a stored format, which this check cannot see"),
            Map.entry("XG", "recalls a stored graphic, which this check cannot see"),
            Map.entry("IL", "loads a stored image, which this check cannot see"),
            Map.entry("IM", "moves a stored image, which this check cannot see"),
            Map.entry("HF", "sends a stored format back to the host"),
            Map.entry("HG", "sends a stored graphic back to the host"),
            Map.entry("HH", "sends the configuration label back to the host"),
            Map.entry("HW", "sends the memory directory back to the host"),
            Map.entry("HT", "sends the font link table back to the host"),
            Map.entry("HV", "sends field data back to the host"),
            Map.entry("HY", "uploads graphics back to the host"),
            Map.entry("HZ", "sends printer information back to the host"),
            Map.entry("MC", "keeps this label's bitmap for the next label"),
            Map.entry("MN", "changes media tracking, a printer setting"),
            Map.entry("MT", "changes the media type, a printer setting"),
            Map.entry("MU", "changes units of measure and dot conversion, a printer setting"),
            Map.entry("MF", "changes the media feed action, a printer setting"),
            Map.entry("ML", "changes the maximum label length, a printer setting"),
            Map.entry("MP", "changes front panel mode protection"),
            Map.entry("PP", "pauses the printer"),
            Map.entry("SC", "changes the serial port settings"),
            Map.entry("SE", "selects an encoding table stored in the printer"),
            Map.entry("SL", "changes the real-time clock mode"),
            Map.entry("SO", "changes the real-time clock offset"),
            Map.entry("ST", "sets the printer's clock"),
            Map.entry("SZ", "switches the printer language (ZPL / EPL)"),
            Map.entry("SS", "changes media sensor settings"),
            Map.entry("SR", "changes the print head resistance"),
            Map.entry("SX", "changes ZebraNet alerts"),
            Map.entry("SQ", "halts ZebraNet alerts"),
            Map.entry("WD", "prints the memory directory"));

    private ZplCommandRules() {
    }

    /** Null when the command may appear in a LAN client's label, otherwise why it may not. */
    static String refusal(ZplCommand c) {
        if (c.kind() == ZplCommand.CONTROL) {
            return "control command: the printer acts on it at once, outside any label";
        }
        String code = c.code();
        if (LABEL_COMMANDS.contains(code)) {
            return code.equals("CI") ? characterSetRefusal(c.cleanParams()) : null;
        }
        if (code.length() == 2 && code.charAt(0) == 'B' && Character.isLetterOrDigit(code.charAt(1))) {
            return null; // ^B0 ... ^BZ: the barcode of the current field, ^BY its defaults
        }
        String reason = REFUSED.get(code);
        if (reason != null) {
            return reason;
        }
        if (code.startsWith("N") || code.startsWith("W")) {
            return "changes network or wireless settings";
        }
        if (code.startsWith("R") || code.startsWith("J") || code.startsWith("K")) {
            return "changes printer settings (RFID, job control or kiosk)";
        }
        return "not a known label formatting command (denied by default)";
    }

    /** {@code ^CIa} passes; {@code ^CIa,s1,d1,...} remaps characters for every later label. */
    private static String characterSetRefusal(String params) {
        return params.indexOf(',') < 0 ? null
                : "remaps characters for every later label (only ^CI with a character set number is allowed)";
    }
}
