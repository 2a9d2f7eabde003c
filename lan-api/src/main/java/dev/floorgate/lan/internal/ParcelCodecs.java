package dev.floorgate.lan.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.ParcelIntakeList;
import dev.floorgate.lan.ParcelIntakeReceipt;
import dev.floorgate.lan.ParcelIntakeRequest;
import java.io.IOException;

/** The JSON of the parcel intake types (issue 17), registered in {@link Codecs}. */
final class ParcelCodecs {
    private ParcelCodecs() {
    }

    static void writeParcelIntakeRequest(JsonGenerator g, ParcelIntakeRequest v) throws IOException {
        g.writeStartObject();
        Write.str(g, "scan", v.scan(), Write.ALWAYS);
        Write.str(g, "aimId", v.aimId(), Write.NON_NULL);
        Write.str(g, "location", v.location(), Write.ALWAYS);
        Write.str(g, "station", v.station(), Write.NON_NULL);
        Write.str(g, "printer", v.printer(), Write.NON_NULL);
        g.writeEndObject();
    }

    static ParcelIntakeRequest readParcelIntakeRequest(Fields o) throws LanJsonException {
        return new ParcelIntakeRequest(o.str("scan", true), o.str("aimId", false), o.str("location", true),
                o.str("station", false), o.str("printer", false));
    }

    static void writeParcelIntakeReceipt(JsonGenerator g, ParcelIntakeReceipt v) throws IOException {
        g.writeStartObject();
        Write.str(g, "opId", v.opId(), Write.ALWAYS);
        Write.str(g, "tenant", v.tenant(), Write.ALWAYS);
        Write.str(g, "warehouse", v.warehouse(), Write.ALWAYS);
        Write.str(g, "trackingKey", v.trackingKey(), Write.ALWAYS);
        Write.str(g, "carrier", v.carrier(), Write.ALWAYS);
        Write.str(g, "location", v.location(), Write.ALWAYS);
        Write.str(g, "station", v.station(), Write.ALWAYS);
        Write.str(g, "state", v.state(), Write.ALWAYS);
        Write.str(g, "owner", v.owner(), Write.ALWAYS);
        Write.str(g, "ownerName", v.ownerName(), Write.ALWAYS);
        Write.str(g, "parcelId", v.parcelId(), Write.ALWAYS);
        g.writeBooleanField("repeated", v.repeated());
        Write.str(g, "failure", v.failure(), Write.ALWAYS);
        Write.str(g, "scannedAt", v.scannedAt(), Write.ALWAYS);
        Write.str(g, "printJobId", v.printJobId(), Write.ALWAYS);
        g.writeEndObject();
    }

    static ParcelIntakeReceipt readParcelIntakeReceipt(Fields o) throws LanJsonException {
        return new ParcelIntakeReceipt(o.str("opId", true), o.str("tenant", false), o.str("warehouse", false),
                o.str("trackingKey", true), o.str("carrier", false), o.str("location", false),
                o.str("station", false), o.str("state", true), o.str("owner", false), o.str("ownerName", false),
                o.str("parcelId", false), o.bool("repeated", false), o.str("failure", false),
                o.str("scannedAt", false), o.str("printJobId", false));
    }

    static void writeParcelIntakeList(JsonGenerator g, ParcelIntakeList v) throws IOException {
        g.writeStartObject();
        Write.list(g, "intakes", v.intakes(), Write.ALWAYS, ParcelCodecs::writeParcelIntakeReceipt);
        g.writeEndObject();
    }

    static ParcelIntakeList readParcelIntakeList(Fields o) throws LanJsonException {
        return new ParcelIntakeList(o.list("intakes", false, false, ParcelCodecs::readParcelIntakeReceipt));
    }
}
