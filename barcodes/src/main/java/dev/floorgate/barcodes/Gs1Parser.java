package dev.floorgate.barcodes;

import dev.floorgate.barcodes.internal.AiValueValidator;
import dev.floorgate.barcodes.internal.DigitalLinkCodec;
import dev.floorgate.barcodes.internal.EanUpcCodec;
import dev.floorgate.barcodes.internal.ElementStringCodec;
import dev.floorgate.barcodes.internal.HumanReadableCodec;
import java.time.Clock;
import java.time.Year;
import java.util.Collections;
import java.util.List;

/**
 * Turns a scan into validated {@link Gs1Data}. A scan may be:
 * <ul>
 *   <li>an element string with GS (0x1D) separators, as scanners transmit GS1-128, GS1 DataMatrix, GS1 QR and
 *       GS1 DataBar, optionally after its AIM id ({@code ]C1}, {@code ]d2}, {@code ]Q3}, {@code ]e0}, ...);</li>
 *   <li>the human-readable form with parentheses, {@code (01)09501101530003(10)ABC123};</li>
 *   <li>a GS1 Digital Link URI, {@code https://id.gs1.org/01/09501101530003/10/ABC123?17=251231};</li>
 *   <li>an EAN-13/UPC-A ({@code ]E0}) or EAN-8 ({@code ]E4}) scan, which yields its GTIN as AI (01).</li>
 * </ul>
 * Trailing CR/LF (a scanner suffix) is ignored. Any other AIM id that does not announce GS1 data is refused.
 * Every element is checked against the AI table (length, characters, check digit, date); errors are
 * {@link Gs1ParseException}s naming the AI. Thread-safe (stateless).
 */
public final class Gs1Parser {

    private Gs1Parser() {
    }

    /** Parses {@code scan}, resolving two-digit years around the current year. */
    public static Gs1Data parse(String scan) {
        return parse(scan, Clock.systemDefaultZone());
    }

    /** Parses {@code scan}, resolving two-digit years around the year of {@code clock}. */
    public static Gs1Data parse(String scan, Clock clock) {
        String data = withoutLineEnd(scan);
        if (data.isEmpty()) {
            throw new Gs1ParseException("empty scan");
        }
        AimSymbology aim = AimSymbology.parsePrefix(data);
        String body = aim == null ? data : data.substring(3);
        if (body.isEmpty()) {
            throw new Gs1ParseException("scan holds only the AIM id " + aim.id() + " and no data");
        }
        List<Gs1Element> elements;
        if (DigitalLinkCodec.isHttpUri(body)) {
            elements = DigitalLinkCodec.parse(body);
        } else if (aim != null && !aim.gs1()) {
            if (!EanUpcCodec.handles(aim.id())) {
                throw new Gs1ParseException("scan with AIM id " + aim.id() + " (" + aim.description()
                        + ") carries no GS1 element string");
            }
            elements = Collections.singletonList(EanUpcCodec.toGtin(aim.id(), body));
        } else if (body.charAt(0) == '(') {
            elements = HumanReadableCodec.parse(body);
        } else {
            elements = ElementStringCodec.parse(body);
        }
        if (elements.isEmpty()) {
            throw new Gs1ParseException("scan holds no GS1 element");
        }
        int referenceYear = Year.now(clock).getValue();
        AiValueValidator.validateAll(elements, referenceYear);
        return new Gs1Data(elements, referenceYear, aim);
    }

    /**
     * A cheap guess whether {@code scan} is meant as GS1 data: an AIM id announcing GS1, a leading
     * {@code (AI)} group, a Digital Link URI with a GS1 primary key in its path, or a GS character anywhere.
     * It does not validate; {@link #parse} may still fail.
     */
    public static boolean looksLikeGs1(String scan) {
        if (scan == null) {
            return false;
        }
        String data = withoutLineEnd(scan);
        AimSymbology aim = AimSymbology.parsePrefix(data);
        if (aim != null && aim.gs1()) {
            return true;
        }
        String body = aim == null ? data : data.substring(3);
        return HumanReadableCodec.startsWithAiGroup(body)
                || DigitalLinkCodec.looksLikeDigitalLink(body)
                || body.indexOf(ElementStringCodec.GS) >= 0;
    }

    private static String withoutLineEnd(String scan) {
        if (scan == null) {
            throw new Gs1ParseException("scan is null");
        }
        int end = scan.length();
        while (end > 0 && (scan.charAt(end - 1) == '\r' || scan.charAt(end - 1) == '\n')) {
            end--;
        }
        return scan.substring(0, end);
    }
}
