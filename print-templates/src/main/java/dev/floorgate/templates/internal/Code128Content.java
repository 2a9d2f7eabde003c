package dev.floorgate.templates.internal;

/**
 * Translates {@code ^BC} field data (after {@code ^FH} decoding) into the content string zxing's Code 128 writer
 * takes, where FNC1..FNC3 are the characters U+00F1..U+00F3, and into the human-readable line.
 *
 * <p>ZPL invocation codes (PROTOCOLS.md 1.4): {@code >:} start/switch B, {@code >;} start C, {@code >9} start A,
 * {@code >5}/{@code >6}/{@code >7} switch to C/B/A, {@code >8} FNC1, {@code >3} FNC2, {@code >2} FNC3,
 * {@code >4} shift (previewed as nothing), {@code >0} a literal {@code >}, {@code >=} a literal {@code ~}.
 * zxing picks its own code sets, so the symbol may differ from the printer's in size but never in content.
 * Modes: N and A read invocation codes; U (UCC case) takes 19 digits and adds FNC1 and the mod-10 check digit;
 * D (UCC/EAN) drops parentheses and spaces from the symbol, starts with FNC1 and keeps the parentheses in the
 * human-readable line.
 */
final class Code128Content {
    static final char FNC1 = '\u00f1';
    static final char FNC2 = '\u00f2';
    static final char FNC3 = '\u00f3';

    final String content;
    final String humanReadable;
    /**
     * The code set the printer uses for the whole symbol ('A', 'B' or 'C'), so the preview has the printer's
     * width; 0 when the data switches sets or the mode packs automatically, and zxing may choose.
     */
    final char codeSet;

    private Code128Content(String content, String humanReadable, char codeSet) {
        this.content = content;
        this.humanReadable = humanReadable;
        this.codeSet = codeSet;
    }

    static Code128Content of(String data, char mode, PreviewWarnings warnings) {
        switch (mode) {
            case 'U':
                return uccCase(data, warnings);
            case 'D':
                return uccEan(data, warnings);
            case 'A':
                return invocationCodes(data, false, warnings);
            default:
                return invocationCodes(data, true, warnings);
        }
    }

    /**
     * @param manual true for mode N, where the printer stays in the code set the data selects (B when none);
     *               false for mode A, where it packs by itself
     */
    private static Code128Content invocationCodes(String data, boolean manual, PreviewWarnings warnings) {
        StringBuilder content = new StringBuilder(data.length());
        StringBuilder human = new StringBuilder(data.length());
        boolean subsetC = false;
        char startSet = 'B';
        boolean switched = false;
        boolean controlChars = false;
        int n = data.length();
        for (int i = 0; i < n; i++) {
            char c = data.charAt(i);
            if (c == '>' && i + 1 < n) {
                char code = data.charAt(++i);
                boolean atStart = i == 1;
                switch (code) {
                    case ';':
                    case '5':
                        subsetC = manual;
                        if (atStart && code == ';') {
                            startSet = 'C';
                        } else {
                            switched = true;
                        }
                        break;
                    case ':':
                    case '6':
                    case '9':
                    case '7':
                        subsetC = false;
                        if (atStart && (code == ':' || code == '9')) {
                            startSet = code == ':' ? 'B' : 'A';
                        } else {
                            switched = true;
                        }
                        break;
                    case '8':
                        content.append(FNC1);
                        break;
                    case '3':
                        content.append(FNC2);
                        break;
                    case '2':
                        content.append(FNC3);
                        break;
                    case '4':
                        switched = true;
                        break;
                    case '0':
                        content.append('>');
                        human.append('>');
                        break;
                    case '=':
                        content.append('~');
                        human.append('~');
                        break;
                    default:
                        warnings.add("^BC: unknown invocation code '>" + code + "'; previewed literally");
                        content.append('>').append(code);
                        human.append('>').append(code);
                }
                continue;
            }
            if (subsetC) {
                boolean pair = i + 1 < n && isDigit(c) && isDigit(data.charAt(i + 1));
                if (pair) {
                    content.append(c).append(data.charAt(i + 1));
                    human.append(c).append(data.charAt(i + 1));
                    i++;
                    continue;
                }
                warnings.add("^BC: subset C expects digit pairs; '" + printable(c) + "' previewed as subset B");
            }
            controlChars |= c < 0x20;
            if (c > 127) {
                warnings.add("^BC: character U+" + String.format("%04X", (int) c)
                        + " is not in Code 128; left out of the preview");
                continue;
            }
            content.append(c);
            human.append(c);
        }
        char codeSet = !manual || switched || (controlChars && startSet == 'B') ? 0 : startSet;
        return new Code128Content(content.toString(), human.toString(), codeSet);
    }

    private static Code128Content uccCase(String data, PreviewWarnings warnings) {
        StringBuilder digits = new StringBuilder(19);
        for (int i = 0; i < data.length() && digits.length() < 19; i++) {
            if (isDigit(data.charAt(i))) {
                digits.append(data.charAt(i));
            }
        }
        if (!data.matches("[0-9]{19}")) {
            warnings.add("^BC mode U: expects exactly 19 digits, got '" + Params.shorten(data) + "'");
        }
        while (digits.length() < 19) {
            digits.append('0');
        }
        digits.append(gs1CheckDigit(digits));
        return new Code128Content(FNC1 + digits.toString(), digits.toString(), 'C');
    }

    private static Code128Content uccEan(String data, PreviewWarnings warnings) {
        Code128Content inner = invocationCodes(data.replace("(", "").replace(")", "").replace(" ", ""), false,
                warnings);
        String content = inner.content.isEmpty() || inner.content.charAt(0) != FNC1 ? FNC1 + inner.content
                : inner.content;
        return new Code128Content(content, invocationCodes(data, false, warnings).humanReadable, (char) 0);
    }

    static char gs1CheckDigit(CharSequence digits) {
        int sum = 0;
        boolean three = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            sum += three ? 3 * d : d;
            three = !three;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static String printable(char c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c);
    }
}
