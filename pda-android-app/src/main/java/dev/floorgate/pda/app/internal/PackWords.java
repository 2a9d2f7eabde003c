package dev.floorgate.pda.app.internal;

import dev.floorgate.lan.PackingParcel;
import dev.floorgate.lan.PackingQuote;
import dev.floorgate.lan.PackingShipment;
import dev.floorgate.pda.GatewayException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How the packing screen's numbers and answers read (the web picker's pack.js says the same): kilograms and
 * centimetres typed by a person turned into the gateway's grams and millimetres, a quote and a parcel on one line,
 * and every refusal in words with what to do next. Pure functions: no views, no network.
 */
public final class PackWords {
    /** What the panel shows: its state decides the colour, {@code good} the sound. */
    public static final class Panel {
        public final Pack.PanelState state;
        public final String head;
        public final String line;
        public final String note;
        final boolean good;
        final String spoken;

        Panel(Pack.PanelState state, String head, String line, String note, boolean good, String spoken) {
            this.state = state;
            this.head = head;
            this.line = line;
            this.note = note;
            this.good = good;
            this.spoken = spoken;
        }
    }

    private PackWords() {
    }

    /** Kilograms as typed ("2.35", "2,35", " 0.9 ") to whole grams; null when it is no positive weight. */
    static Long grams(String kg) {
        BigDecimal v = decimal(kg);
        if (v == null || v.signum() <= 0 || v.compareTo(new BigDecimal("1000")) > 0) {
            return null;
        }
        long g = v.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return g > 0 ? g : null;
    }

    /** Centimetres as typed to whole millimetres; null when it is no positive length (or more than 10 m). */
    static Integer millimetres(String cm) {
        BigDecimal v = decimal(cm);
        if (v == null || v.signum() <= 0 || v.compareTo(new BigDecimal("1000")) > 0) {
            return null;
        }
        int mm = v.movePointRight(1).setScale(0, RoundingMode.HALF_UP).intValueExact();
        return mm > 0 ? mm : null;
    }

    private static BigDecimal decimal(String typed) {
        if (typed == null) {
            return null;
        }
        String t = typed.trim().replace(',', '.');
        if (!t.matches("[0-9]{1,7}(\\.[0-9]{0,6})?|\\.[0-9]{1,6}")) {
            return null;
        }
        return new BigDecimal(t.startsWith(".") ? "0" + t : t);
    }

    /** Grams as the kilograms the packer reads and types: three decimals, a point ("2.350"). */
    public static String kg(long grams) {
        return BigDecimal.valueOf(grams).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** A scale's state word in lower case words: NOT_ANSWERING -> "not answering". */
    static String stateWords(String state) {
        return state == null ? "unknown" : state.replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    /** One parcel as listed: id, shelf, tracking number. */
    public static String parcel(PackingParcel p) {
        return p.parcelId() + " \u00b7 " + (p.location() == null ? "no shelf" : p.location()) + " \u00b7 "
                + p.trackingKey();
    }

    /** One quote as listed: service, price, days, and CHEAPEST / FASTEST when it is. */
    public static String quote(PackingQuote q) {
        String marks = (q.cheapest() ? " \u00b7 CHEAPEST" : "") + (q.fastest() ? " \u00b7 FASTEST" : "");
        return q.carrier() + " " + q.service() + "  " + q.total() + " " + q.currency() + "\n" + q.transitDays()
                + " day(s)" + marks;
    }

    /**
     * The answer to a shipment: the gateway's reference big, what was shipped, where it stands, and whether it is a
     * repeat. A repeat answers the shipment as it is now: the core may have created it by then, or refused it.
     */
    static Panel shipped(PackingShipment r, String printer) {
        String label = r.printJobId() != null ? "Label printing on " + printer : "No label printed";
        String again = r.repeated() ? " \u00b7 it had arrived the first time" : "";
        if ("REFUSED".equals(r.state())) {
            return new Panel(Pack.PanelState.ERROR, r.reference(), "Refused by the core: " + (r.failure() == null
                    ? "no reason given" : r.failure()), "Its parcels are offered again: list the customer again"
                    + again, false, "Shipment " + r.reference() + " refused by the core");
        }
        String state = "PENDING".equals(r.state()) ? "PENDING until the core answers" : r.state() + " at the core";
        return new Panel(Pack.PanelState.SHIPPED, r.reference(), r.carrier() + " " + r.service() + " \u00b7 "
                + r.cost() + " " + r.currency() + " \u00b7 " + String.join(", ", r.parcels()), label + " \u00b7 "
                + state + again, true, "Shipped: " + r.reference());
    }

    /**
     * A call that failed, in words. {@code failed} names what did not happen ("Not shipped"); {@code resendable}:
     * a shipment whose answer never came waits to be sent again with the same opId.
     */
    static Panel problem(IOException e, String failed, boolean resendable) {
        String head = failed.toUpperCase(Locale.ROOT);
        if (!(e instanceof GatewayException)) {
            return new Panel(Pack.PanelState.OFFLINE, "OFFLINE", "Gateway out of reach: "
                    + failed.toLowerCase(Locale.ROOT), resendable
                    ? "It may have arrived: Ship again sends the same confirmation, never a second shipment"
                    : "Try again when the gateway answers", false, failed + ": the gateway is out of reach");
        }
        GatewayException g = (GatewayException) e;
        String message = g.gatewayMessage() == null ? g.getMessage() : g.gatewayMessage();
        String code = g.code() == null ? "" : g.code();
        switch (code) {
            case "PARCEL_CONFLICT": {
                String parcel = g.detail("parcelId");
                if (parcel != null) {
                    return new Panel(Pack.PanelState.ERROR, head, "Parcel " + parcel + " "
                            + reason(g.detail("reason")), "List the customer again to see what is waiting", false,
                            failed + ": parcel " + parcel);
                }
                break;
            }
            case "SCALE_NOT_READY":
                return new Panel(Pack.PanelState.ERROR, head, "The scale gives no stable weight: " + message,
                        "Weigh again or type the weight", false, failed + ": the scale is not ready");
            case "NO_RATES":
                return new Panel(Pack.PanelState.ERROR, head, "No rate cards for this tenant here", "Tell site IT",
                        false, failed + ": no rate cards");
            case "OP_ID_REUSED":
                return new Panel(Pack.PanelState.ERROR, head, "This confirmation's id was used for another shipment:"
                        + " nothing was shipped", "Quote again, then Ship", false, failed + ": confirmation id reused");
            case "NO_SUCH_QUOTE":
                return new Panel(Pack.PanelState.ERROR, head, "That price is no longer offered: " + message,
                        "Quote again, then Ship", false, failed + ": the price changed");
            default:
                break;
        }
        if (g.status() == 507) {
            return new Panel(Pack.PanelState.ERROR, head, "The gateway's disk is full: nothing was stored",
                    "Tell site IT", false, failed + ": the gateway's disk is full");
        }
        return new Panel(Pack.PanelState.ERROR, head, message, code, false, failed + ": " + message);
    }

    /** A PARCEL_CONFLICT reason in words, as the web picker says it. */
    static String reason(String reason) {
        if (reason == null) {
            return "cannot go";
        }
        switch (reason) {
            case "PARCEL_NOT_IN_CACHE":
                return "is not known at this gateway";
            case "PARCEL_NOT_RECEIVED":
                return "has not been received yet";
            case "PARCEL_OF_ANOTHER_CUSTOMER":
                return "belongs to another customer";
            case "PARCEL_IN_ANOTHER_WAREHOUSE":
                return "is in another warehouse";
            case "PARCEL_ALREADY_QUEUED":
                return "is already in a shipment";
            default:
                return "cannot go (" + reason + ")";
        }
    }
}
