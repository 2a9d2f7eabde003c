package dev.floorgate.barcodes.internal;

import java.util.Locale;

/**
 * One part of an AI's data field, written the way the GS1 Barcode Syntax Dictionary writes it:
 * {@code N14,csum} (14 digits, the last a check digit), {@code X..20} (1 to 20 characters of CSET 82),
 * {@code [N..4],mmoptss} (an optional final part). Components with a variable length only ever come last
 * in an AI, so a value is matched left to right, each fixed part taking exactly its length.
 */
public final class AiComponent {

    /** The character sets of GS1: N digits, X CSET 82, Y CSET 39, Z CSET 64 (base64url). */
    public enum Charset { N, X, Y, Z }

    /** Content checks beyond the character set ("linters" in the syntax dictionary). */
    public enum Linter {
        NONE,
        /** the last digit is a GS1 mod-10 check digit */
        CSUM,
        /** YYMMDD; DD = 00 means the last day of the month */
        YYMMD0,
        /** YYMMDD; a real day */
        YYMMDD,
        /** HHMM */
        HHMM,
        /** YYMMDDHH */
        YYMMDDHH,
        /** MM or MMSS */
        MMOPTSS,
        /** 0 or 1 */
        YESNO,
        /** a single '-' */
        HYPHEN,
        /** a single '0' */
        ZERO,
        /** NNMM: piece NN of MM, 1 <= NN <= MM */
        PIECE_OF_TOTAL
    }

    private final Charset charset;
    private final int minLength;
    private final int maxLength;
    private final boolean optional;
    private final Linter linter;

    private AiComponent(Charset charset, int minLength, int maxLength, boolean optional, Linter linter) {
        this.charset = charset;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.optional = optional;
        this.linter = linter;
    }

    /** Parses one component token such as {@code N6,yymmd0}, {@code X..20} or {@code [N..4],mmoptss}. */
    static AiComponent parse(String token) {
        String spec = token;
        String linterName = null;
        int comma = token.indexOf(',');
        if (comma >= 0) {
            spec = token.substring(0, comma);
            linterName = token.substring(comma + 1);
        }
        boolean optional = spec.startsWith("[") && spec.endsWith("]");
        if (optional) {
            spec = spec.substring(1, spec.length() - 1);
        }
        Charset charset = Charset.valueOf(spec.substring(0, 1));
        String length = spec.substring(1);
        int min;
        int max;
        if (length.startsWith("..")) {
            min = 1;
            max = Integer.parseInt(length.substring(2));
        } else {
            min = Integer.parseInt(length);
            max = min;
        }
        Linter linter = linterName == null ? Linter.NONE : Linter.valueOf(linterName.toUpperCase(Locale.ROOT));
        return new AiComponent(charset, min, max, optional, linter);
    }

    public Charset charset() {
        return charset;
    }

    public int minLength() {
        return minLength;
    }

    public int maxLength() {
        return maxLength;
    }

    public boolean isFixedLength() {
        return minLength == maxLength;
    }

    public boolean isOptional() {
        return optional;
    }

    public Linter linter() {
        return linter;
    }

    @Override
    public String toString() {
        String body = charset + (isFixedLength() ? String.valueOf(maxLength) : ".." + maxLength);
        return (optional ? "[" + body + "]" : body) + (linter == Linter.NONE ? "" : "," + linter.name().toLowerCase(Locale.ROOT));
    }
}
