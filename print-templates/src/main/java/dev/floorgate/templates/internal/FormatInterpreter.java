package dev.floorgate.templates.internal;

import dev.floorgate.templates.DrawnField;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the commands of one label format ({@code ^XA...^XZ}) against a {@link LabelCanvas}, the way a printer
 * builds its bitmap: label-wide state ({@code ^LH}, {@code ^LS}, {@code ^LT}, {@code ^LR}, {@code ^CF},
 * {@code ^FW}, {@code ^BY}, {@code ^CI}) persists; field state (origin, font, barcode, {@code ^FH},
 * {@code ^FR}, {@code ^FB}, data) lives until {@code ^FS}, where the field is drawn. Commands that do not
 * change the picture are skipped; unknown or unsupported ones become warnings.
 */
final class FormatInterpreter {
    private static final int HUMAN_READABLE_GAP = 2;
    private static final int MAX_SYMBOL_DOTS = 100_000;
    private static final int MAX_FIELD_DATA = 3072;

    private final LabelCanvas canvas;
    private final PreviewWarnings warnings;
    private final TextPainter text;
    private final BarcodePainter barcodes;
    private final List<DrawnField> drawn = new ArrayList<>();
    private final int dpi;
    private final int maxFields;
    private final int maxGraphicBytes;
    private final StoredObjects stored;
    /** {@code ^FN} number -> the recalling format's {@code ^FD} (and {@code ^FH}, or null) for that field. */
    private final Map<Integer, ZplCommand[]> fieldData;

    // Label-wide state.
    private int homeX;
    private int homeY;
    private int shiftX;
    private int topY;
    private boolean labelReverse;
    private char defaultOrientation = 'N';
    private char defaultFont = 'A';
    private int defaultFontHeight = 9;
    private int defaultFontWidth = 5;
    private int moduleWidth = 2;
    private double ratio = 3.0;
    private int barcodeHeight = 10;
    private int charset;
    /** ^CI remap pairs as a 256-byte table, or null. */
    private byte[] remap;
    private int nextTypesetX;
    private int nextTypesetY;

    private Field field = new Field();

    /** What one field collects until {@code ^FS}. */
    private static final class Field {
        int x;
        int y;
        boolean typeset;
        char font;
        int fontHeight;
        int fontWidth;
        char orientation;
        ZplCommand barcode;
        ZplCommand graphic;
        ZplCommand graphicField;
        /** ^XG or ^IM: a downloaded graphic's ^GF parameters and its magnification. */
        String recalledGraphic;
        int magnifyX = 1;
        int magnifyY = 1;
        int fieldNumber;
        /** ^GS: the data letters A-E are the graphic symbols registered, copyright, trademark, UL, CSA. */
        boolean graphicSymbol;
        char hexIndicator;
        boolean reverse;
        int blockWidth;
        int blockLines = 1;
        int blockSpacing;
        char blockJustify = 'L';
        int blockIndent;
        String data;

        boolean hasContent() {
            return data != null || graphic != null || graphicField != null || recalledGraphic != null;
        }
    }

    FormatInterpreter(LabelCanvas canvas, PreviewWarnings warnings, int dpi, int maxFields, StoredObjects stored,
            Map<Integer, ZplCommand[]> fieldData) {
        this.stored = stored;
        this.fieldData = fieldData;
        this.canvas = canvas;
        this.warnings = warnings;
        this.dpi = dpi;
        this.maxFields = maxFields;
        this.text = new TextPainter(Math.max(canvas.width(), canvas.height()));
        this.barcodes = new BarcodePainter(warnings);
        this.maxGraphicBytes = (int) Math.min(64L << 20, ((canvas.width() + 7L) / 8 + 1) * canvas.height() * 2);
    }

    List<DrawnField> drawn() {
        return drawn;
    }

    void run(List<ZplCommand> commands, int from, int to) {
        for (int i = from; i < to; i++) {
            ZplCommand c = commands.get(i);
            if (c.kind() == ZplCommand.CONTROL) {
                ZplCommandCatalog.Status status = ZplCommandCatalog.statusOf(c);
                if (status == null) {
                    warnings.add("control command " + c.label() + " ignored by the preview");
                } else if (status == ZplCommandCatalog.Status.REPORTED) {
                    warnings.add(c.label() + " is not previewed");
                }
                continue;
            }
            apply(c);
        }
        flush();
    }

    private void apply(ZplCommand c) {
        Params p;
        switch (c.code()) {
            case "FO":
            case "FT":
                flushIfPending();
                p = Params.of(c, warnings);
                field.typeset = c.code().equals("FT");
                field.x = p.integer(0, field.typeset ? nextTypesetX : 0, 0, 32000);
                field.y = p.integer(1, field.typeset ? nextTypesetY : 0, 0, 32000);
                break;
            case "A":
            case "A@":
                fontCommand(c);
                break;
            case "CF":
                p = Params.of(c, warnings);
                String f = p.text(0);
                if (!f.isEmpty()) {
                    defaultFont = Character.toUpperCase(f.charAt(0));
                }
                defaultFontHeight = p.integer(1, defaultFontHeight, 0, 32000);
                defaultFontWidth = p.has(2) ? p.integer(2, 0, 0, 32000) : p.has(1) ? 0 : defaultFontWidth;
                break;
            case "FW":
                defaultOrientation = Placement.orientation(c.cleanParams(), defaultOrientation);
                break;
            case "BY":
                p = Params.of(c, warnings);
                moduleWidth = p.integer(0, moduleWidth, 1, 10);
                ratio = p.decimal(1, ratio, 2.0, 3.0);
                barcodeHeight = p.integer(2, barcodeHeight, 1, 32000);
                break;
            case "FD":
            case "FV":
                if (field.fieldNumber == 0 || !fieldData.containsKey(field.fieldNumber)) {
                    field.data = c.cleanParams();
                }
                break;
            case "SN":
                warnings.add("^SN serial numbers are previewed as their first value");
                field.data = Params.of(c, warnings).text(0);
                break;
            case "FH":
                String ind = c.cleanParams();
                field.hexIndicator = ind.isEmpty() ? '_' : ind.charAt(0);
                break;
            case "FR":
                field.reverse = true;
                break;
            case "FB":
                p = Params.of(c, warnings);
                field.blockWidth = p.integer(0, 0, 0, 32000);
                field.blockLines = p.integer(1, 1, 1, 9999);
                field.blockSpacing = p.integer(2, 0, -9999, 9999);
                field.blockJustify = p.letter(3, 'L');
                field.blockIndent = p.integer(4, 0, 0, 9999);
                break;
            case "FS":
                flush();
                break;
            case "XZ":
                flush();
                break;
            case "GB":
            case "GC":
            case "GE":
            case "GD":
                field.graphic = c;
                break;
            case "GF":
                field.graphicField = c;
                break;
            case "GS":
                p = Params.of(c, warnings);
                field.graphicSymbol = true;
                field.font = '0';
                field.orientation = Placement.orientation(p.text(0), (char) 0);
                field.fontHeight = p.integer(1, defaultFontHeight, 0, 32000);
                field.fontWidth = p.integer(2, field.fontHeight, 0, 32000);
                break;
            case "XG":
            case "IM":
                recallGraphic(c);
                break;
            case "FN":
                field.fieldNumber = StoredObjects.fieldNumber(c);
                ZplCommand[] given = fieldData.get(field.fieldNumber);
                if (given != null) {
                    field.data = given[0].cleanParams();
                    if (given[1] != null) {
                        String gi = given[1].cleanParams();
                        field.hexIndicator = gi.isEmpty() ? '_' : gi.charAt(0);
                    }
                }
                break;
            case "LH":
                p = Params.of(c, warnings);
                homeX = p.integer(0, 0, 0, 32000);
                homeY = p.integer(1, 0, 0, 32000);
                break;
            case "LS":
                shiftX = Params.of(c, warnings).integer(0, 0, -9999, 9999);
                break;
            case "LT":
                topY = Params.of(c, warnings).integer(0, 0, -120, 120);
                break;
            case "LR":
                labelReverse = Params.of(c, warnings).yes(0, false);
                break;
            case "CI":
                p = Params.of(c, warnings);
                charset = p.integer(0, 0, 0, 36);
                remap = null;
                // ^CIa,s1,d1,s2,d2,...: byte s printed as byte d.
                for (int k = 1; p.has(k) && p.has(k + 1); k += 2) {
                    if (remap == null) {
                        remap = new byte[256];
                        for (int b = 0; b < 256; b++) {
                            remap[b] = (byte) b;
                        }
                    }
                    remap[p.integer(k, 0, 0, 255)] = (byte) p.integer(k + 1, 0, 0, 255);
                }
                break;
            default:
                other(c);
        }
    }

    /** {@code ^XGd:o.x,mx,my} (magnified) and {@code ^IMd:o.x} (as stored) of a graphic this input downloaded. */
    private void recallGraphic(ZplCommand c) {
        String[] p = c.cleanParams().split(",", -1);
        String params = stored.graphic(p[0]);
        if (params == null) {
            warnings.add(c.label() + ": graphic " + StoredObjects.key(p[0], ".GRF")
                    + " is not downloaded by this input (~DG); not previewed");
            return;
        }
        field.recalledGraphic = params;
        if (c.is("XG")) {
            Params q = Params.of(c, warnings);
            field.magnifyX = q.integer(1, 1, 1, 10);
            field.magnifyY = q.integer(2, 1, 1, 10);
        }
    }

    private void other(ZplCommand c) {
        ZplCommandCatalog.Status status = ZplCommandCatalog.statusOf(c);
        if (BarcodePainter.supports(c.code())) {
            field.barcode = c;
        } else if (status == ZplCommandCatalog.Status.REPORTED) {
            warnings.add(c.label() + " is not previewed");
        } else if (status == null) {
            warnings.add("unknown command " + c.label() + " ignored");
        }
    }

    private void fontCommand(ZplCommand c) {
        String all = c.cleanParams();
        String rest;
        if (c.code().equals("A@")) {
            field.font = '0';
            rest = all;
        } else if (all.isEmpty()) {
            warnings.add("^A without a font name ignored");
            return;
        } else {
            field.font = Character.toUpperCase(all.charAt(0));
            rest = all.substring(1);
        }
        Params p = Params.of(c.label(), rest, c.delimiter(), warnings);
        field.orientation = Placement.orientation(p.text(0), (char) 0);
        field.fontHeight = p.integer(1, 0, 0, 32000);
        field.fontWidth = p.integer(2, 0, 0, 32000);
    }

    /** A new origin while the previous field has content but no ^FS: the printer draws it; so do we. */
    private void flushIfPending() {
        if (field.hasContent()) {
            flush();
        }
    }

    private void flush() {
        Field f = field;
        field = new Field();
        if (!f.hasContent()) {
            return;
        }
        if (drawn.size() >= maxFields) {
            warnings.add("more than " + maxFields + " fields; the rest are not drawn");
            return;
        }
        int x = f.x + homeX - shiftX;
        int y = f.y + homeY + topY;
        boolean reverse = f.reverse || labelReverse;
        if (f.barcode != null) {
            if (f.data != null) {
                drawSymbol(f, x, y, reverse);
            }
        } else if (f.graphic != null) {
            drawGraphic(f, x, y, reverse);
        } else if (f.graphicField != null || f.recalledGraphic != null) {
            drawBitmap(f, x, y, reverse);
        } else {
            drawText(f, x, y, reverse);
        }
    }

    private String decodedData(Field f) {
        String raw = f.data;
        if (raw.length() > MAX_FIELD_DATA * 3) {
            warnings.add("field data longer than " + MAX_FIELD_DATA + " bytes cut");
            raw = raw.substring(0, MAX_FIELD_DATA * 3);
        }
        return FieldDataDecoder.decode(raw, f.hexIndicator, charset, remap, warnings);
    }

    private void drawText(Field f, int x, int y, boolean reverse) {
        String data = decodedData(f);
        if (f.graphicSymbol) {
            data = graphicSymbols(data);
        }
        TextPainter.Face face;
        if (f.font != 0) {
            int h = f.fontHeight;
            int w = f.fontWidth;
            if (h == 0 && w == 0 && (f.font == '0' || f.font == defaultFont)) {
                h = defaultFontHeight;
                w = defaultFontWidth;
            }
            face = text.face(f.font, h, w);
        } else {
            face = text.face(defaultFont, defaultFontHeight, defaultFontWidth);
        }
        char orientation = f.orientation != 0 ? f.orientation : defaultOrientation;
        TextPainter.Block block = text.layout(face, data, f.blockWidth, f.blockLines, f.blockSpacing);
        AffineTransform frame = Placement.of(x, y, f.typeset, orientation, block.width, block.height, face.ascent);
        Graphics2D g = canvas.begin(frame, false, reverse);
        text.draw(g, face, block, f.blockJustify, f.blockIndent);
        canvas.end();
        if (f.typeset && orientation == 'N') {
            nextTypesetX = f.x + (int) Math.round(block.width);
            nextTypesetY = f.y;
        }
        drawn.add(field(DrawnField.Kind.TEXT, x, y, data, frame, block.width, block.height));
    }

    /** ^GS field data: A registered, B copyright, C trademark, D UL, E CSA (other letters print as they are). */
    private static String graphicSymbols(String data) {
        StringBuilder out = new StringBuilder();
        for (char c : data.toCharArray()) {
            switch (Character.toUpperCase(c)) {
                case 'A': out.append('\u00ae'); break;
                case 'B': out.append('\u00a9'); break;
                case 'C': out.append('\u2122'); break;
                case 'D': out.append("UL"); break;
                case 'E': out.append("CSA"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    private void drawSymbol(Field f, int x, int y, boolean reverse) {
        String data = decodedData(f);
        Symbol s = barcodes.symbol(f.barcode, data, new BarcodePainter.Defaults(moduleWidth, ratio, barcodeHeight,
                dpi));
        if (s == null) {
            return;
        }
        long w = s.widthDots();
        long barsHeight = s.barsHeightDots();
        if (w > MAX_SYMBOL_DOTS || barsHeight > MAX_SYMBOL_DOTS) {
            warnings.add(f.barcode.label() + ": symbol of " + w + " x " + barsHeight + " dots is too large to draw");
            return;
        }
        TextPainter.Face face = null;
        double textBand = 0;
        if (s.humanReadable != null) {
            face = text.face('0', Math.min(60, 9 * Math.max(2, s.textModule)), 0);
            textBand = face.height + HUMAN_READABLE_GAP;
        }
        double boxHeight = barsHeight + textBand;
        double anchor = s.humanReadableAbove ? boxHeight : barsHeight;
        char orientation = BarcodePainter.orientation(f.barcode, defaultOrientation);
        AffineTransform frame = Placement.of(x, y, f.typeset, orientation, w, boxHeight, anchor);
        Graphics2D g = canvas.begin(frame, false, reverse);
        s.drawModules(g, s.humanReadableAbove ? (int) Math.round(textBand) : 0);
        if (face != null) {
            String hri = TextPainter.printableOnly(s.humanReadable);
            double textY = s.humanReadableAbove ? 0 : barsHeight + HUMAN_READABLE_GAP;
            g.setFont(face.font);
            float textX = s.humanReadableFromLeft ? 0 : (float) ((w - face.width(hri)) / 2);
            g.drawString(hri, textX, (float) (textY + face.ascent));
        }
        canvas.end();
        drawn.add(field(s.kind, x, y, s.content, frame, w, boxHeight));
    }

    private void drawGraphic(Field f, int x, int y, boolean reverse) {
        GraphicPainter.Graphic shape = GraphicPainter.of(f.graphic, warnings);
        if (shape == null) {
            return;
        }
        AffineTransform frame = Placement.of(x, y, f.typeset, 'N', shape.width, shape.height, shape.height);
        Graphics2D g = canvas.begin(frame, shape.white, reverse);
        shape.fill(g);
        canvas.end();
        drawn.add(field(shape.kind, x, y, "", frame, shape.width, shape.height));
    }

    private static DrawnField field(DrawnField.Kind kind, int x, int y, String data, AffineTransform frame,
            double w, double h) {
        Rectangle box = frame.createTransformedShape(new Rectangle2D.Double(0, 0, w, h)).getBounds();
        return new DrawnField(kind, x, y, data, box.x, box.y, box.width, box.height);
    }

    private void drawBitmap(Field f, int x, int y, boolean reverse) {
        String params = f.graphicField != null ? f.graphicField.params() : f.recalledGraphic;
        GraphicFieldDecoder.Bitmap bitmap = GraphicFieldDecoder.decode(params, maxGraphicBytes, warnings);
        if (bitmap == null) {
            return;
        }
        int height = bitmap.rows * f.magnifyY;
        int top = f.typeset ? y - height : y;
        Graphics2D g = canvas.begin(new AffineTransform(), false, reverse);
        bitmap.draw(g, x, top, canvas.height(), f.magnifyX, f.magnifyY);
        canvas.end();
        drawn.add(new DrawnField(DrawnField.Kind.GRAPHIC, x, y, "", x, top, bitmap.bytesPerRow * 8 * f.magnifyX,
                height));
    }
}
