package dev.floorgate.lan.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.PackingParcel;
import dev.floorgate.lan.PackingParcelList;
import dev.floorgate.lan.PackingQuote;
import dev.floorgate.lan.PackingQuoteRequest;
import dev.floorgate.lan.PackingQuotes;
import dev.floorgate.lan.PackingShipment;
import dev.floorgate.lan.PackingShipmentRequest;
import dev.floorgate.lan.PackingWeight;
import java.io.IOException;

/** The JSON of the packing station types (issue 17 item 3), registered in {@link Codecs}. */
final class PackingCodecs {
    private PackingCodecs() {
    }

    static void writePackingParcel(JsonGenerator g, PackingParcel v) throws IOException {
        g.writeStartObject();
        Write.str(g, "parcelId", v.parcelId(), Write.ALWAYS);
        Write.str(g, "trackingKey", v.trackingKey(), Write.ALWAYS);
        Write.str(g, "carrier", v.carrier(), Write.ALWAYS);
        Write.str(g, "warehouse", v.warehouse(), Write.ALWAYS);
        Write.str(g, "location", v.location(), Write.ALWAYS);
        g.writeEndObject();
    }

    static PackingParcel readPackingParcel(Fields o) throws LanJsonException {
        return new PackingParcel(o.str("parcelId", true),
                o.str("trackingKey", true),
                o.str("carrier", false),
                o.str("warehouse", false),
                o.str("location", false));
    }

    static void writePackingParcelList(JsonGenerator g, PackingParcelList v) throws IOException {
        g.writeStartObject();
        Write.str(g, "customer", v.customer(), Write.ALWAYS);
        Write.list(g, "parcels", v.parcels(), Write.ALWAYS, PackingCodecs::writePackingParcel);
        g.writeEndObject();
    }

    static PackingParcelList readPackingParcelList(Fields o) throws LanJsonException {
        return new PackingParcelList(o.str("customer", true),
                o.list("parcels", true, false, PackingCodecs::readPackingParcel));
    }

    static void writePackingWeight(JsonGenerator g, PackingWeight v) throws IOException {
        g.writeStartObject();
        Write.str(g, "scale", v.scale(), Write.ALWAYS);
        Write.str(g, "state", v.state(), Write.ALWAYS);
        Write.number(g, "grams", v.grams(), Write.ALWAYS);
        Write.str(g, "message", v.message(), Write.ALWAYS);
        g.writeEndObject();
    }

    static PackingWeight readPackingWeight(Fields o) throws LanJsonException {
        return new PackingWeight(o.str("scale", true),
                o.str("state", true),
                o.boxedLong("grams", false),
                o.str("message", false));
    }

    static void writePackingQuoteRequest(JsonGenerator g, PackingQuoteRequest v) throws IOException {
        g.writeStartObject();
        Write.str(g, "customer", v.customer(), Write.ALWAYS);
        Write.strings(g, "parcels", v.parcels(), Write.ALWAYS);
        Write.number(g, "weightGrams", v.weightGrams(), Write.ALWAYS);
        Write.str(g, "scale", v.scale(), Write.ALWAYS);
        Write.number(g, "lengthMm", v.lengthMm(), Write.ALWAYS);
        Write.number(g, "widthMm", v.widthMm(), Write.ALWAYS);
        Write.number(g, "heightMm", v.heightMm(), Write.ALWAYS);
        Write.str(g, "country", v.country(), Write.ALWAYS);
        Write.str(g, "postcode", v.postcode(), Write.ALWAYS);
        Write.bool(g, "residential", v.residential(), Write.ALWAYS);
        g.writeEndObject();
    }

    static PackingQuoteRequest readPackingQuoteRequest(Fields o) throws LanJsonException {
        return new PackingQuoteRequest(o.str("customer", true),
                o.strings("parcels", true),
                o.boxedLong("weightGrams", false),
                o.str("scale", false),
                o.boxedInteger("lengthMm", true),
                o.boxedInteger("widthMm", true),
                o.boxedInteger("heightMm", true),
                o.str("country", true),
                o.str("postcode", false),
                o.boxedBool("residential", false));
    }

    static void writePackingQuote(JsonGenerator g, PackingQuote v) throws IOException {
        g.writeStartObject();
        Write.str(g, "carrier", v.carrier(), Write.ALWAYS);
        Write.str(g, "service", v.service(), Write.ALWAYS);
        Write.number(g, "version", v.version(), Write.ALWAYS);
        Write.str(g, "zone", v.zone(), Write.ALWAYS);
        Write.str(g, "total", v.total(), Write.ALWAYS);
        Write.str(g, "base", v.base(), Write.ALWAYS);
        Write.str(g, "fuel", v.fuel(), Write.ALWAYS);
        Write.str(g, "fees", v.fees(), Write.ALWAYS);
        Write.str(g, "currency", v.currency(), Write.ALWAYS);
        Write.strings(g, "feeLines", v.feeLines(), Write.ALWAYS);
        Write.number(g, "billableGrams", v.billableGrams(), Write.ALWAYS);
        Write.number(g, "transitDays", v.transitDays(), Write.ALWAYS);
        Write.bool(g, "cheapest", v.cheapest(), Write.ALWAYS);
        Write.bool(g, "fastest", v.fastest(), Write.ALWAYS);
        g.writeEndObject();
    }

    static PackingQuote readPackingQuote(Fields o) throws LanJsonException {
        return new PackingQuote(o.str("carrier", true),
                o.str("service", true),
                o.integer("version", true),
                o.str("zone", true),
                o.str("total", true),
                o.str("base", true),
                o.str("fuel", true),
                o.str("fees", true),
                o.str("currency", true),
                o.strings("feeLines", true),
                o.lng("billableGrams", true),
                o.integer("transitDays", true),
                o.bool("cheapest", true),
                o.bool("fastest", true));
    }

    static void writePackingQuotes(JsonGenerator g, PackingQuotes v) throws IOException {
        g.writeStartObject();
        Write.str(g, "customer", v.customer(), Write.ALWAYS);
        Write.number(g, "weightGrams", v.weightGrams(), Write.ALWAYS);
        Write.list(g, "quotes", v.quotes(), Write.ALWAYS, PackingCodecs::writePackingQuote);
        Write.strings(g, "unquoted", v.unquoted(), Write.ALWAYS);
        g.writeEndObject();
    }

    static PackingQuotes readPackingQuotes(Fields o) throws LanJsonException {
        return new PackingQuotes(o.str("customer", true),
                o.lng("weightGrams", true),
                o.list("quotes", true, false, PackingCodecs::readPackingQuote),
                o.strings("unquoted", true));
    }

    static void writePackingShipmentRequest(JsonGenerator g, PackingShipmentRequest v) throws IOException {
        g.writeStartObject();
        Write.str(g, "customer", v.customer(), Write.ALWAYS);
        Write.strings(g, "parcels", v.parcels(), Write.ALWAYS);
        Write.str(g, "carrier", v.carrier(), Write.ALWAYS);
        Write.str(g, "service", v.service(), Write.ALWAYS);
        Write.number(g, "version", v.version(), Write.ALWAYS);
        Write.number(g, "weightGrams", v.weightGrams(), Write.ALWAYS);
        Write.str(g, "scale", v.scale(), Write.ALWAYS);
        Write.number(g, "lengthMm", v.lengthMm(), Write.ALWAYS);
        Write.number(g, "widthMm", v.widthMm(), Write.ALWAYS);
        Write.number(g, "heightMm", v.heightMm(), Write.ALWAYS);
        Write.str(g, "country", v.country(), Write.ALWAYS);
        Write.str(g, "postcode", v.postcode(), Write.ALWAYS);
        Write.bool(g, "residential", v.residential(), Write.ALWAYS);
        Write.str(g, "station", v.station(), Write.ALWAYS);
        Write.str(g, "printer", v.printer(), Write.ALWAYS);
        Write.str(g, "shipToName", v.shipToName(), Write.ALWAYS);
        Write.str(g, "shipToStreet", v.shipToStreet(), Write.ALWAYS);
        Write.str(g, "shipToCity", v.shipToCity(), Write.ALWAYS);
        Write.str(g, "opId", v.opId(), Write.ALWAYS);
        g.writeEndObject();
    }

    static PackingShipmentRequest readPackingShipmentRequest(Fields o) throws LanJsonException {
        return new PackingShipmentRequest(o.str("customer", true),
                o.strings("parcels", true),
                o.str("carrier", true),
                o.str("service", true),
                o.boxedInteger("version", true),
                o.boxedLong("weightGrams", false),
                o.str("scale", false),
                o.boxedInteger("lengthMm", true),
                o.boxedInteger("widthMm", true),
                o.boxedInteger("heightMm", true),
                o.str("country", true),
                o.str("postcode", false),
                o.boxedBool("residential", false),
                o.str("station", false),
                o.str("printer", false),
                o.str("shipToName", false),
                o.str("shipToStreet", false),
                o.str("shipToCity", false),
                o.str("opId", false));
    }

    static void writePackingShipment(JsonGenerator g, PackingShipment v) throws IOException {
        g.writeStartObject();
        Write.str(g, "opId", v.opId(), Write.ALWAYS);
        Write.str(g, "reference", v.reference(), Write.ALWAYS);
        Write.str(g, "state", v.state(), Write.ALWAYS);
        Write.str(g, "shipmentId", v.shipmentId(), Write.ALWAYS);
        Write.str(g, "customer", v.customer(), Write.ALWAYS);
        Write.strings(g, "parcels", v.parcels(), Write.ALWAYS);
        Write.str(g, "carrier", v.carrier(), Write.ALWAYS);
        Write.str(g, "service", v.service(), Write.ALWAYS);
        Write.number(g, "version", v.version(), Write.ALWAYS);
        Write.str(g, "cost", v.cost(), Write.ALWAYS);
        Write.str(g, "currency", v.currency(), Write.ALWAYS);
        Write.number(g, "weightGrams", v.weightGrams(), Write.ALWAYS);
        Write.str(g, "printJobId", v.printJobId(), Write.ALWAYS);
        Write.str(g, "failure", v.failure(), Write.ALWAYS);
        Write.str(g, "packedAt", v.packedAt(), Write.ALWAYS);
        g.writeBooleanField("repeated", v.repeated());
        g.writeEndObject();
    }

    static PackingShipment readPackingShipment(Fields o) throws LanJsonException {
        return new PackingShipment(o.str("opId", true),
                o.str("reference", true),
                o.str("state", true),
                o.str("shipmentId", false),
                o.str("customer", true),
                o.strings("parcels", true),
                o.str("carrier", true),
                o.str("service", true),
                o.integer("version", true),
                o.str("cost", true),
                o.str("currency", true),
                o.lng("weightGrams", true),
                o.str("printJobId", false),
                o.str("failure", false),
                o.str("packedAt", true),
                o.bool("repeated", false));
    }
}
