package dev.floorgate.pda.app.internal;

import dev.floorgate.lan.PackingQuoteRequest;
import java.util.List;
import java.util.Locale;

/**
 * The carton as the packer typed it on the pack screen: its weight in kg (or from the scale), its outer size in cm,
 * the destination, and the ship-to lines the label needs. Kept as typed, so the fields survive the screen being
 * rebuilt; turned into the gateway's grams and millimetres only when a quote is asked for.
 */
public final class PackCarton {
    public String kg = "";
    public String lengthCm = "";
    public String widthCm = "";
    public String heightCm = "";
    public String country = "";
    public String postcode = "";
    public String toName = "";
    public String toStreet = "";
    public String toCity = "";

    /**
     * The quote request for {@code customer}'s selected parcels and this carton; an IllegalArgumentException whose
     * message says, for the packer, the first thing that is missing.
     */
    PackingQuoteRequest quoteRequest(String customer, List<String> parcelIds) {
        Long grams = PackWords.grams(kg);
        Integer l = PackWords.millimetres(lengthCm);
        Integer w = PackWords.millimetres(widthCm);
        Integer h = PackWords.millimetres(heightCm);
        String to = country.trim().toUpperCase(Locale.ROOT);
        if (customer == null) {
            throw new IllegalArgumentException("Scan the customer first");
        }
        if (parcelIds.isEmpty()) {
            throw new IllegalArgumentException("Select at least one parcel");
        }
        if (grams == null) {
            throw new IllegalArgumentException("Weigh the carton or type its weight in kg");
        }
        if (l == null || w == null || h == null) {
            throw new IllegalArgumentException("Type the carton's " + (l == null ? "length" : w == null ? "width"
                    : "height") + " in cm");
        }
        if (!to.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("Type the destination country as two letters, e.g. DE");
        }
        return new PackingQuoteRequest(customer, parcelIds, grams, null, l, w, h, to, orNull(postcode), null);
    }

    /** A typed line trimmed, or null when nothing was typed (the gateway then leaves it out). */
    static String orNull(String typed) {
        return typed == null || typed.trim().isEmpty() ? null : typed.trim();
    }
}
