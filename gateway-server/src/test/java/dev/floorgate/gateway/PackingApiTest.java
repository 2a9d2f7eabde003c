package dev.floorgate.gateway;

import static dev.floorgate.gateway.PrintTesting.awaitState;
import static dev.floorgate.gateway.PrintTesting.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.devices.ScaleOptions;
import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.devices.sim.ScaleSimulator;
import dev.floorgate.sync.ParcelBook;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packing station's endpoints on a real gateway (offline: shipments wait in the parcel book) with a real scale
 * simulator over TCP (MT-SICS), a printer simulator, and the documented example rate cards as tenant acme's: the
 * customer's waiting parcels from the offline cache, a stable weight, quotes cheapest first with cheapest and
 * fastest marked, a shipment priced again at the gateway, durable (still queued after a restart), its shipping label
 * printed with the gateway's reference, its parcels no longer offered and refused in a second shipment; a scale
 * sending garbage or nothing gives its state, not a 500; a parcel of another customer, an unknown one, a tenant
 * without cards and a choice that does not quote are refused naming what is wrong; a bad card stops the start.
 */
class PackingApiTest {
    private static final Path EXAMPLE_CARDS = Path.of("..", "docs", "examples", "rate-cards", "acme");
    private static final String PARCELS = "/api/v1/packing/parcels";
    private static final String WEIGHT = "/api/v1/packing/weight";
    private static final String QUOTE = "/api/v1/packing/quote";
    private static final String SHIPMENTS = "/api/v1/packing/shipments";

    @TempDir
    Path dir;

    /** acme's rate cards as a tenant folder, and the parcel cache as the core's feed would have filled it. */
    private Path prepare() throws Exception {
        Path cards = dir.resolve("rate-cards");
        copyTree(EXAMPLE_CARDS, cards.resolve("acme"));
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path file = data.resolve("parcels.db");
        ParcelBook.open(file, null, Clock.systemUTC()).close(); // the schema, as the gateway makes it
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement ps = c.prepareStatement("INSERT INTO parcels (tenant, tracking_key, warehouse, "
                        + "parcel_id, carrier, state, customer, customer_name, location, seq) VALUES "
                        + "(?, ?, ?, ?, 'UPS', ?, ?, 'Ana', ?, ?)")) {
            Object[][] rows = {{"acme", "1Z5R89390357567127", "SH01", "P01", "RECEIVED", "C-100", "SHELF-B-2", 1},
                {"acme", "LX123456785CN", "SH01", "P02", "RECEIVED", "C-100", "SHELF-A-1", 2},
                {"acme", "RB123456785GB", "SH01", "P03", "ANNOUNCED", "C-100", null, 3},
                {"acme", "9200190132607600833457", "SH01", "P04", "RECEIVED", "C-200", "SHELF-A-2", 4},
                {"beta", "EE123456785CN", "SH01", "P05", "RECEIVED", "C-100", "SHELF-Z-1", 5}};
            for (Object[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    ps.setObject(i + 1, r[i]);
                }
                ps.executeUpdate();
            }
        }
        return cards;
    }

    private static Map<String, Object> config(Path cards, ScaleSimulator scale, PrinterSimulator printer) {
        Map<String, Object> m = new HashMap<>();
        m.put("fg.rate-cards-dir", cards.toString());
        m.put("fg.scales.pack-scale.url", "tcp://127.0.0.1:" + scale.port()
                + "?protocol=sics&answerTimeout=300ms&reconnectMin=50ms&reconnectMax=200ms");
        m.put("fg.packing.scale-wait", "2s");
        if (printer != null) {
            m.put("fg.printers.pack-1.url", "tcp://127.0.0.1:" + printer.port()
                    + "?statusTimeout=1s&pollInterval=0&reconnectMin=50ms&reconnectMax=200ms");
        }
        return m;
    }

    private static String quoteBody(String parcels, String weight) {
        return "{\"customer\":\"C-100\",\"parcels\":[" + parcels + "]," + weight + ",\"lengthMm\":400,"
                + "\"widthMm\":300,\"heightMm\":200,\"country\":\"DE\",\"postcode\":\"80331\"}";
    }

    @Test
    void aCustomersParcelsAreWeighedQuotedShippedOnceAndLabelled() throws Exception {
        Path cards = prepare();
        Path captured = dir.resolve("labels");
        String opId;
        try (ScaleSimulator scale = ScaleSimulator.listen(0).protocol(ScaleOptions.Protocol.SICS).start();
                PrinterSimulator printer = PrinterSimulator.builder().captureDir(captured).start();
                TestGateway gateway = new TestGateway(dir.resolve("data"), config(cards, scale, printer))) {
            scale.weight("2.35");
            String pda = gateway.enroll("pda-pack", "acme", "SH01");
            HttpResponse<String> waiting = gateway.get(PARCELS + "?customer=C-100", pda);
            assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(200);
            // by shelf; not the announced P03, not C-200's P04, not beta's P05
            assertThat(waiting.body()).isEqualTo("{\"customer\":\"C-100\",\"parcels\":["
                    + "{\"parcelId\":\"P02\",\"trackingKey\":\"LX123456785CN\",\"carrier\":\"UPS\",\"warehouse\":"
                    + "\"SH01\",\"location\":\"SHELF-A-1\"},{\"parcelId\":\"P01\",\"trackingKey\":"
                    + "\"1Z5R89390357567127\",\"carrier\":\"UPS\",\"warehouse\":\"SH01\",\"location\":\"SHELF-B-2\"}]}");

            HttpResponse<String> weight = gateway.get(WEIGHT + "?scale=pack-scale", pda);
            assertThat(weight.statusCode()).as(weight.body()).isEqualTo(200);
            assertThat(weight.body()).contains("\"state\":\"STABLE\"", "\"grams\":2350");

            HttpResponse<String> quote = gateway.post(QUOTE, pda, quoteBody("\"P01\",\"P02\"",
                    "\"scale\":\"pack-scale\""));
            assertThat(quote.statusCode()).as(quote.body()).isEqualTo(200);
            assertThat(quote.body()).contains("\"weightGrams\":2350", "\"carrier\":\"dhl\"", "\"carrier\":\"dpd\"",
                    "\"zone\":\"DE-S\"");
            // cheapest first and marked; Munich is one day on dhl's express: the fastest
            assertThat(quote.body()).containsPattern("\"quotes\":\\[\\{\"carrier\":\"dpd\"[^}]*\"cheapest\":true,"
                    + "\"fastest\":false\\}");
            assertThat(quote.body()).containsPattern("\"carrier\":\"dhl\"[^}]*\"cheapest\":false,\"fastest\":true");
            String dhl = quote.body().substring(quote.body().indexOf("{\"carrier\":\"dhl\""));
            String version = dhl.replaceAll("(?s)^.*?\"version\":(\\d+).*$", "$1");
            String total = TestGateway.field(dhl, "total");

            // a label missing its address is refused by the print API's checks before anything is stored
            HttpResponse<String> noAddress = gateway.post(SHIPMENTS, pda, "{\"customer\":\"C-100\",\"parcels\":"
                    + "[\"P01\",\"P02\"],\"carrier\":\"dhl\",\"service\":\"express\",\"version\":" + version
                    + ",\"weightGrams\":2350,\"lengthMm\":400,\"widthMm\":300,\"heightMm\":200,\"country\":\"DE\","
                    + "\"printer\":\"pack-1\"}");
            refused(noAddress, 422, "to_name");
            assertThat(gateway.get(PARCELS + "?customer=C-100", pda).body()).contains("P01", "P02");

            HttpResponse<String> shipped = gateway.post(SHIPMENTS, pda, "{\"customer\":\"C-100\",\"parcels\":"
                    + "[\"P01\",\"P02\"],\"carrier\":\"dhl\",\"service\":\"express\",\"version\":" + version
                    + ",\"weightGrams\":2350,\"lengthMm\":400,\"widthMm\":300,\"heightMm\":200,\"country\":\"de\","
                    + "\"postcode\":\"80331\",\"station\":\"PACK-1\",\"printer\":\"pack-1\",\"shipToName\":"
                    + "\"Ana Example\",\"shipToStreet\":\"Marienplatz 1\",\"shipToCity\":\"Muenchen\"}");
            assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(201);
            assertThat(shipped.body()).contains("\"state\":\"PENDING\"", "\"cost\":\"" + total + "\"",
                    "\"currency\":\"EUR\"", "\"parcels\":[\"P01\",\"P02\"]", "\"shipmentId\":null");
            opId = TestGateway.field(shipped.body(), "opId");
            String reference = TestGateway.field(shipped.body(), "reference");
            assertThat(reference).matches("FG[0-9A-Z]{12}");
            assertThat(TestGateway.field(shipped.body(), "printJobId")).isEqualTo("shipment-" + opId);
            awaitState(gateway, pda, "shipment-" + opId, "PRINTED");
            String zpl = Files.readString(labels(captured).get(0));
            assertThat(zpl).contains(reference).contains("DHL").contains("Ana Example").contains("80331 Muenchen");

            // the parcels are held: not offered, not packed twice
            assertThat(gateway.get(PARCELS + "?customer=C-100", pda).body())
                    .isEqualTo("{\"customer\":\"C-100\",\"parcels\":[]}");
            HttpResponse<String> again = gateway.post(SHIPMENTS, pda, "{\"customer\":\"C-100\",\"parcels\":"
                    + "[\"P02\"],\"carrier\":\"dhl\",\"service\":\"express\",\"version\":" + version
                    + ",\"weightGrams\":900,\"lengthMm\":300,\"widthMm\":200,\"heightMm\":100,\"country\":\"DE\"}");
            refused(again, 409, "P02");
            assertThat(again.body()).contains("\"error\":\"PARCEL_CONFLICT\"", "\"reason\":\"PARCEL_ALREADY_QUEUED\"");
            assertThat(gateway.get("/metrics", null).body()).contains("floorgate_shipments_pending 1")
                    .contains("floorgate_scale_connected{scale=\"pack-scale\"} 1");
        }
        try (ScaleSimulator scale = ScaleSimulator.listen(0).start();
                TestGateway gateway = new TestGateway(dir.resolve("data"), config(cards, scale, null))) {
            // a restart: the shipment is still queued for the core and its parcels still held
            String pda = gateway.reenroll("pda-pack", "acme", "SH01");
            assertThat(gateway.get("/metrics", null).body()).contains("floorgate_shipments_pending 1");
            assertThat(gateway.get(PARCELS + "?customer=C-100", pda).body()).doesNotContain("P01");
            refused(gateway.post(SHIPMENTS, pda, "{\"customer\":\"C-100\",\"parcels\":[\"P01\"],\"carrier\":\"dpd\","
                    + "\"service\":\"classic\",\"version\":1,\"weightGrams\":900,\"lengthMm\":300,\"widthMm\":200,"
                    + "\"heightMm\":100,\"country\":\"DE\"}"), 409, "P01");
            assertThat(opId).isNotBlank();
        }
    }

    @Test
    void aScaleSendingGarbageOrNothingGivesItsStateNotAFailure() throws Exception {
        Path cards = prepare();
        try (ScaleSimulator scale = ScaleSimulator.listen(0).protocol(ScaleOptions.Protocol.SICS).start();
                TestGateway gateway = new TestGateway(dir.resolve("data"), config(cards, scale, null))) {
            String pda = gateway.enroll("pda-pack", "acme", "SH01");
            scale.weight("1.2");
            scale.fault(ScaleSimulator.Fault.GARBAGE);
            HttpResponse<String> garbage = gateway.get(WEIGHT + "?scale=pack-scale", pda);
            assertThat(garbage.statusCode()).as(garbage.body()).isEqualTo(200);
            assertThat(garbage.body()).contains("\"state\":\"GARBAGE\"", "\"grams\":null", "protocol");
            refused(gateway.post(QUOTE, pda, quoteBody("\"P01\"", "\"scale\":\"pack-scale\"")), 409, "GARBAGE");

            scale.fault(ScaleSimulator.Fault.SILENCE);
            HttpResponse<String> silent = gateway.get(WEIGHT + "?scale=pack-scale", pda);
            assertThat(silent.statusCode()).as(silent.body()).isEqualTo(200);
            assertThat(silent.body()).contains("\"state\":\"NOT_ANSWERING\"", "\"grams\":null");
            HttpResponse<String> q = gateway.post(QUOTE, pda, quoteBody("\"P01\"", "\"scale\":\"pack-scale\""));
            refused(q, 409, "NOT_ANSWERING");
            assertThat(q.body()).contains("\"error\":\"SCALE_NOT_READY\"");

            scale.fault(ScaleSimulator.Fault.NONE);
            scale.stable(false);
            assertThat(gateway.get(WEIGHT + "?scale=pack-scale", pda).body()).contains("\"state\":\"UNSTABLE\"");
            refused(gateway.get(WEIGHT + "?scale=nowhere", pda), 404, "nowhere");
        }
    }

    @Test
    void aRetriedConfirmationWithTheStationsOpIdGetsTheFirstShipmentAndOneLabel() throws Exception {
        Path cards = prepare();
        Path captured = dir.resolve("labels");
        String opId = "0193a0c4-7f00-7000-8000-00000000b002";
        String version;
        String body = "{\"customer\":\"C-100\",\"parcels\":[\"P01\",\"P02\"],\"carrier\":\"dpd\","
                + "\"service\":\"classic\",\"version\":%s,\"scale\":\"pack-scale\",\"lengthMm\":400,"
                + "\"widthMm\":300,\"heightMm\":200,\"country\":\"DE\",\"postcode\":\"80331\",\"printer\":"
                + "\"pack-1\",\"shipToName\":\"Ana Example\",\"shipToStreet\":\"Marienplatz 1\",\"shipToCity\":"
                + "\"Muenchen\",\"opId\":\"%s\"}";
        try (ScaleSimulator scale = ScaleSimulator.listen(0).protocol(ScaleOptions.Protocol.SICS).start();
                PrinterSimulator printer = PrinterSimulator.builder().captureDir(captured).start();
                TestGateway gateway = new TestGateway(dir.resolve("data"), config(cards, scale, printer))) {
            scale.weight("2.35");
            String pda = gateway.enroll("pda-pack", "acme", "SH01");
            HttpResponse<String> quote = gateway.post(QUOTE, pda, quoteBody("\"P01\",\"P02\"",
                    "\"scale\":\"pack-scale\""));
            assertThat(quote.statusCode()).as(quote.body()).isEqualTo(200);
            String dpd = quote.body().substring(quote.body().indexOf("{\"carrier\":\"dpd\""));
            version = dpd.replaceAll("(?s)^.*?\"version\":(\\d+).*$", "$1");

            HttpResponse<String> first = gateway.post(SHIPMENTS, pda, String.format(body, version, opId));
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            assertThat(first.body()).contains("\"opId\":\"" + opId + "\"", "\"repeated\":false",
                    "\"weightGrams\":2350");
            String reference = TestGateway.field(first.body(), "reference");
            awaitState(gateway, pda, "shipment-" + opId, "PRINTED");

            // the answer was lost; the station sends the same confirmation again while the scale says nothing:
            // the stored shipment is the answer, nothing is weighed, priced, stored or printed again
            scale.fault(ScaleSimulator.Fault.SILENCE);
            HttpResponse<String> retry = gateway.post(SHIPMENTS, pda, String.format(body, version, opId));
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
            assertThat(retry.body()).contains("\"reference\":\"" + reference + "\"", "\"repeated\":true",
                    "\"weightGrams\":2350", "\"printJobId\":\"shipment-" + opId + "\"");
            awaitState(gateway, pda, "shipment-" + opId, "PRINTED");
            assertThat(labels(captured)).as("one label for one shipment").hasSize(1);
            assertThat(gateway.get("/metrics", null).body()).contains("floorgate_shipments_pending 1");

            // the same opId for another shipment, or for another tenant's station: refused, nothing stored
            HttpResponse<String> other = gateway.post(SHIPMENTS, pda, String.format(body, version, opId)
                    .replace("[\"P01\",\"P02\"]", "[\"P01\"]"));
            refused(other, 409, opId);
            assertThat(other.body()).contains("\"error\":\"OP_ID_REUSED\"");
            String beta = gateway.enroll("pda-beta", "beta", "SH01");
            HttpResponse<String> betaReuse = gateway.post(SHIPMENTS, beta, String.format(body, version, opId)
                    .replace("[\"P01\",\"P02\"]", "[\"P05\"]").replace(",\"printer\":\"pack-1\"", ""));
            assertThat(betaReuse.statusCode()).as(betaReuse.body()).isIn(409, 422);
            assertThat(betaReuse.body()).doesNotContain(reference);
            refused(gateway.post(SHIPMENTS, pda, String.format(body, version, "no spaces allowed")), 400, "opId");
            assertThat(gateway.get("/metrics", null).body()).contains("floorgate_shipments_pending 1");
        }
        try (ScaleSimulator scale = ScaleSimulator.listen(0).start();
                TestGateway gateway = new TestGateway(dir.resolve("data"), config(cards, scale, null))) {
            // after a restart the retry still gets the stored shipment
            String pda = gateway.reenroll("pda-pack", "acme", "SH01");
            HttpResponse<String> late = gateway.post(SHIPMENTS, pda, String.format(body, version, opId));
            assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
            assertThat(late.body()).contains("\"repeated\":true");
        }
    }

    @Test
    void whatCannotBeShippedIsRefusedNamingItAndNothingIsStored() throws Exception {
        Path cards = prepare();
        try (ScaleSimulator scale = ScaleSimulator.listen(0).start();
                TestGateway gateway = new TestGateway(dir.resolve("data"), config(cards, scale, null))) {
            String pda = gateway.enroll("pda-pack", "acme", "SH01");
            String weight = "\"weightGrams\":1800";
            HttpResponse<String> other = gateway.post(QUOTE, pda, quoteBody("\"P01\",\"P04\"", weight));
            refused(other, 409, "P04");
            assertThat(other.body()).contains("\"reason\":\"PARCEL_OF_ANOTHER_CUSTOMER\"");
            refused(gateway.post(QUOTE, pda, quoteBody("\"P99\"", weight)), 409, "P99");
            HttpResponse<String> announced = gateway.post(QUOTE, pda, quoteBody("\"P03\"", weight));
            refused(announced, 409, "P03");
            assertThat(announced.body()).contains("PARCEL_NOT_RECEIVED");
            refused(gateway.post(QUOTE, pda, "{\"customer\":\"C-100\",\"parcels\":[\"P01\"],\"weightGrams\":1800,"
                    + "\"widthMm\":300,\"heightMm\":200,\"country\":\"DE\"}"), 400, "lengthMm");
            refused(gateway.post(QUOTE, pda, quoteBody("\"P01\"", "\"weightGrams\":0")), 400, "weightGrams");
            refused(gateway.post(QUOTE, pda, "not json"), 400, "");
            HttpResponse<String> choice = gateway.post(SHIPMENTS, pda, "{\"customer\":\"C-100\",\"parcels\":"
                    + "[\"P01\"],\"carrier\":\"dhl\",\"service\":\"express\",\"version\":99,\"weightGrams\":1800,"
                    + "\"lengthMm\":300,\"widthMm\":200,\"heightMm\":100,\"country\":\"DE\"}");
            refused(choice, 409, "dhl express v99");
            assertThat(choice.body()).contains("\"error\":\"NO_SUCH_QUOTE\"");
            refused(gateway.post(SHIPMENTS, pda, "{\"customer\":\"C-100\",\"parcels\":[\"P01\"],\"carrier\":\"dpd\","
                    + "\"service\":\"classic\",\"version\":1,\"weightGrams\":1800,\"lengthMm\":300,\"widthMm\":200,"
                    + "\"heightMm\":100,\"country\":\"DE\",\"printer\":\"nowhere\"}"), 400, "printer");
            assertThat(gateway.get(PARCELS + "?customer=C-100", pda).body()).contains("P01", "P02");
            assertThat(gateway.get("/metrics", null).body()).contains("floorgate_shipments_pending 0");
            assertThat(gateway.post(QUOTE, null, quoteBody("\"P01\"", weight)).statusCode()).isEqualTo(401);

            // beta has no rate card folder: a clear refusal, naming where the cards would be
            String beta = gateway.enroll("pda-beta", "beta", "SH01");
            HttpResponse<String> noRates = gateway.post(QUOTE, beta, quoteBody("\"P05\"", weight));
            refused(noRates, 422, "beta");
            assertThat(noRates.body()).contains("\"error\":\"NO_RATES\"");
        }
    }

    @Test
    void aBadRateCardStopsTheStartNamingTheFile() throws Exception {
        Path cards = prepare();
        Files.writeString(cards.resolve("acme").resolve("dpd").resolve("broken.yml"), "carrier: dpd\nservice: x\n");
        try (ScaleSimulator scale = ScaleSimulator.listen(0).start()) {
            assertThatThrownBy(() -> new TestGateway(dir.resolve("data"), config(cards, scale, null)).close())
                    .satisfies(e -> assertThat(messages(e)).contains("broken.yml").contains("fg.rate-cards-dir"));
        }
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append('\n');
        }
        return b.toString();
    }

    private static void refused(HttpResponse<String> r, int status, String messagePart) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains("\"error\":").contains(messagePart).doesNotContain("Exception")
                .doesNotContain("dev.floorgate");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
