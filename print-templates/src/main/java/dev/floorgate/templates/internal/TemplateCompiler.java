package dev.floorgate.templates.internal;

import dev.floorgate.templates.FieldType;
import dev.floorgate.templates.TemplateField;
import dev.floorgate.templates.ZplEscaper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles the ZPL body of a template into a {@link CompiledTemplate}, checking it on the way. Rules:
 * <ul>
 *   <li>exactly one label format: {@code ^XA} first, {@code ^XZ} last, nothing but white space around;</li>
 *   <li>placeholders only inside {@code ^FD}/{@code ^FV} data, each naming a declared field;</li>
 *   <li>{@code ^CI28} (UTF-8) is inserted after {@code ^XA} unless the template has it; any other {@code ^CI}
 *       is an error, because values are written as UTF-8;</li>
 *   <li>a field with placeholders gets {@code ^FH} before its {@code ^FD} unless it has one (then literal
 *       {@code _} of the template is written {@code _5F}); a custom {@code ^FH} indicator must not be a letter,
 *       digit or space;</li>
 *   <li>{@code ^PQ} gets the render's copies: its quantity is replaced, or {@code ^PQn} is added before
 *       {@code ^XZ};</li>
 *   <li>a {@code ^BQ} field begins with literal switches {@code [HQML]A,} before any placeholder, so data can
 *       never choose the QR mode; {@code ${gs1:...}} fills a whole {@code ^BC} field; {@code ${gs1-hri:...}}
 *       goes in text; a {@code ^BE} field takes a gtin field.</li>
 * </ul>
 */
final class TemplateCompiler {
    private static final Pattern QR_SWITCHES = Pattern.compile("[HQML]A,.*", Pattern.DOTALL);

    /** The compiled template and what the loader checks against the header. */
    static final class Result {
        final CompiledTemplate template;
        final Set<String> usedFields;
        final int printWidth;
        final int printWidthLine;

        Result(CompiledTemplate template, Set<String> usedFields, int printWidth, int printWidthLine) {
            this.template = template;
            this.usedFields = usedFields;
            this.printWidth = printWidth;
            this.printWidthLine = printWidthLine;
        }
    }

    private final String body;
    private final LineMap lines;
    private final CompiledTemplate out;
    private final Set<String> used = new LinkedHashSet<>();
    private int pos;

    // The field being read, from ^FO/^FT to ^FS.
    private int fieldStartPart = -1;
    private boolean fieldLocalOnly;
    private boolean fieldHasSlots;
    private boolean fieldHasLiteralData;
    private boolean pendingFieldCommands;
    private ZplCommand barcode;
    private char indicator;
    private final Set<String> fieldRefs = new HashSet<>();

    private TemplateCompiler(String name, String body, int firstLine, List<TemplateField> fields) {
        this.body = body;
        this.lines = new LineMap(body, firstLine);
        this.out = new CompiledTemplate(name, fields);
    }

    /**
     * @param firstLine the file line number of the body's first line
     */
    static Result compile(String name, String body, int firstLine, List<TemplateField> fields)
            throws TemplateSyntaxException {
        return new TemplateCompiler(name, body, firstLine, fields).run();
    }

    private Result run() throws TemplateSyntaxException {
        List<ZplCommand> cmds = ZplLexer.lex(body);
        FormatStructure format = FormatStructure.check(body, cmds, lines);
        int xa = format.start;
        int xz = format.end;

        boolean hasCi = false;
        int printWidth = 0;
        int printWidthLine = 0;
        for (int i = xa + 1; i < xz; i++) {
            ZplCommand c = cmds.get(i);
            if (c.is("CI")) {
                String v = c.cleanParams().trim();
                if (!v.equals("28")) {
                    throw error(c.start(), "^CI" + v + ": templates must use ^CI28 (UTF-8), the encoding of field "
                            + "values");
                }
                hasCi = true;
            } else if (c.is("PW")) {
                printWidth = parseOr(c.cleanParams(), 0);
                printWidthLine = lines.line(c.start());
            }
        }

        ZplCommand start = cmds.get(xa);
        pos = start.start();
        copyTo(start.paramsStart());
        if (!hasCi) {
            out.addLiteral("^CI28");
        }
        boolean copiesSeen = false;
        for (int i = xa + 1; i < xz; i++) {
            ZplCommand c = cmds.get(i);
            checkNoPlaceholderOutsideData(c);
            switch (c.kind() == ZplCommand.FORMAT ? c.code() : "~") {
                case "FO":
                case "FT":
                    copyTo(c.start());
                    beginField(!pendingFieldCommands);
                    break;
                case "FH":
                    String p = c.cleanParams();
                    indicator = p.isEmpty() ? ZplEscaper.DEFAULT_INDICATOR : p.charAt(0);
                    try {
                        ZplEscaper.checkIndicator(indicator);
                    } catch (IllegalArgumentException e) {
                        throw error(c.start(), e.getMessage());
                    }
                    pendingFieldCommands = true;
                    break;
                case "A":
                case "A@":
                case "FB":
                case "FR":
                    pendingFieldCommands = true;
                    break;
                case "FD":
                case "FV":
                    if (c.params().contains("${")) {
                        fieldData(c);
                    } else {
                        fieldHasLiteralData |= !c.params().isBlank();
                    }
                    pendingFieldCommands = true;
                    break;
                case "FS":
                    endField(c);
                    break;
                case "PQ":
                    if (copiesSeen) {
                        throw error(c.start(), "second ^PQ; copies come from the render");
                    }
                    copiesSeen = true;
                    copies(c);
                    break;
                default:
                    if (FieldContext.isBarcodeCommand(c)) {
                        barcode = c;
                        pendingFieldCommands = true;
                    } else {
                        // ^BY, ^GB, settings...: not local to one field, so the field can no longer be left out.
                        fieldLocalOnly = false;
                    }
            }
        }
        ZplCommand end = cmds.get(xz);
        copyTo(end.start());
        if (!copiesSeen) {
            out.addCopies("");
        }
        copyTo(end.paramsStart());
        out.addLiteral("\n");
        return new Result(out, used, printWidth, printWidthLine);
    }

    private void beginField(boolean clean) {
        fieldStartPart = clean ? out.partCount() : -1;
        fieldLocalOnly = true;
        fieldHasSlots = false;
        fieldHasLiteralData = false;
        fieldRefs.clear();
        barcode = null;
        indicator = 0;
        pendingFieldCommands = true;
    }

    private void endField(ZplCommand fs) {
        copyTo(fs.end());
        if (fieldHasSlots && fieldStartPart >= 0 && fieldLocalOnly && !fieldHasLiteralData) {
            out.markDroppable(fieldStartPart, out.partCount(), fieldRefs);
        }
        fieldStartPart = -1;
        fieldHasSlots = false;
        fieldHasLiteralData = false;
        fieldRefs.clear();
        barcode = null;
        indicator = 0;
        pendingFieldCommands = false;
    }

    private void copies(ZplCommand c) {
        String params = c.params();
        int qtyEnd = 0;
        while (qtyEnd < params.length() && params.charAt(qtyEnd) != ',' && !Character.isWhitespace(params.charAt(qtyEnd))) {
            qtyEnd++;
        }
        copyTo(c.start());
        out.addCopies("");
        pos = c.paramsStart() + qtyEnd;
    }

    private void fieldData(ZplCommand c) throws TemplateSyntaxException {
        FieldContext context = FieldContext.of(barcode);
        boolean insertFh = indicator == 0;
        char ind = insertFh ? ZplEscaper.DEFAULT_INDICATOR : indicator;
        char dmEscape = '_';
        if (context == FieldContext.DATA_MATRIX) {
            String[] bx = barcode.cleanParams().split(",", -1);
            if (bx.length > 6 && !bx[6].trim().isEmpty()) {
                dmEscape = bx[6].trim().charAt(0);
            }
        }
        copyTo(c.start());
        if (insertFh) {
            out.addLiteral("^FH");
        }
        copyTo(c.paramsStart());
        String data = c.params();
        int i = 0;
        boolean first = true;
        int slots = 0;
        boolean hasGs1 = false;
        StringBuilder literalData = new StringBuilder();
        while (i < data.length()) {
            int open = data.indexOf("${", i);
            String literal = data.substring(i, open < 0 ? data.length() : open);
            if (first && context == FieldContext.QR && open >= 0 && !QR_SWITCHES.matcher(literal).matches()) {
                throw error(c.paramsStart(), "^BQ field data must start with the QR switches, e.g. 'QA,', before "
                        + "the first placeholder, so that data cannot choose the QR mode");
            }
            String literalPart = first && context == FieldContext.QR ? literal.substring(Math.min(3, literal.length()))
                    : literal;
            literalData.append(literalPart);
            out.addLiteral(insertFh ? literal.replace("_", "_5F") : literal);
            if (open < 0) {
                break;
            }
            int close = data.indexOf('}', open);
            if (close < 0) {
                throw error(c.paramsStart() + open, "unclosed placeholder '" + Params.shorten(data.substring(open))
                        + "' (missing })");
            }
            Placeholder p;
            try {
                p = Placeholder.parse(data.substring(open + 2, close));
            } catch (IllegalArgumentException e) {
                throw error(c.paramsStart() + open, e.getMessage());
            }
            checkPlaceholder(p, context, c.paramsStart() + open);
            hasGs1 |= p.kind == Placeholder.Kind.GS1;
            out.addSlot(p, context, ind, dmEscape);
            fieldRefs.addAll(p.fields);
            used.addAll(p.fields);
            slots++;
            first = false;
            i = close + 1;
        }
        fieldHasSlots = true;
        fieldHasLiteralData |= !literalData.toString().isBlank();
        if (hasGs1 && (slots > 1 || !literalData.toString().isBlank())) {
            throw error(c.paramsStart(), "${gs1:...} must be the whole ^FD data of its ^BC field");
        }
        pos = c.end();
    }

    private void checkPlaceholder(Placeholder p, FieldContext context, int offset) throws TemplateSyntaxException {
        List<String> unknown = new ArrayList<>();
        for (String f : p.fields) {
            if (out.field(f) == null) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            List<String> declared = new ArrayList<>();
            for (TemplateField f : out.fields()) {
                declared.add(f.name());
            }
            throw error(offset, "unknown field placeholder " + p + (p.kind == Placeholder.Kind.FIELD ? ""
                    : " (unknown: " + String.join(", ", unknown) + ")") + "; declared fields: "
                    + (declared.isEmpty() ? "none" : String.join(", ", declared)));
        }
        switch (p.kind) {
            case GS1:
                if (context != FieldContext.CODE128) {
                    throw error(offset, p + " belongs in a ^BC (Code 128) field");
                }
                String[] bc = barcode.cleanParams().split(",", -1);
                if (bc.length < 6 || !bc[5].trim().equalsIgnoreCase("A")) {
                    throw error(offset, p + " needs ^BC in automatic mode (^BCo,h,f,g,e,A): GS1 data mixes "
                            + "digits and letters, which only mode A packs correctly");
                }
                for (String f : p.fields) {
                    if (out.field(f).type() == FieldType.QR) {
                        throw error(offset, "field '" + f + "' is a qr field and cannot be a GS1 element");
                    }
                }
                break;
            case GS1_HRI:
                if (context != FieldContext.TEXT) {
                    throw error(offset, p + " is the human-readable line and belongs in a text field");
                }
                break;
            default:
                TemplateField f = out.field(p.fields.get(0));
                if (context == FieldContext.EAN13 && f.type() != FieldType.GTIN) {
                    throw error(offset, "^BE (EAN-13) field needs a gtin field; " + p + " is " + f.type().keyword());
                }
        }
    }

    private void checkNoPlaceholderOutsideData(ZplCommand c) throws TemplateSyntaxException {
        if (c.is("FD") || c.is("FV") || c.is("FX")) {
            return;
        }
        int at = c.params().indexOf("${");
        if (at >= 0) {
            throw error(c.paramsStart() + at, "placeholder in " + c.label()
                    + " parameters; placeholders go only in ^FD field data");
        }
    }

    private void copyTo(int offset) {
        if (offset > pos) {
            out.addLiteral(body.substring(pos, offset));
            pos = offset;
        }
    }

    private static int parseOr(String s, int def) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return def;
        }
    }

    private TemplateSyntaxException error(int offset, String message) {
        return new TemplateSyntaxException(lines.line(offset), message);
    }
}
