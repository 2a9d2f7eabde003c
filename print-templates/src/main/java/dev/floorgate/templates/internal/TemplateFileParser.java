package dev.floorgate.templates.internal;

import dev.floorgate.templates.FieldType;
import dev.floorgate.templates.TemplateField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a template file: a header of {@code # key: value} lines, then one ZPL label format.
 *
 * <pre>
 * # description: Returns label for the RMA desk
 * # dpi: 203                      (152, 203, 300 or 600; default 203)
 * # size: 4x2 in                  (also "100x50 mm" or "812x406 dots"; required; at most 12 x 24 in)
 * # field: rma text required max=20 sample=RMA-0001
 * # field: qty integer optional sample=3
 * # field: shipped date optional format=dd.MM.yyyy sample=2025-01-31
 * ## a comment
 * ^XA
 * ^FO40,40^A0N,40,40^FD${rma}^FS
 * ...
 * ^XZ
 * </pre>
 *
 * The name is the file name without {@code .zpl} unless a {@code # name:} line gives one; names are lower-case
 * letters, digits and dashes. Field options: {@code required} (default) or {@code optional}, {@code max=N},
 * {@code format=PATTERN} (dates), and {@code sample=...}, which takes the rest of the line and is required for
 * required fields (previews use it). Every problem is a {@link TemplateSyntaxException} with its line.
 */
public final class TemplateFileParser {
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern SIZE = Pattern.compile(
            "([0-9]+(?:\\.[0-9]+)?)\\s*[xX]\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(in|mm|dots)");
    /** A word, or an option whose value is in double quotes (a format with spaces: {@code format="dd.MM HH:mm"}). */
    private static final Pattern TOKEN = Pattern.compile("[a-z]+=\"[^\"]*\"|\\S+");
    private static final double MAX_WIDTH_INCHES = 12;
    private static final double MAX_HEIGHT_INCHES = 24;

    private TemplateFileParser() {
    }

    /**
     * @param defaultName the name when the header has no {@code # name:} (the file name without .zpl)
     * @param source      where the text came from, kept for {@code LabelTemplate.source()}
     */
    public static TemplateDefinition parse(String text, String defaultName, String source)
            throws TemplateSyntaxException {
        String[] lines = text.split("\n", -1);
        Map<String, Integer> seenKeys = new HashMap<>();
        String name = null;
        String description = "";
        int dpi = 203;
        String size = null;
        int sizeLine = 0;
        List<TemplateField> fields = new ArrayList<>();
        Map<String, Integer> fieldLines = new LinkedHashMap<>();
        Map<String, String> samples = new LinkedHashMap<>();
        int offset = 0;
        int index = 0;
        for (; index < lines.length; index++) {
            String line = stripCr(lines[index]);
            int lineNo = index + 1;
            if (!line.isBlank() && !line.startsWith("#")) {
                break;
            }
            offset += lines[index].length() + 1;
            if (line.isBlank() || line.startsWith("##") || line.substring(1).isBlank()) {
                continue;
            }
            String content = line.substring(1);
            int colon = content.indexOf(':');
            if (colon < 0) {
                throw new TemplateSyntaxException(lineNo, "header line must be '# key: value' (or '## comment')");
            }
            String key = content.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
            String value = content.substring(colon + 1).trim();
            if (!key.equals("field")) {
                Integer before = seenKeys.put(key, lineNo);
                if (before != null) {
                    throw new TemplateSyntaxException(lineNo, "'" + key + "' given twice (first at line " + before
                            + ")");
                }
            }
            switch (key) {
                case "name":
                    if (!NAME.matcher(value).matches()) {
                        throw new TemplateSyntaxException(lineNo, "bad template name '" + value
                                + "' (lower-case letters, digits and dashes, at most 64)");
                    }
                    name = value;
                    break;
                case "description":
                    description = value;
                    break;
                case "dpi":
                    try {
                        dpi = Integer.parseInt(value);
                        PreviewRenderer.dotsPerInch(dpi);
                    } catch (IllegalArgumentException e) {
                        throw new TemplateSyntaxException(lineNo, "bad dpi '" + value
                                + "' (use 152, 203, 300 or 600)");
                    }
                    break;
                case "size":
                    size = value;
                    sizeLine = lineNo;
                    break;
                case "field":
                    field(value, lineNo, fields, fieldLines, samples);
                    break;
                default:
                    throw new TemplateSyntaxException(lineNo, "unknown header key '" + key
                            + "' (use name, description, dpi, size, field)");
            }
        }
        if (name == null) {
            if (!NAME.matcher(defaultName).matches()) {
                throw new TemplateSyntaxException(0, "file name gives the template name '" + defaultName
                        + "', which is not valid (lower-case letters, digits and dashes); rename the file or add "
                        + "'# name: ...'");
            }
            name = defaultName;
        }
        if (size == null) {
            throw new TemplateSyntaxException(index < lines.length ? index + 1 : lines.length,
                    "missing '# size: WxH in' (or mm, dots) header line before the ZPL");
        }
        int[] dots = size(size, dpi, sizeLine);

        String body = offset >= text.length() ? "" : text.substring(offset);
        TemplateCompiler.Result result = TemplateCompiler.compile(name, body, index + 1, fields);
        for (Map.Entry<String, Integer> f : fieldLines.entrySet()) {
            if (!result.usedFields.contains(f.getKey())) {
                throw new TemplateSyntaxException(f.getValue(), "field '" + f.getKey()
                        + "' is declared but no placeholder uses it");
            }
        }
        if (result.printWidth > 0 && result.printWidth != dots[0]) {
            throw new TemplateSyntaxException(result.printWidthLine, "^PW" + result.printWidth
                    + " disagrees with '# size: " + size + "' (" + dots[0] + " dots wide at " + dpi + " dpi)");
        }
        try {
            result.template.render(samples, 1);
        } catch (IllegalArgumentException e) {
            throw new TemplateSyntaxException(sizeLine, "sample data does not render: " + e.getMessage(), e);
        }
        return new TemplateDefinition(name, description, dpi, dots[0], dots[1], fields, samples, result.template,
                source);
    }

    private static void field(String value, int lineNo, List<TemplateField> fields, Map<String, Integer> fieldLines,
            Map<String, String> samples) throws TemplateSyntaxException {
        Matcher m = TOKEN.matcher(value);
        List<String> tokens = new ArrayList<>();
        String sample = null;
        while (m.find()) {
            if (m.group().startsWith("sample=")) {
                sample = value.substring(m.start() + "sample=".length()).trim();
                break;
            }
            tokens.add(m.group());
        }
        if (tokens.size() < 2) {
            throw new TemplateSyntaxException(lineNo, "field line must be 'field: NAME TYPE [required|optional] "
                    + "[max=N] [format=PATTERN] [zone=ZONE] [sample=VALUE]'");
        }
        String name = tokens.get(0);
        if (fieldLines.containsKey(name)) {
            throw new TemplateSyntaxException(lineNo, "field '" + name + "' declared twice (first at line "
                    + fieldLines.get(name) + ")");
        }
        boolean required = true;
        int max = 0;
        String format = null;
        java.time.ZoneId zone = null;
        try {
            FieldType type = FieldType.fromKeyword(tokens.get(1));
            for (String option : tokens.subList(2, tokens.size())) {
                if (option.equals("required") || option.equals("optional")) {
                    required = option.equals("required");
                } else if (option.startsWith("max=")) {
                    try {
                        max = Integer.parseInt(option.substring(4));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("field '" + name + "': bad max length '"
                                + option.substring(4) + "'");
                    }
                    if (max < 1) {
                        throw new IllegalArgumentException("field '" + name + "': max length " + max
                                + " must be 1 to " + TemplateField.MAX_LENGTH_LIMIT);
                    }
                } else if (option.startsWith("format=")) {
                    format = unquote(option.substring(7));
                } else if (option.startsWith("zone=")) {
                    try {
                        zone = java.time.ZoneId.of(unquote(option.substring(5)));
                    } catch (java.time.DateTimeException e) {
                        throw new IllegalArgumentException("field '" + name + "': unknown zone '"
                                + option.substring(5) + "' (use an IANA name such as Europe/Berlin, or UTC)", e);
                    }
                } else {
                    throw new IllegalArgumentException("field '" + name + "': unknown option '" + option
                            + "' (use required, optional, max=N, format=PATTERN, zone=ZONE, sample=VALUE)");
                }
            }
            TemplateField field = new TemplateField(name, type, required, max, format, zone);
            if (type == FieldType.GATEWAY_TIME) {
                if (sample != null) {
                    throw new IllegalArgumentException("field '" + name + "' (gateway-time) takes no sample: it "
                            + "prints the gateway's time when the label is rendered");
                }
            } else if (sample == null || sample.isEmpty()) {
                if (required) {
                    throw new IllegalArgumentException("required field '" + name
                            + "' needs a sample=VALUE (previews use it)");
                }
            } else {
                FieldValues.check(field, sample);
                samples.put(name, sample);
            }
            fields.add(field);
            fieldLines.put(name, lineNo);
        } catch (IllegalArgumentException e) {
            throw new TemplateSyntaxException(lineNo, e.getMessage(), e);
        }
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static int[] size(String size, int dpi, int line) throws TemplateSyntaxException {
        Matcher m = SIZE.matcher(size.trim());
        if (!m.matches()) {
            throw new TemplateSyntaxException(line, "bad size '" + size + "' (use e.g. '4x6 in', '100x150 mm' or "
                    + "'812x1218 dots')");
        }
        double perInch = PreviewRenderer.dotsPerInch(dpi);
        double w = Double.parseDouble(m.group(1));
        double h = Double.parseDouble(m.group(2));
        double perUnit = m.group(3).equals("in") ? perInch : m.group(3).equals("mm") ? perInch / 25.4 : 1;
        int wd = (int) Math.floor(w * perUnit);
        int hd = (int) Math.floor(h * perUnit);
        int maxW = (int) Math.floor(MAX_WIDTH_INCHES * perInch);
        int maxH = (int) Math.floor(MAX_HEIGHT_INCHES * perInch);
        if (wd < 1 || hd < 1 || wd > maxW || hd > maxH) {
            throw new TemplateSyntaxException(line, "size '" + size + "' is " + wd + " x " + hd + " dots at " + dpi
                    + " dpi; it must be between 1 x 1 and " + maxW + " x " + maxH + " (12 x 24 in)");
        }
        return new int[] {wd, hd};
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
