package dev.floorgate.barcodes.internal;

import dev.floorgate.barcodes.AimSymbology;

/**
 * The first step of recognising a tracking number: refuse garbage, drop what a scanner or a person adds
 * (a CR/LF suffix, an AIM id, spaces, dashes, lower case) and keep the GS separators, which say where GS1
 * routing data ends. Errors never echo more than {@link #PREVIEW} characters of the input: a scan may be
 * anything, including a pasted document.
 */
public final class TrackingInput {

    /** Longest raw scan looked at; a Code 128 tracking label holds at most 34 digits plus a routing prefix. */
    public static final int MAX_RAW = 80;
    static final int PREVIEW = 40;

    /** The cleaned text: upper case, no spaces or dashes, GS (0x1D) and parentheses kept. */
    public final String text;
    /** True when the scan's AIM id announces a GS1 element string ({@code ]C1}, {@code ]d2}, ...). */
    public final boolean gs1;

    private TrackingInput(String text, boolean gs1) {
        this.text = text;
        this.gs1 = gs1;
    }

    /**
     * Cleans {@code scanned}; {@code aimId} is the AIM id the scanner reported apart from the data, or null.
     *
     * @throws IllegalArgumentException for null, empty, too long, control or non-ASCII characters, a bad AIM id
     */
    public static TrackingInput clean(String scanned, String aimId) {
        if (scanned == null) {
            throw new IllegalArgumentException("tracking scan is null");
        }
        if (scanned.length() > MAX_RAW) {
            throw new IllegalArgumentException("tracking scan of " + scanned.length() + " characters exceeds "
                    + MAX_RAW + ": '" + preview(scanned) + "'");
        }
        String data = scanned;
        int end = data.length();
        while (end > 0 && (data.charAt(end - 1) == '\r' || data.charAt(end - 1) == '\n')) {
            end--;
        }
        data = data.substring(0, end);
        AimSymbology aim = aimId == null ? null : AimSymbology.of(aimId);
        AimSymbology inline = AimSymbology.parsePrefix(data);
        if (inline != null) {
            data = data.substring(3);
            aim = aim == null ? inline : aim;
        }
        StringBuilder out = new StringBuilder(data.length());
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == ElementStringCodec.GS) {
                out.append(c);
            } else if (c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("tracking scan has control character 0x"
                        + String.format("%02X", (int) c) + " at offset " + i + " (only GS 0x1D separates data)");
            } else if (c > 0x7E) {
                throw new IllegalArgumentException("tracking scan has non-ASCII character U+"
                        + String.format("%04X", (int) c) + " at offset " + i);
            } else if (c != ' ' && c != '-') {
                out.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
            }
        }
        if (out.length() > 0 && out.charAt(0) == ']') {
            // no tracking number starts with ']': it is a second or malformed AIM id, which would survive into the
            // number (']rb' upper-cased is the id ']RB') so that the number would not recognise as itself
            throw new IllegalArgumentException("tracking scan starts with ']"
                    + TrackingInput.preview(out.substring(1, Math.min(3, out.length()))) + "', which is no AIM id"
                    + (inline == null ? "" : " (after " + inline.id() + ")"));
        }
        if (out.length() == 0) {
            throw new IllegalArgumentException("tracking scan is empty"
                    + (data.isEmpty() ? "" : " (only spaces and dashes)"));
        }
        return new TrackingInput(out.toString(), aim != null && aim.gs1());
    }

    /** At most {@link #PREVIEW} characters of {@code s}, control characters shown as '?'. */
    static String preview(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(s.length(), PREVIEW); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c > 0x7E ? '?' : c);
        }
        return s.length() > PREVIEW ? b + "..." : b.toString();
    }
}
