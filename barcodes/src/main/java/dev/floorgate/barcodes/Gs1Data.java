package dev.floorgate.barcodes;

import dev.floorgate.barcodes.internal.AiValueValidator;
import dev.floorgate.barcodes.internal.Gs1Dates;
import dev.floorgate.barcodes.internal.HumanReadableCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The validated GS1 elements of one scan, in the order they came, with typed accessors for the AIs a
 * warehouse uses. An accessor returns {@code null} when its AI is absent. Immutable.
 *
 * <p>Dates are resolved with the GS1 sliding century window around the reference year fixed when the data
 * was parsed (normally the current year), and DD = 00 means the last day of the month.
 */
public final class Gs1Data {

    private final List<Gs1Element> elements;
    private final int referenceYear;
    private final AimSymbology aim;

    Gs1Data(List<Gs1Element> elements, int referenceYear, AimSymbology aim) {
        this.elements = Collections.unmodifiableList(new ArrayList<>(elements));
        this.referenceYear = referenceYear;
        this.aim = aim;
    }

    /**
     * Validated data from elements built elsewhere (e.g. read back from storage).
     *
     * @throws Gs1ParseException naming the AI of the first invalid element
     */
    public static Gs1Data of(List<Gs1Element> elements) {
        return of(elements, Clock.systemDefaultZone());
    }

    /** As {@link #of(List)}, with the date window's reference year taken from {@code clock}. */
    public static Gs1Data of(List<Gs1Element> elements, Clock clock) {
        int year = Year.now(clock).getValue();
        AiValueValidator.validateAll(elements, year);
        return new Gs1Data(elements, year, null);
    }

    /** The elements in scan order. */
    public List<Gs1Element> elements() {
        return elements;
    }

    /** The AIM symbology id the scan came with, or {@code null} when it had none. */
    public AimSymbology aim() {
        return aim;
    }

    /** The value of the first element with {@code ai}, or {@code null}. */
    public String get(String ai) {
        for (Gs1Element element : elements) {
            if (element.ai().equals(ai)) {
                return element.value();
            }
        }
        return null;
    }

    /** AI (01), the GTIN-14. */
    public String gtin() {
        return get("01");
    }

    /** AI (02), the GTIN of the trade items contained in a logistic unit. */
    public String content() {
        return get("02");
    }

    /** AI (00), the 18-digit SSCC. */
    public String sscc() {
        return get("00");
    }

    /** AI (10), batch or lot. */
    public String batch() {
        return get("10");
    }

    /** AI (21), serial number. */
    public String serial() {
        return get("21");
    }

    /** AI (17), use-by or expiry date. */
    public LocalDate expiry() {
        return date("17");
    }

    /** AI (15), best-before date. */
    public LocalDate bestBefore() {
        return date("15");
    }

    /** AI (11), production date. */
    public LocalDate productionDate() {
        return date("11");
    }

    /** AI (400), the customer's purchase order number. */
    public String orderNumber() {
        return get("400");
    }

    /** AI (414), the GLN of a physical location (a bin, dock or site). */
    public String locationGln() {
        return get("414");
    }

    /** AI (310n), net weight in kilograms with n decimals: (3103)001250 is 1.250. */
    public BigDecimal netWeightKg() {
        for (Gs1Element element : elements) {
            String ai = element.ai();
            if (ai.length() == 4 && ai.startsWith("310")) {
                return new BigDecimal(new BigInteger(element.value()), ai.charAt(3) - '0');
            }
        }
        return null;
    }

    /** AI (37), the count of trade items in a logistic unit; failing that AI (30), the variable count. */
    public Integer count() {
        String value = get("37");
        if (value == null) {
            value = get("30");
        }
        return value == null ? null : Integer.valueOf(value);
    }

    private LocalDate date(String ai) {
        String value = get(ai);
        return value == null ? null : Gs1Dates.toDate(ai, value, referenceYear, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gs1Data && ((Gs1Data) o).elements.equals(elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }

    /** The human-readable form, {@code (01)09501101530003(17)251231}. */
    @Override
    public String toString() {
        return HumanReadableCodec.format(elements);
    }
}
