package dev.floorgate.pda.app.internal;

import dev.floorgate.lan.PackingParcel;
import dev.floorgate.lan.PackingParcelList;
import dev.floorgate.lan.PackingQuote;
import dev.floorgate.lan.PackingQuoteRequest;
import dev.floorgate.lan.PackingQuotes;
import dev.floorgate.lan.PackingShipment;
import dev.floorgate.lan.PackingShipmentRequest;
import dev.floorgate.lan.PackingWeight;
import dev.floorgate.pda.GatewayClient;
import dev.floorgate.pda.GatewayException;
import dev.floorgate.protocol.OperationIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The packing station screen's state and flow (issue 17 item 3; the web picker's pack.js is the reference): a
 * customer's waiting parcels, all selected, a tap or a scan of one toggles it; the carton's weight (from the scale or
 * typed), size and destination; the prices; the chosen one shipped. Packing needs the gateway (it prices and holds
 * the parcels), so nothing is queued on the PDA: out of reach, the panel says nothing was shipped, except that a
 * shipment whose answer never came is kept as {@link #unanswered()} and Ship again sends exactly it, same opId, so
 * the gateway answers the shipment it may have stored (API.md "Packing station (issue 17)", Retries).
 * Changes happen on the main thread; the calls run through {@link Host#background}.
 */
public final class Pack {
    public enum PanelState { IDLE, BUSY, ERROR, OFFLINE, SHIPPED }

    /** What the pack screen needs from the app (Picker). */
    interface Host {
        /** The device's client; null while still connecting. */
        GatewayClient client();

        /** Runs the call off the main thread (it posts its answer with {@link #onMain}). */
        void background(Runnable call);

        void onMain(Runnable r);

        void changed();

        void say(boolean good, String text);
    }

    interface Call<T> {
        T run(GatewayClient client) throws IOException;
    }

    interface Answer<T> {
        void accept(T value);
    }

    private static final String NAME = "[A-Za-z0-9._:-]{1,64}";

    private final Host host;
    private boolean open;
    private boolean busy;
    private String customer;
    private List<PackingParcel> parcels = Collections.emptyList();
    private final Set<String> selected = new LinkedHashSet<>();
    /** The carton as typed; any change after a quote makes the prices stale ({@link #cartonChanged}). */
    final PackCarton carton = new PackCarton();
    private String weightNote = "";
    private PackingQuoteRequest quoted;
    private PackingQuotes quotes;
    private PackingQuote chosen;
    private PackingShipmentRequest unanswered;
    private PackWords.Panel panel = idle("Scan the customer", "Scan or type the customer code to list the waiting"
            + " parcels");
    private int answers;

    Pack(Host host) {
        this.host = host;
    }

    // ---- the flow ----

    /** A scan on the pack screen: a listed parcel (id or tracking number) toggles; anything else is a customer. */
    void onScan(String text) {
        String scan = text.trim();
        for (PackingParcel p : parcels) {
            if (p.parcelId().equals(scan) || p.trackingKey().equals(scan.toUpperCase(Locale.ROOT))) {
                toggle(p.parcelId());
                host.say(true, p.parcelId() + (selected.contains(p.parcelId()) ? " in the carton" : " left out"));
                return;
            }
        }
        listCustomer(scan);
    }

    /** Lists the customer's waiting parcels, all selected; the quotes go. */
    void listCustomer(String code) {
        String c = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        customer = null;
        parcels = Collections.emptyList();
        selected.clear();
        clearQuotes();
        if (c.isEmpty()) {
            answer(new PackWords.Panel(PanelState.ERROR, "NO CUSTOMER", "Scan or type the customer code first", "",
                    false, "Scan the customer first"));
            return;
        }
        call("Listing " + c + "'s parcels", "Not listed", false, g -> g.packingParcels(c), this::listed);
    }

    void listed(PackingParcelList r) {
        customer = r.customer();
        parcels = new ArrayList<>(r.parcels());
        selected.clear();
        for (PackingParcel p : parcels) {
            selected.add(p.parcelId());
        }
        clearQuotes();
        if (parcels.isEmpty()) {
            answer(new PackWords.Panel(PanelState.ERROR, customer, "No parcels of this customer are waiting here", "",
                    false, customer + ": nothing waiting"));
        } else {
            answer(new PackWords.Panel(PanelState.IDLE, customer, parcels.size() + " parcel(s) waiting: weigh, "
                    + "measure, then Quote", "", true, customer + ": " + parcels.size() + " parcel(s)"));
        }
    }

    void toggle(String parcelId) {
        if (!selected.remove(parcelId)) {
            selected.add(parcelId);
        }
        clearQuotes();
        host.changed();
    }

    /** Reads the station's scale: the weight in kg into the carton, or the state in words. */
    void weigh(String scale) {
        if (scale == null || !scale.matches(NAME)) {
            weightNote = "Set the scale's name first, or type the weight";
            answer(new PackWords.Panel(PanelState.ERROR, "NO SCALE", weightNote, "", false,
                    "No scale set: type the weight"));
            return;
        }
        call("Weighing on " + scale, "No weight", false, g -> g.packingWeight(scale), this::weighed);
    }

    void weighed(PackingWeight r) {
        if ("STABLE".equals(r.state()) && r.grams() != null) {
            carton.kg = PackWords.kg(r.grams());
            clearQuotes();
            weightNote = r.grams() + " g from " + r.scale() + ", stable";
            answer(new PackWords.Panel(PanelState.IDLE, carton.kg + " KG", "Weighed: type the carton's size, then "
                    + "Quote", "", true, carton.kg + " kg"));
        } else {
            String words = "Scale " + PackWords.stateWords(r.state()) + ": "
                    + (r.message() == null ? "no stable weight" : r.message());
            weightNote = words;
            answer(new PackWords.Panel(PanelState.ERROR, "NO WEIGHT", words, "Weigh again or type the weight", false,
                    "No weight: scale " + PackWords.stateWords(r.state())));
        }
    }

    /** Every carrier's price for the carton as the fields say it now. */
    void quote() {
        PackingQuoteRequest body = cartonRequest();
        if (body == null) {
            return;
        }
        clearQuotes();
        call("Asking every carrier", "No prices", false, g -> g.packingQuote(body), r -> quotedWith(body, r));
    }

    void quotedWith(PackingQuoteRequest body, PackingQuotes r) {
        quoted = body;
        quotes = r;
        chosen = null;
        boolean any = !r.quotes().isEmpty();
        answer(new PackWords.Panel(PanelState.IDLE, r.quotes().size() + " PRICE(S)", any ? "Choose one, then Ship"
                : "No carrier can carry it", body.parcels().size() + " parcel(s), " + PackWords.kg(r.weightGrams())
                + " kg", any, any ? r.quotes().size() + " price(s)" : "No carrier can carry this carton"));
    }

    void choose(int index) {
        if (quotes != null && index >= 0 && index < quotes.quotes().size()) {
            chosen = quotes.quotes().get(index);
            host.changed();
        }
    }

    /** Ships the chosen quote with exactly the inputs that were quoted, or sends the unanswered one again. */
    void ship(String printer) {
        if (busy) {
            return;
        }
        if (host.client() == null) {
            host.say(false, "Still connecting to the gateway: Ship again in a moment");
            return;
        }
        if (unanswered != null) {
            send(unanswered);
            return;
        }
        if (chosen == null || quoted == null) {
            host.say(false, "Quote, then choose a price");
            return;
        }
        String p = printer == null ? "" : printer.trim();
        if (!p.isEmpty() && !p.matches(NAME)) {
            answer(new PackWords.Panel(PanelState.ERROR, "NOT SHIPPED", "Printer \"" + p + "\": letters, digits, "
                    + ". _ : - only", "", false, "Fix the printer name: nothing was shipped"));
            return;
        }
        // the opId is made once per confirmation and sent with every retry of it
        PackingShipmentRequest body = shipmentRequest(OperationIds.newId(), p);
        chosen = null;
        send(body);
    }

    PackingShipmentRequest shipmentRequest(String opId, String printer) {
        boolean label = printer != null && !printer.isEmpty();
        return new PackingShipmentRequest(quoted.customer(), quoted.parcels(), chosen.carrier(), chosen.service(),
                chosen.version(), quoted.weightGrams(), null, quoted.lengthMm(), quoted.widthMm(), quoted.heightMm(),
                quoted.country(), quoted.postcode(), null, null, label ? printer : null,
                label ? PackCarton.orNull(carton.toName) : null, label ? PackCarton.orNull(carton.toStreet) : null,
                label ? PackCarton.orNull(carton.toCity) : null, opId);
    }

    private void send(PackingShipmentRequest body) {
        unanswered = body;
        call("Shipping with " + body.carrier() + " " + body.service(), "Not shipped", true, g -> g.packShipment(body),
                r -> {
                    unanswered = null;
                    answer(PackWords.shipped(r, body.printer()));
                });
    }

    /** Any change to the carton after a quote makes the prices stale: they go, and Ship with them. */
    void cartonChanged() {
        if (quoted != null || quotes != null || unanswered != null) {
            clearQuotes();
            host.changed();
        }
    }

    // ---- state ----

    private void clearQuotes() {
        unanswered = null;
        quoted = null;
        quotes = null;
        chosen = null;
    }

    /** The carton as a quote request, or null with the panel saying what is missing. */
    PackingQuoteRequest cartonRequest() {
        List<String> ids = new ArrayList<>();
        for (PackingParcel p : parcels) {
            if (selected.contains(p.parcelId())) {
                ids.add(p.parcelId());
            }
        }
        try {
            return carton.quoteRequest(customer, ids);
        } catch (IllegalArgumentException missing) {
            answer(new PackWords.Panel(PanelState.ERROR, "CHECK THE CARTON", missing.getMessage(), "", false,
                    missing.getMessage()));
            return null;
        }
    }

    private <T> void call(String what, String failed, boolean shipping, Call<T> call, Answer<T> then) {
        GatewayClient g = host.client();
        if (g == null) {
            answer(new PackWords.Panel(PanelState.OFFLINE, "OFFLINE", "Still connecting to the gateway",
                    "Try again in a moment", false, failed + ": still connecting"));
            return;
        }
        busy = true;
        panel = new PackWords.Panel(PanelState.BUSY, "\u2026", what, "", true, null);
        host.changed();
        host.background(() -> {
            try {
                T r = call.run(g);
                host.onMain(() -> {
                    busy = false;
                    then.accept(r);
                });
            } catch (IOException e) {
                host.onMain(() -> {
                    busy = false;
                    failed(e, failed, shipping);
                });
            } catch (RuntimeException e) { // a bug, not the network: said, and the screen stays usable
                host.onMain(() -> {
                    busy = false;
                    answer(new PackWords.Panel(PanelState.ERROR, failed.toUpperCase(Locale.ROOT), String.valueOf(
                            e.getMessage()), e.getClass().getSimpleName(), false, failed + ": " + e.getMessage()));
                });
            }
        });
    }

    void failed(IOException e, String failed, boolean shipping) {
        boolean lost = !(e instanceof GatewayException);
        if (shipping && !lost) {
            unanswered = null; // a real answer: nothing to send again
        }
        answer(PackWords.problem(e, failed, shipping && unanswered != null));
    }

    private void answer(PackWords.Panel p) {
        panel = p;
        answers++;
        host.say(p.good, p.spoken);
    }

    private static PackWords.Panel idle(String head, String line) {
        return new PackWords.Panel(PanelState.IDLE, head, line, "", true, null);
    }

    // ---- what the screen reads ----

    boolean open() {
        return open;
    }

    void open(boolean open) {
        this.open = open;
    }

    public boolean busy() {
        return busy;
    }

    public String customer() {
        return customer;
    }

    public List<PackingParcel> parcels() {
        return Collections.unmodifiableList(parcels);
    }

    public boolean selected(String parcelId) {
        return selected.contains(parcelId);
    }

    public int selectedCount() {
        return selected.size();
    }

    public String weightNote() {
        return weightNote;
    }

    /** The prices of the last quote, cheapest first; empty when none is valid for the carton as it is now. */
    public List<PackingQuote> quotes() {
        return quotes == null ? Collections.emptyList() : quotes.quotes();
    }

    public List<String> unquoted() {
        return quotes == null || quotes.unquoted() == null ? Collections.emptyList() : quotes.unquoted();
    }

    public PackingQuote chosen() {
        return chosen;
    }

    /** The shipment sent whose answer never came, or null. */
    public PackingShipmentRequest unanswered() {
        return unanswered;
    }

    public PackWords.Panel panel() {
        return panel;
    }

    /** Counts every answer shown, so a test can tell a new answer from an old one with the same words. */
    public int answers() {
        return answers;
    }

    /** The Ship button's words: Ship again while a confirmation is unanswered, else the chosen carrier. */
    public String shipLabel() {
        return unanswered != null ? "Ship again" : chosen != null ? "Ship " + chosen.carrier() + " "
                + chosen.service() : "Ship";
    }

    public boolean canShip() {
        return !busy && (unanswered != null || chosen != null);
    }
}
