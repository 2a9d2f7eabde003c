package dev.floorgate.templates;

import java.util.Locale;

/**
 * What a template field holds, how its value is checked, and its keyword in site template files.
 */
public enum FieldType {
    /** Any text; printed as given (escaped). */
    TEXT("text", 200),
    /** An integer, optional sign, up to 18 digits; printed without leading zeros or plus sign. */
    INTEGER("integer", 19),
    /** A date as {@code yyyy-MM-dd}; printed in the field's {@code format} (default ISO), in GS1 as YYMMDD. */
    DATE("date", 10),
    /** GTIN-8, -12, -13 or -14 with a valid check digit. */
    GTIN("gtin", 14),
    /** An SSCC: 18 digits with a valid check digit, or 17 digits to which the check digit is added. */
    SSCC("sscc", 18),
    /** Data for a linear barcode: printable ASCII (0x20-0x7E) only. */
    BARCODE("barcode", 48),
    /** Data for a QR code: any text. */
    QR("qr", 1000),
    /**
     * Not given by the caller: the gateway's corrected (core) time when the label is rendered, printed in the
     * field's {@code format} (a {@link java.time.format.DateTimeFormatter} pattern, default
     * {@code yyyy-MM-dd HH:mm}) in its {@code zone} (default the rendering clock's: the site's). For dates that
     * must be right though the printer's own clock ({@code ^FC}) is not.
     */
    GATEWAY_TIME("gateway-time", 64);

    private final String keyword;
    private final int defaultMaxLength;

    FieldType(String keyword, int defaultMaxLength) {
        this.keyword = keyword;
        this.defaultMaxLength = defaultMaxLength;
    }

    /** The keyword used in site template files: {@code text}, {@code integer}, ... */
    public String keyword() {
        return keyword;
    }

    /** Maximum length in characters when the template does not say. */
    public int defaultMaxLength() {
        return defaultMaxLength;
    }

    /** The type for a keyword (case-insensitive); IllegalArgumentException listing the keywords otherwise. */
    public static FieldType fromKeyword(String keyword) {
        String k = keyword == null ? "" : keyword.trim().toLowerCase(Locale.ROOT);
        for (FieldType t : values()) {
            if (t.keyword.equals(k)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown field type '" + keyword + "' (use " + keywords() + ")");
    }

    static String keywords() {
        StringBuilder sb = new StringBuilder();
        for (FieldType t : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.keyword);
        }
        return sb.toString();
    }
}
