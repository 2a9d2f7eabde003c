package dev.floorgate.pda.app.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packing screen's pure logic: kilograms and centimetres as typed, how quotes and answers read, which changes
 * make the prices stale, and a shipment whose answer never came kept for Ship again with the same opId (here a
 * gateway address where nothing listens: a real connection refused, no mock). The flow against a real gateway is
 * PackAgainstGatewayTest's.
 */
class PackTest {
    /** Runs everything at once on the calling thread and records what the screen was told. */
    static final class Recorder implements Pack.Host {
        final List<String> said = new ArrayList<>();
        GatewayClient client;

        @Override
        public GatewayClient client() {
            return client;
        }

        @Override
        public void background(Runnable call) {
            call.run();
        }

        @Override
        public void onMain(Runnable r) {
            r.run();
        }

        @Override
        public void changed() {
        }

        @Override
        public void say(boolean good, String text) {
            said.add((good ? "+ " : "- ") + text);
        }
    }

    private static final PackingQuote DPD = new PackingQuote("dpd", "classic", 1, "DE", "9.80", "8.00", "0.80", "1.00",
            "EUR", Collections.emptyList(), 4000, 2, true, false);
    private static final PackingQuote DHL = new PackingQuote("dhl", "express", 4, "DE-S", "23.10", "20.00", "2.10",
            "1.00", "EUR", Collections.emptyList(), 4000, 1, false, true);

    private static Pack listedWithCarton(Recorder host) {
        Pack pack = new Pack(host);
        pack.listed(new PackingParcelList("C-100", Arrays.asList(
                new PackingParcel("P02", "LX123456785CN", "UPS", "SH01", "SHELF-A-1"),
                new PackingParcel("P01", "1Z5R89390357567127", "UPS", "SH01", null))));
        pack.carton.kg = "2,35";
        pack.carton.lengthCm = "40";
        pack.carton.widthCm = "30.04";
        pack.carton.heightCm = "20";
        pack.carton.country = "de";
        return pack;
    }

    private static Pack quoted(Recorder host) {
        Pack pack = listedWithCarton(host);
        PackingQuoteRequest body = pack.cartonRequest();
        pack.quotedWith(body, new PackingQuotes("C-100", 2350, Arrays.asList(DPD, DHL),
                Collections.singletonList("ups standard: no zone")));
        return pack;
    }

    @Test
    void kilogramsAndCentimetresAsTypedBecomeGramsAndMillimetres() {
        assertThat(PackWords.grams("2.35")).isEqualTo(2350L);
        assertThat(PackWords.grams(" 2,35 ")).isEqualTo(2350L);
        assertThat(PackWords.grams(".9")).isEqualTo(900L);
        assertThat(PackWords.grams("0.0004")).as("rounds to 0 g").isNull();
        assertThat(PackWords.grams("-1")).isNull();
        assertThat(PackWords.grams("2.3.5")).isNull();
        assertThat(PackWords.grams("")).isNull();
        assertThat(PackWords.grams("1001")).as("more than a ton").isNull();
        assertThat(PackWords.millimetres("40")).isEqualTo(400);
        assertThat(PackWords.millimetres("40.25")).isEqualTo(403);
        assertThat(PackWords.millimetres("0")).isNull();
        assertThat(PackWords.kg(2350)).isEqualTo("2.350");
        assertThat(PackWords.kg(5)).isEqualTo("0.005");
        assertThat(PackWords.stateWords("NOT_ANSWERING")).isEqualTo("not answering");
    }

    @Test
    void theCartonBecomesTheQuoteRequestOrTheMissingPartIsSaid() {
        Recorder host = new Recorder();
        Pack pack = listedWithCarton(host);
        PackingQuoteRequest body = pack.cartonRequest();
        assertThat(body.parcels()).containsExactly("P02", "P01");
        assertThat(body.weightGrams()).isEqualTo(2350L);
        assertThat(Arrays.asList(body.lengthMm(), body.widthMm(), body.heightMm())).containsExactly(400, 300, 200);
        assertThat(body.country()).isEqualTo("DE");
        assertThat(body.postcode()).isNull();

        pack.carton.widthCm = "wide";
        assertThat(pack.cartonRequest()).isNull();
        assertThat(pack.panel().line).isEqualTo("Type the carton's width in cm");
        pack.carton.widthCm = "30";
        pack.toggle("P01");
        pack.toggle("P02");
        assertThat(pack.cartonRequest()).isNull();
        assertThat(pack.panel().line).isEqualTo("Select at least one parcel");
        assertThat(host.said).last().isEqualTo("- Select at least one parcel");
    }

    @Test
    void quotesReadWithTheirMarksAndAnyChangeToCustomerOrCartonClearsThem() {
        Recorder host = new Recorder();
        Pack pack = quoted(host);
        assertThat(pack.quotes()).hasSize(2);
        assertThat(PackWords.quote(DPD)).isEqualTo("dpd classic  9.80 EUR\n2 day(s) \u00b7 CHEAPEST");
        assertThat(PackWords.quote(DHL)).isEqualTo("dhl express  23.10 EUR\n1 day(s) \u00b7 FASTEST");
        assertThat(pack.panel().head).isEqualTo("2 PRICE(S)");
        assertThat(pack.panel().note).isEqualTo("2 parcel(s), 2.350 kg");
        assertThat(pack.shipLabel()).isEqualTo("Ship");
        assertThat(pack.canShip()).isFalse();
        pack.choose(1);
        assertThat(pack.shipLabel()).isEqualTo("Ship dhl express");
        assertThat(pack.canShip()).isTrue();

        pack.carton.heightCm = "25";
        pack.cartonChanged();
        assertThat(pack.quotes()).isEmpty();
        assertThat(pack.unquoted()).isEmpty();
        assertThat(pack.chosen()).isNull();
        assertThat(pack.canShip()).isFalse();

        pack = quoted(host);
        pack.toggle("P01");
        assertThat(pack.quotes()).as("a parcel left out").isEmpty();
        pack = quoted(host);
        pack.listed(new PackingParcelList("C-200", Collections.emptyList()));
        assertThat(pack.quotes()).as("another customer").isEmpty();
        assertThat(pack.panel().line).isEqualTo("No parcels of this customer are waiting here");
        pack = quoted(host);
        pack.weighed(new PackingWeight("pack-scale", "STABLE", 2400L, null));
        assertThat(pack.quotes()).as("weighed again").isEmpty();
        assertThat(pack.carton.kg).isEqualTo("2.400");
    }

    @Test
    void aScaleWithoutAStableWeightIsSaidInWordsAndTheTypedWeightStays() {
        Recorder host = new Recorder();
        Pack pack = listedWithCarton(host);
        pack.weighed(new PackingWeight("pack-scale", "NOT_ANSWERING", null, "the scale sent nothing in 2 s"));
        assertThat(pack.panel().head).isEqualTo("NO WEIGHT");
        assertThat(pack.weightNote()).isEqualTo("Scale not answering: the scale sent nothing in 2 s");
        assertThat(pack.carton.kg).isEqualTo("2,35");
        assertThat(host.said).last().isEqualTo("- No weight: scale not answering");
    }

    @Test
    void aShipmentWithoutAnAnswerIsKeptAndShipAgainSendsTheSameOpId() throws Exception {
        Recorder host = new Recorder();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // nothing listens there once closed
        }
        host.client = new GatewayClient("http://127.0.0.1:" + closed, GatewayClient.defaultHttpClient())
                .withToken("t");
        Pack pack = quoted(host);
        pack.choose(0);
        pack.ship("");
        PackingShipmentRequest first = pack.unanswered();
        assertThat(first).isNotNull();
        assertThat(first.opId()).isNotEmpty();
        assertThat(first.carrier()).isEqualTo("dpd");
        assertThat(first.parcels()).containsExactly("P02", "P01");
        assertThat(first.printer()).isNull();
        assertThat(pack.panel().state).isEqualTo(Pack.PanelState.OFFLINE);
        assertThat(pack.panel().note).isEqualTo("It may have arrived: Ship again sends the same confirmation, never "
                + "a second shipment");
        assertThat(pack.shipLabel()).isEqualTo("Ship again");
        assertThat(pack.canShip()).isTrue();

        pack.ship("");
        assertThat(pack.unanswered()).as("the same confirmation, same opId").isSameAs(first);

        // a real answer (here a refusal) ends it: nothing to send again
        pack.failed(new GatewayException(409, "PARCEL_CONFLICT", "parcel P01 is already queued", "POST",
                Map.of("parcelId", "P01", "reason", "PARCEL_ALREADY_QUEUED")), "Not shipped", true);
        assertThat(pack.unanswered()).isNull();
        assertThat(pack.panel().head).isEqualTo("NOT SHIPPED");
        assertThat(pack.panel().line).isEqualTo("Parcel P01 is already in a shipment");
        assertThat(pack.shipLabel()).isEqualTo("Ship");
    }

    @Test
    void theLabelsShipToLinesGoOnlyWithAPrinter() {
        Recorder host = new Recorder();
        Pack pack = quoted(host);
        pack.carton.toName = " Ana Example ";
        pack.carton.toCity = "Muenchen";
        pack.choose(1);
        PackingShipmentRequest withLabel = pack.shipmentRequest("op-1", "pack-1");
        assertThat(withLabel.printer()).isEqualTo("pack-1");
        assertThat(withLabel.shipToName()).isEqualTo("Ana Example");
        assertThat(withLabel.shipToStreet()).isNull();
        assertThat(withLabel.version()).isEqualTo(4);
        PackingShipmentRequest without = pack.shipmentRequest("op-2", "");
        assertThat(without.printer()).isNull();
        assertThat(without.shipToName()).isNull();
    }

    @Test
    void refusalsReadInWords() {
        assertThat(PackWords.problem(new GatewayException(409, "SCALE_NOT_READY", "scale pack-scale: UNSTABLE",
                "POST"), "No prices", false).line).isEqualTo("The scale gives no stable weight: scale pack-scale: "
                + "UNSTABLE");
        assertThat(PackWords.problem(new GatewayException(422, "NO_RATES", "no rate cards for tenant acme", "POST"),
                "No prices", false).line).isEqualTo("No rate cards for this tenant here");
        PackWords.Panel full = PackWords.problem(new GatewayException(507, "DISK_FULL", "free 1 MiB", "POST"),
                "Not shipped", false);
        assertThat(full.line).isEqualTo("The gateway's disk is full: nothing was stored");
        assertThat(full.note).isEqualTo("Tell site IT");
        assertThat(PackWords.problem(new GatewayException(409, "OP_ID_REUSED", "opId x was C-100's", "POST"),
                "Not shipped", false).line).startsWith("This confirmation's id was used for another shipment");
        assertThat(PackWords.problem(new GatewayException(400, "INVALID", "country: not ISO 3166", "POST"),
                "No prices", false).line).isEqualTo("country: not ISO 3166");
        PackWords.Panel away = PackWords.problem(new IOException("timeout"), "Not listed", false);
        assertThat(away.state).isEqualTo(Pack.PanelState.OFFLINE);
        assertThat(away.note).isEqualTo("Try again when the gateway answers");
        assertThat(PackWords.reason("PARCEL_NOT_RECEIVED")).isEqualTo("has not been received yet");
        assertThat(PackWords.reason("SOMETHING_NEW")).isEqualTo("cannot go (SOMETHING_NEW)");
        PackWords.Panel shipped = PackWords.shipped(new PackingShipment("op", "FG0000AB12CD34", "PENDING", null,
                "C-100", Arrays.asList("P01", "P02"), "dhl", "express", 4, "23.10", "EUR", 2350, null, null,
                "2026-12-07T10:00:00Z", true), null);
        assertThat(shipped.head).isEqualTo("FG0000AB12CD34");
        assertThat(shipped.line).isEqualTo("dhl express \u00b7 23.10 EUR \u00b7 P01, P02");
        assertThat(shipped.note).isEqualTo("No label printed \u00b7 PENDING until the core answers \u00b7 it had "
                + "arrived the first time");
        PackWords.Panel created = PackWords.shipped(new PackingShipment("op", "FG0000AB12CD34", "CREATED",
                "S4J8QK2M7XW", "C-100", Arrays.asList("P01"), "dhl", "express", 4, "23.10", "EUR", 2350, "shipment-op", null,
                "2026-12-07T10:00:00Z", true), "pack-1");
        assertThat(created.note).isEqualTo("Label printing on pack-1 \u00b7 CREATED at the core \u00b7 it had arrived "
                + "the first time");
        PackWords.Panel refused = PackWords.shipped(new PackingShipment("op", "FG0000AB12CD34", "REFUSED", null,
                "C-100", Arrays.asList("P01"), "dhl", "express", 4, "23.10", "EUR", 2350, null,
                "PARCEL_ALREADY_SHIPPED: P01 is in S4J8QK2M7XW", "2026-12-07T10:00:00Z", true), null);
        assertThat(refused.state).isEqualTo(Pack.PanelState.ERROR);
        assertThat(refused.line).isEqualTo("Refused by the core: PARCEL_ALREADY_SHIPPED: P01 is in S4J8QK2M7XW");
    }
}
