package dev.floorgate.devices.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The field data of a format as the printer would print it: each {@code ^FD} value up to the next command, with
 * {@code ^FH} hex escapes decoded (indicator {@code _} unless given, two hex digits each) and the bytes read as
 * UTF-8 after {@code ^CI28}, else as ISO-8859-1 (PROTOCOLS.md 1.3). Lets tests check what a label says, e.g. that
 * scanned data containing {@code ^XZ} was escaped rather than executed.
 */
final class ZplFields {

    private ZplFields() {
    }

    /** @param format the format's bytes as ISO-8859-1 text */
    static List<String> decode(String format) {
        List<String> fields = new ArrayList<>();
        Charset charset = StandardCharsets.ISO_8859_1;
        Character hexIndicator = null;
        int i = 0;
        while (i < format.length()) {
            int caret = format.indexOf('^', i);
            if (caret < 0 || caret + 2 >= format.length()) {
                break;
            }
            String command = format.substring(caret + 1, caret + 3).toUpperCase(Locale.ROOT);
            int next = format.indexOf('^', caret + 3);
            int end = next < 0 ? format.length() : next;
            String parameters = format.substring(caret + 3, end);
            switch (command) {
                case "CI":
                    charset = parameters.trim().startsWith("28") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
                    break;
                case "FH":
                    hexIndicator = parameters.isEmpty() ? '_' : parameters.charAt(0);
                    break;
                case "FD":
                    fields.add(new String(bytes(parameters, hexIndicator), charset));
                    hexIndicator = null;
                    break;
                default:
                    break;
            }
            i = end;
        }
        return fields;
    }

    private static byte[] bytes(String data, Character indicator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length());
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (indicator != null && c == indicator && i + 2 < data.length()
                    && Character.digit(data.charAt(i + 1), 16) >= 0 && Character.digit(data.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(data.charAt(i + 1), 16) * 16 + Character.digit(data.charAt(i + 2), 16));
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toByteArray();
    }
}
