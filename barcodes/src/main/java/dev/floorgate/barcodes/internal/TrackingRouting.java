package dev.floorgate.barcodes.internal;

import dev.floorgate.barcodes.Carrier;
import dev.floorgate.barcodes.Gs1Data;
import dev.floorgate.barcodes.Gs1Element;
import dev.floorgate.barcodes.Gs1ParseException;
import dev.floorgate.barcodes.Gs1Parser;
import java.util.List;

/**
 * Tracking numbers carried as GS1 data: a USPS IMpb is {@code (420) ZIP} or {@code (421) country + postal code}
 * followed by the package id, whose first two digits 91-95 are a GS1 company-internal AI; a FedEx Ground label
 * is AI (96). On a label the parts are separated by FNC1 (a scanner sends GS, 0x1D); typed by hand, or read by
 * a scanner that drops FNC1, the digits run together and the ZIP length is found by trying ZIP+4 first
 * (docs/TRACKING-NUMBERS.md section 3).
 */
public final class TrackingRouting {

    private static final String AIM_GS1_128 = "]C1";

    private TrackingRouting() {
    }

    /** The match for a scan with GS1 routing, or null when it has none (the caller then flattens and classifies). */
    public static TrackingMatch route(TrackingInput input) {
        String text = input.text;
        if (input.gs1 || text.indexOf(ElementStringCodec.GS) >= 0 || text.startsWith("(")) {
            TrackingMatch match = fromGs1(text);
            if (match != null) {
                return match;
            }
        }
        String flat = flatten(text);
        if (flat.startsWith("420") && flat.length() >= 30 && ElementStringCodec.isDigits(flat)) {
            return fromDigits(flat);
        }
        return null;
    }

    /**
     * {@code text} without GS separators and, when what is left starts with {@code (} (the parenthesised form,
     * possibly after a leading GS), without any parentheses: no key starts with '(' or holds a GS.
     */
    public static String flatten(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ElementStringCodec.GS) {
                b.append(c);
            }
        }
        if (b.length() == 0 || b.charAt(0) != '(') {
            return b.toString();
        }
        StringBuilder out = new StringBuilder(b.length());
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c != '(' && c != ')') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static TrackingMatch fromGs1(String text) {
        Gs1Data data;
        try {
            data = Gs1Parser.parse(text.startsWith("(") ? text : AIM_GS1_128 + text);
        } catch (Gs1ParseException e) {
            return null; // not valid GS1 after all: the flat digits get their chance
        }
        List<Gs1Element> elements = data.elements();
        if (elements.size() == 1 && elements.get(0).ai().equals("00")) {
            return TrackingMatch.checked(Carrier.UNKNOWN, elements.get(0).value(), "GS1 SSCC", true);
        }
        Gs1Element routing = elements.size() == 2 ? elements.get(0) : null;
        Gs1Element pack = elements.get(elements.size() - 1);
        if (elements.size() > 2 || (routing != null && !routing.ai().equals("420") && !routing.ai().equals("421"))
                || !pack.ai().matches("9[1-6]") || !ElementStringCodec.isDigits(pack.value())) {
            return null;
        }
        TrackingMatch match = TrackingFormats.classify(pack.ai() + pack.value());
        if (match == null || match.carrier == Carrier.UNKNOWN) {
            return null; // e.g. (91) + 16 digits looks like an SSCC: no carrier's number, read it flat
        }
        if (routing == null) {
            return match;
        }
        String value = routing.value();
        if (routing.ai().equals("420")) {
            if (!(value.length() == 5 || value.length() == 9) || !ElementStringCodec.isDigits(value)) {
                return null;
            }
            match.destinationZip = value;
        } else {
            match.destinationCountry = value.substring(0, 3);
            match.destinationPostalCode = value.substring(3);
        }
        return match;
    }

    /**
     * {@code 420} + ZIP + package id with no separator. ZIP+4 with a 22-digit id and ZIP5 with a 26-digit id are
     * both 34 digits: the first split whose package id is an IMpb with a valid check digit wins, then the first
     * that is an IMpb at all, in the order ZIP+4/22, ZIP5/26, ZIP5/22, ZIP+4/26.
     */
    private static TrackingMatch fromDigits(String flat) {
        int[][] splits = {{9, 22}, {5, 26}, {5, 22}, {9, 26}};
        TrackingMatch fallback = null;
        for (int[] split : splits) {
            if (3 + split[0] + split[1] != flat.length()) {
                continue;
            }
            TrackingMatch match = TrackingFormats.impb(flat.substring(3 + split[0]));
            if (match == null) {
                continue;
            }
            match.destinationZip = flat.substring(3, 3 + split[0]);
            if (match.check == TrackingMatch.Check.VALID) {
                return match;
            }
            fallback = fallback == null ? match : fallback;
        }
        return fallback;
    }
}
