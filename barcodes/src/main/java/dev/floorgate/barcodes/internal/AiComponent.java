package dev.floorgate.barcodes.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

    /**
     * Content checks beyond the character set: the "linters" the GS1 Barcode Syntax Dictionary names after a
     * component, one constant per name (upper-cased). Implemented by {@link AiLinters}.
     */
    public enum Linter {
        COUPONCODE, COUPONPOSOFFER, CSUM, CSUMALPHA, GCPPOS1, GCPPOS2, HASNONDIGIT, HH, HHMI, HYPHEN, IBAN,
        IMPORTERIDX, ISO3166, ISO3166999, ISO3166ALPHA2, ISO4217, ISO5218, LATITUDE, LONGITUDE, MEDIATYPE, MI,
        NONZERO, NOZEROPREFIX, PACKAGETYPE, PCENC, PIECEOFTOTAL, POSINSEQSLASH, SS, WINDING, YESNO, YYMMD0,
        YYMMDD, YYYYMMD0, YYYYMMDD, ZERO
    }

    private final Charset charset;
    private final int minLength;
    private final int maxLength;
    private final boolean optional;
    private final List<Linter> linters;

    private AiComponent(Charset charset, int minLength, int maxLength, boolean optional, List<Linter> linters) {
        this.charset = charset;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.optional = optional;
        this.linters = linters;
    }

    /** Parses one component token such as {@code N6,yymmd0}, {@code X..20} or {@code [N..4],mmoptss}. */
    static AiComponent parse(String token) {
        String[] parts = token.split(",");
        String spec = parts[0];
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
        List<Linter> linters = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            try {
                linters.add(Linter.valueOf(parts[i].toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("linter '" + parts[i] + "' of component " + token + " is not implemented",
                        e);
            }
        }
        return new AiComponent(charset, min, max, optional, Collections.unmodifiableList(linters));
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

    /** The linters applied to this component, in the dictionary's order (often empty). */
    public List<Linter> linters() {
        return linters;
    }

    @Override
    public String toString() {
        String body = charset + (isFixedLength() ? String.valueOf(maxLength) : ".." + maxLength);
        StringBuilder out = new StringBuilder(optional ? "[" + body + "]" : body);
        for (Linter linter : linters) {
            out.append(',').append(linter.name().toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
