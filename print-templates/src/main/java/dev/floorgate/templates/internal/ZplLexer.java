package dev.floorgate.templates.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits ZPL text into commands. Never throws: any input yields a list (possibly empty).
 *
 * <p>Rules (Zebra ZPL guide, PROTOCOLS.md 1.1-1.3): a command is the caret or tilde, a two-letter code (the font
 * command {@code ^A} takes one letter, its font name being the first parameter character), then parameters up to
 * the next caret or tilde. Field data obeys the same rule because {@code ^} and {@code ~} cannot appear in it
 * literally. {@code ^CC}/{@code ~CC} and {@code ^CT}/{@code ~CT} change the prefix characters and are applied
 * while lexing, and so does {@code ^CD}/{@code ~CD}, the parameter delimiter, which each command carries. The
 * single-byte aliases STX (0x02), ETX (0x03) and SI (0x0F) become {@code ^XA}, {@code ^XZ} and
 * {@code ^FS}. Text outside any command is skipped, as a printer skips it.
 *
 * <p>The printer simulator's {@code ZplStreamDecoder} (device-simulators) is a different thing, not a copy:
 * it frames bytes arriving from a socket into formats, {@code ~} commands and SGD lines, across reads and with
 * bounds; a complete format is then read with this lexer ({@code ZplFieldData}).
 */
public final class ZplLexer {
    private static final char STX = 0x02;
    private static final char ETX = 0x03;
    private static final char SI = 0x0F;

    private ZplLexer() {
    }

    public static List<ZplCommand> lex(CharSequence zpl) {
        List<ZplCommand> out = new ArrayList<>();
        int n = zpl.length();
        char caret = '^';
        char tilde = '~';
        char delimiter = ',';
        int i = 0;
        while (i < n) {
            char c = zpl.charAt(i);
            if (c == STX || c == ETX || c == SI) {
                String code = c == STX ? "XA" : c == ETX ? "XZ" : "FS";
                out.add(new ZplCommand(ZplCommand.FORMAT, code, "", i, i + 1, i + 1, delimiter));
                i++;
                continue;
            }
            if (c != caret && c != tilde) {
                i++;
                continue;
            }
            char kind = c == caret ? ZplCommand.FORMAT : ZplCommand.CONTROL;
            int start = i++;
            String code;
            if (i >= n) {
                code = "";
            } else {
                char c1 = Character.toUpperCase(zpl.charAt(i));
                boolean fontCommand = kind == ZplCommand.FORMAT && c1 == 'A';
                if (fontCommand && i + 1 < n && zpl.charAt(i + 1) == '@') {
                    code = "A@";
                    i += 2;
                } else if (fontCommand) {
                    code = "A";
                    i += 1;
                } else if (i + 1 < n && !isTerminator(zpl.charAt(i + 1), caret, tilde)) {
                    code = new String(new char[] {c1, Character.toUpperCase(zpl.charAt(i + 1))});
                    i += 2;
                } else {
                    code = String.valueOf(c1);
                    i += 1;
                }
            }
            int paramsStart = i;
            if ((code.equals("CC") || code.equals("CT")) && i < n) {
                char p = zpl.charAt(i++);
                if (!isTerminator(p, caret, tilde) || p == caret || p == tilde) {
                    if (code.equals("CC")) {
                        caret = p;
                    } else {
                        tilde = p;
                    }
                }
                out.add(new ZplCommand(kind, code, String.valueOf(p), start, paramsStart, i, delimiter));
                continue;
            }
            if (code.equals("CD") && i < n && !isTerminator(zpl.charAt(i), caret, tilde)) {
                delimiter = zpl.charAt(i++);
                out.add(new ZplCommand(kind, code, String.valueOf(delimiter), start, paramsStart, i, delimiter));
                continue;
            }
            while (i < n && !isTerminator(zpl.charAt(i), caret, tilde)) {
                i++;
            }
            out.add(new ZplCommand(kind, code, zpl.subSequence(paramsStart, i).toString(), start, paramsStart, i,
                    delimiter));
        }
        return out;
    }

    private static boolean isTerminator(char c, char caret, char tilde) {
        return c == caret || c == tilde || c == STX || c == ETX || c == SI;
    }
}
