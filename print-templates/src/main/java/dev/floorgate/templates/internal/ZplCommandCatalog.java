package dev.floorgate.templates.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every command of the ZPL II Programming Guide (format {@code ^} and control {@code ~} commands, RFID and
 * wireless included) and what the preview does with it: draws it ({@link Status#RENDERED}), draws it with a
 * limitation ({@link Status#PARTLY}, the note says what), applies it without anything to draw (a printer
 * setting or query that does not change the first label's picture, {@link Status#NO_EFFECT}), or reports it
 * once per label as not previewed ({@link Status#REPORTED}). Anything not in this table is reported as an
 * unknown command. print-templates/README.md lists the same table (a test compares them).
 */
public final class ZplCommandCatalog {
    /** What the preview does with a command. */
    public enum Status { RENDERED, PARTLY, NO_EFFECT, REPORTED }

    /** One row: status and, for PARTLY, what is missing. */
    public static final class Entry {
        public final Status status;
        public final String note;

        Entry(Status status, String note) {
            this.status = status;
            this.note = note;
        }
    }

    private static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

    static {
        rendered("^B0", "^B1", "^BF", "^BZ", "^B2", "^B3", "^B5", "^B8", "^B9", "^BA", "^BC", "^BD", "^BE", "^BI",
                "^BJ", "^BK", "^BL", "^BM", "^BO", "^BP", "^BS", "^BU", "^BY", "^CC", "~CC", "^CD", "~CD", "^CF",
                "^CT", "~CT", "^DF", "~DG", "^FD", "^FH", "^FN", "^FO", "^FR", "^FS", "^FT", "^FV", "^FW", "^FX",
                "^GB", "^GC", "^GD", "^GE", "^GS", "^IM", "^LH", "^LL", "^LR", "^LS", "^LT", "^PO", "^PW", "^XA",
                "^XF", "^XG", "^XZ");
        partly("^B4", "starting modes 0-5 are drawn as automatic (A)");
        partly("^BB", "CODABLOCK F and E in the rows and columns okapibarcode chooses for the data: c, r and the "
                + "printer's single row when neither is given are not applied (a warning says so); function codes "
                + "80-84 hex not interpreted; CODABLOCK A reported");
        partly("^BT", "the gaps between the Code 39, its link flag and the MicroPDF417 are this preview's "
                + "choice (10 narrow elements, 2 modules)");
        partly("^B7", "the truncated form (t = Y) is drawn in full");
        partly("^BQ", "mixed-mode data (D) is drawn as one symbol; model 1 as model 2");
        partly("^BR", "GS1 DataBar types 1 (omnidirectional), 5 (limited) and 6 (expanded); other types reported");
        partly("^BX", "ECC 200 only; other quality levels are drawn as ECC 200");
        partly("^CI", "tables for 0-13, 27-36 and the UTF encodings; 14-17, 24 and 26 read through the JDK's "
                + "Shift-JIS, EUC-JP, UTF-16 or ISO-8859-1 charsets");
        partly("^FB", "wrap, justification, line spacing and hanging indent; the printer's exact line breaking of "
                + "its own fonts may differ by a word");
        partly("^GF", "ASCII hex (with ZPL compression), binary, :Z64: and :B64: with their CRC checked (a mismatch is not drawn: the printer drops it); compressed binary (C) reported");
        partly("^SN", "the first serial number only");
        partly("^MU", "inches, millimetres and dot scaling (b, c) convert positions, sizes, box and barcode "
                + "heights, ^BY height, ^FB width and spacing, ^PW and ^LL; other measurements stay in dots");
        partly("^A", "system stand-ins for the printer's bitmap and scalable fonts: sizes and positions follow "
                + "the printer, glyph shapes differ");
        partly("^A@", "any font name is drawn with the stand-in of font 0");
        noEffect("^HH", "^HS", "^HI", "^HM", "^HQ", "^HV", "^HW", "^HT", "^HB", "^HD", "^HZ", "^HF", "^HG", "^HY",
                "^HR", "^JA", "^JB", "^JC", "^JD", "^JE", "^JG", "^JH", "^JI", "^JJ", "^JL", "^JM", "^JR", "^JS",
                "^JT", "^JU", "^JW", "^JZ", "^KD", "^KL", "^KN", "^KP", "^KV", "^MA", "^MC", "^MD", "^MF", "^MI",
                "^ML", "^MM", "^MN", "^MP", "^MT", "^MW", "^NB", "^NC", "^NI", "^NN", "^NP", "^NS", "^NT", "^NV",
                "^NW", "^PA", "^PF", "^PH", "^PL", "^PM", "^PN", "^PP", "^PQ", "^PR", "^PS", "^SC", "^SE", "^SF",
                "^SI", "^SL", "^SO", "^SP", "^SQ", "^SR", "^SS", "^ST", "^SX", "^SZ", "^TA", "^TO", "^WA", "^WD",
                "^XB", "^XS", "^ZZ", "^CW", "^CM", "^CO", "^CN", "^CP", "^RS", "^DY", "^ID", "~DB", "~DE", "~DN",
                "~DS", "~DT", "~DU", "~DY", "~EG", "~HB", "~HD", "~HI", "~HM", "~HQ", "~HS", "~HU", "~JA", "~JB",
                "~JC", "~JD", "~JE", "~JF", "~JG", "~JI", "~JL", "~JN", "~JO", "~JP", "~JQ", "~JR", "~JS", "~JX",
                "~KB", "~NC", "~NR", "~NT", "~PH", "~PL", "~PP", "~PR", "~PS", "~RO", "~SD", "~TA", "~WC", "~WQ",
                "~WR", "~WL");
        reported("^IL", "^IS", "^FP", "^FM", "^TB", "^CV", "^FC", "^FE", "^FL",
                "^RF", "^RB", "^RA", "^RI", "^RM", "^RN", "^RQ", "^RR", "^RT", "^RU", "^RW", "^RZ", "^RL",
                "^WF", "^WT", "^HL", "~RV", "^WE", "^WI", "^WL", "^WP", "^WR", "^WS", "^KC", "^WX");
    }

    private ZplCommandCatalog() {
    }

    private static void rendered(String... codes) {
        for (String c : codes) {
            COMMANDS.put(c, new Entry(Status.RENDERED, ""));
        }
    }

    private static void partly(String code, String note) {
        COMMANDS.put(code, new Entry(Status.PARTLY, note));
    }

    private static void noEffect(String... codes) {
        for (String c : codes) {
            COMMANDS.put(c, new Entry(Status.NO_EFFECT, ""));
        }
    }

    private static void reported(String... codes) {
        for (String c : codes) {
            COMMANDS.put(c, new Entry(Status.REPORTED, ""));
        }
    }

    /** Every command, {@code ^XX} or {@code ~XX}, in table order. */
    public static Map<String, Entry> all() {
        return Collections.unmodifiableMap(COMMANDS);
    }

    /** The status of a command as lexed, or null when the guide has no such command. */
    static Status statusOf(ZplCommand c) {
        Entry e = COMMANDS.get((c.kind() == ZplCommand.FORMAT ? "^" : "~") + c.code());
        return e == null ? null : e.status;
    }
}
