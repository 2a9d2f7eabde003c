package dev.floorgate.barcodes;

import dev.floorgate.barcodes.internal.AiValueValidator;
import dev.floorgate.barcodes.internal.DigitalLinkCodec;
import dev.floorgate.barcodes.internal.ElementStringCodec;
import dev.floorgate.barcodes.internal.HumanReadableCodec;
import java.time.Year;
import java.util.List;

/**
 * Encodes GS1 elements for labels and for simulated scanners. Every method that takes elements validates them
 * first (known AI, length, characters, check digit, date) and throws {@link Gs1ParseException} naming the AI.
 * Elements are written in the order given. Thread-safe (stateless).
 */
public final class Gs1Encoder {

    /** GS1-128 holds at most 48 data characters (AIs, values and FNC1 separators; not the leading FNC1). */
    public static final int GS1_128_MAX_DATA_CHARACTERS = 48;

    private static final ElementStringCodec.ValueEscaper ZPL_CODE128 = new ElementStringCodec.ValueEscaper() {
        @Override
        public String escape(String value) {
            // In ^BC field data '>' starts an invocation code; a literal '>' is written ">0".
            return value.replace(">", ">0");
        }
    };

    private Gs1Encoder() {
    }

    /**
     * ZPL {@code ^BC} field data for GS1-128 in automatic mode ({@code ^BCN,h,Y,N,N,A}): {@code >;} (start C),
     * {@code >8} (FNC1), then the AI data with {@code >8} after each value whose AI has no pre-defined length and
     * is followed by another AI; a {@code >} inside a value is written {@code >0}. For GTIN 09501101530003,
     * expiry 251231, batch ABC123, serial S123 this is {@code >;>8010950110153000317251231} followed by
     * {@code 10ABC123>821S123}. Values never hold {@code ^} or {@code ~} (outside CSET 82), so the result cannot
     * end the field or inject ZPL.
     *
     * @throws IllegalArgumentException when the list is empty or longer than 48 data characters
     */
    public static String zplGs1128FieldData(List<Gs1Element> elements) {
        validate(elements);
        int length = ElementStringCodec.symbolDataLength(elements);
        if (length > GS1_128_MAX_DATA_CHARACTERS) {
            throw new IllegalArgumentException("GS1-128 data of " + length + " characters exceeds the maximum of "
                    + GS1_128_MAX_DATA_CHARACTERS + " for " + HumanReadableCodec.format(elements));
        }
        return ">;>8" + ElementStringCodec.encode(elements, ">8", ZPL_CODE128);
    }

    /** The human-readable line, {@code (01)09501101530003(17)251231(10)ABC123}. */
    public static String humanReadable(List<Gs1Element> elements) {
        validate(elements);
        return HumanReadableCodec.format(elements);
    }

    /**
     * The element string as a scanner transmits it after the AIM id: GS (0x1D) after each value whose AI has no
     * pre-defined length, except the last.
     */
    public static String elementString(List<Gs1Element> elements) {
        validate(elements);
        return ElementStringCodec.encode(elements, String.valueOf(ElementStringCodec.GS), ElementStringCodec.ValueEscaper.NONE);
    }

    /** A GS1 Digital Link URI on GS1's resolver stem {@code https://id.gs1.org}; see {@link #digitalLink(String, List)}. */
    public static String digitalLink(List<Gs1Element> elements) {
        return digitalLink(DigitalLinkCodec.DEFAULT_STEM, elements);
    }

    /**
     * A GS1 Digital Link URI: the first primary-key element (00, 01, 414, 8004, ...) and its qualifiers in the
     * path, every other element as a query parameter with its numeric AI; values percent-encoded.
     *
     * @throws IllegalArgumentException when no element is a Digital Link primary key or the stem is not http(s)
     */
    public static String digitalLink(String stem, List<Gs1Element> elements) {
        validate(elements);
        return DigitalLinkCodec.encode(stem, elements);
    }

    /**
     * 17 digits (extension digit, GS1 company prefix, serial reference) to the 18-digit SSCC with its check
     * digit.
     */
    public static String sscc(String seventeenDigits) {
        requireDigits(seventeenDigits, "SSCC", 17);
        return seventeenDigits + CheckDigits.gs1(seventeenDigits);
    }

    /**
     * Appends the check digit: 13 digits give a GTIN-14, 12 a GTIN-13, 11 a GTIN-12 (UPC-A), 7 a GTIN-8.
     */
    public static String gtinWithCheckDigit(String digitsWithoutCheck) {
        requireDigits(digitsWithoutCheck, "GTIN", 7, 11, 12, 13);
        return digitsWithoutCheck + CheckDigits.gs1(digitsWithoutCheck);
    }

    /**
     * Validates elements as every encoder method does: not empty, each value valid for its AI (format and the
     * dictionary's linters), no AI twice with different values, and no AIs the dictionary excludes together
     * ({@code ex}). Requirements between AIs ({@code req}) hold per item, over all its barcodes: see
     * {@link #validateItem}.
     */
    public static void validate(List<Gs1Element> elements) {
        if (elements == null || elements.isEmpty()) {
            throw new IllegalArgumentException("GS1 encoding needs at least one element, got " + elements);
        }
        AiValueValidator.validateAll(elements, Year.now().getValue(), false);
    }

    /**
     * As {@link #validate}, for all the GS1 data marking one item (every barcode of a label together), and also
     * the dictionary's requirements: a batch (10) needs its GTIN (01) or content (02), a count (37) needs (02)...
     * The message names the AI and the rule, e.g. {@code AI (10): needs one of (01), (02), (03), (8006) or (8026)
     * with it (association rule req)}.
     */
    public static void validateItem(List<Gs1Element> elements) {
        if (elements == null || elements.isEmpty()) {
            throw new IllegalArgumentException("GS1 encoding needs at least one element, got " + elements);
        }
        AiValueValidator.validateAll(elements, Year.now().getValue(), true);
    }

    private static void requireDigits(String digits, String what, int... lengths) {
        boolean lengthOk = false;
        for (int length : lengths) {
            lengthOk |= digits != null && digits.length() == length;
        }
        boolean allDigits = digits != null && !digits.isEmpty();
        for (int i = 0; allDigits && i < digits.length(); i++) {
            allDigits = digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
        }
        if (!lengthOk || !allDigits) {
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < lengths.length; i++) {
                expected.append(i == 0 ? "" : i == lengths.length - 1 ? " or " : ", ").append(lengths[i]);
            }
            throw new IllegalArgumentException(what + " without check digit must be " + expected + " digits, got '"
                    + digits + "'" + (digits == null ? "" : " (" + digits.length() + " characters)"));
        }
    }
}
