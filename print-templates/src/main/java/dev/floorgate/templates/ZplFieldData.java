package dev.floorgate.templates;

import dev.floorgate.templates.internal.FieldDataDecoder;
import dev.floorgate.templates.internal.ZplCommand;
import dev.floorgate.templates.internal.ZplLexer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a received label says: the field data of one ZPL format as a printer would print it, read from the
 * bytes it received. The inverse of {@link ZplEscaper} for a whole format on the wire ({@link
 * ZplEscaper#unescape} reverses one field held as Java text): each {@code ^FD} value with its {@code ^FH} escapes
 * decoded (indicator {@code _} unless given) and its bytes read in the {@code ^CI} character set in force
 * (28 = UTF-8; code page 850 with the USA set when none is given, as on the printer), lexed by the same {@code ZplLexer} the templates and the
 * preview use. The printer simulator records this with each label, so tests can check that data containing
 * {@code ^XZ} printed as text rather than running as commands. Never throws on odd input.
 */
public final class ZplFieldData {

    private ZplFieldData() {
    }

    /** The field data of {@code format}, in order. */
    public static List<String> of(byte[] format) {
        List<String> fields = new ArrayList<>();
        int ci = 0;
        char indicator = 0;
        for (ZplCommand c : ZplLexer.lex(new String(format, StandardCharsets.ISO_8859_1))) {
            if (c.is("CI")) {
                ci = leadingNumber(c.cleanParams());
            } else if (c.is("FH")) {
                String given = c.cleanParams();
                indicator = given.isEmpty() ? ZplEscaper.DEFAULT_INDICATOR : given.charAt(0);
            } else if (c.is("FD")) {
                fields.add(FieldDataDecoder.printed(FieldDataDecoder.wireBytes(c.params(), indicator), ci));
                indicator = 0;
            }
        }
        return fields;
    }

    private static int leadingNumber(String params) {
        int value = 0;
        for (int i = 0; i < params.length() && i < 3 && Character.isDigit(params.charAt(i)); i++) {
            value = value * 10 + (params.charAt(i) - '0');
        }
        return value;
    }
}
